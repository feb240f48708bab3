/**
 * `bench lint --codebook FILE`: the codes the model may apply (agbench's coder's code set). YAML or
 * JSON: a list of codes, `{codes: [...]}` (an agbench coded document), or a `bench lint --out` report
 * (the codes of all its documents, first definition of a name wins). Every problem is reported at
 * once as `file:line: codes[i].field: message`. docs/lint.md#codebooks.
 */
import { readFile } from "node:fs/promises";
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type YAMLMap } from "yaml";
import { parseYaml } from "../config/parse-yaml.ts";
import { ConfigError } from "../errors.ts";
import { normaliseCodeName, type LintCode, type Severity } from "./lint-types.ts";

const KNOWN = new Set(["name", "definition", "severity", "examples", "id", "merged_from", "more"]);

/** The codes of a codebook file; a ConfigError listing every problem as `file:line: codes[i].field: …`. */
export async function loadCodebook(file: string): Promise<LintCode[]> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new ConfigError("codebook", [`${file}: cannot read: ${(error as Error).message}`], { cause: error });
  }
  parseYaml(text, file, { source: "codebook", json: file.endsWith(".json") });
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter });
  const lineOf = (node: unknown) => (node && typeof node === "object" && "range" in node && Array.isArray(node.range) ? counter.linePos(node.range[0] as number).line : 1);
  const issues: string[] = [];
  const at = (node: unknown, path: string, message: string) => issues.push(`${file}:${lineOf(node)}: ${path}: ${message}`);
  const root = doc.contents;
  const lists: { node: Node; path: string; merge: boolean }[] = [];
  if (isSeq(root)) lists.push({ node: root, path: "", merge: false });
  else if (isMap(root) && root.has("codes")) lists.push({ node: root.get("codes", true) as Node, path: "codes", merge: false });
  else if (isMap(root) && isSeq(root.get("documents", true))) {
    const docs = root.get("documents", true) as Node & { items: unknown[] };
    docs.items.forEach((item, i) => {
      if (isMap(item) && item.has("codes")) lists.push({ node: item.get("codes", true) as Node, path: `documents[${i}].codes`, merge: true });
    });
  } else issues.push(`${file}:${lineOf(root)}: expected a list of codes, {codes: [...]} or a bench lint --out report`);
  const codes = new Map<string, LintCode>();
  const lines = new Map<string, number>();
  for (const list of lists) {
    if (!isSeq(list.node)) {
      at(list.node, list.path || "(top)", "expected a list of codes");
      continue;
    }
    list.node.items.forEach((item, i) => {
      const path = `${list.path}[${i}]`;
      if (!isMap(item)) return at(item, path, "expected a mapping with name and definition");
      const { name, code } = readCode(item as YAMLMap, path, at);
      if (name === undefined) return;
      const seen = lines.get(name);
      if (seen === undefined) {
        lines.set(name, lineOf(item));
        if (code) codes.set(name, code);
      } else if (!list.merge) at(item.get("name", true), `${path}.name`, `'${name}' is already defined at line ${seen}`);
    });
  }
  if (issues.length === 0 && codes.size === 0) issues.push(`${file}: no codes`);
  if (issues.length > 0) throw new ConfigError("codebook", issues);
  return [...codes.values()];
}

type At = (node: unknown, path: string, message: string) => void;

/** The code's normalised name (for duplicates, even when the code is invalid) and the code when valid. */
function readCode(item: YAMLMap, path: string, at: At): { name?: string; code?: LintCode } {
  let ok = true;
  const fail = (node: unknown, field: string, message: string) => {
    at(node ?? item, `${path}.${field}`, message);
    ok = false;
  };
  for (const pair of item.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    if (!KNOWN.has(key)) fail(pair.key, key, `unknown field (a code has name, definition, severity, examples)`);
  }
  const text = (field: string): string | undefined => {
    const node = item.get(field, true);
    if (node === undefined) return void fail(item, field, "missing");
    const value = isScalar(node) ? node.value : undefined;
    if (typeof value !== "string" || value.trim() === "") return void fail(node, field, "expected a non-empty string");
    return value.trim();
  };
  const rawName = text("name");
  const name = rawName === undefined ? undefined : normaliseCodeName(rawName);
  if (rawName !== undefined && name === "") fail(item.get("name", true), "name", `'${rawName}' has no letters or hyphens (names are lower case, hyphen-separated)`);
  const definition = text("definition");
  let severity: Severity = 1;
  const sev = item.get("severity", true);
  if (sev !== undefined) {
    const value = isScalar(sev) ? sev.value : undefined;
    if (value === 0 || value === 1 || value === 2) severity = value;
    else fail(sev, "severity", `expected 0, 1 or 2, got ${JSON.stringify(isScalar(sev) ? sev.value : "a collection")}`);
  }
  const examples: string[] = [];
  const ex = item.get("examples", true);
  if (ex !== undefined) {
    if (!isSeq(ex)) fail(ex, "examples", "expected a list");
    else ex.items.forEach((e, i) => {
      const reason = isScalar(e) ? e.value : isMap(e) ? (e.get("reason", true) as Node | undefined) : undefined;
      const value = isScalar(reason) ? reason.value : reason;
      if (typeof value === "string" && value.trim() !== "") examples.push(value.trim());
      else fail(e, `examples[${i}]`, "expected a string or a mapping with a reason");
    });
  }
  const named = name === undefined || name === "" ? {} : { name };
  if (!ok || name === undefined || definition === undefined) return named;
  return { ...named, code: { name, definition, severity, examples: examples.map((reason) => ({ reason, line_content: "", line: 0, line_end: 0 })) } };
}
