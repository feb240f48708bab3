/**
 * The one YAML (and JSON) reader for configuration files: ENV files, AgentBench configs, price tables.
 * Errors are ConfigErrors naming `file:line:col`; a `secret` file's errors never quote its text (a
 * parser message may show the offending value), and alias cycles are refused before anyone walks them.
 */
import { readFile } from "node:fs/promises";
import { isMap, isScalar, isSeq, LineCounter, parse, parseDocument, YAMLParseError } from "yaml";
import { ConfigError } from "../errors.ts";
import { isCyclic } from "./is-cyclic.ts";

export interface ParseYamlOptions {
  /** Name of what is being read, for the ConfigError ("env file", "agentbench config"). */
  source: string;
  /** The file's text may hold secrets: report positions only. */
  secret?: boolean;
  /** Parse as JSON instead (same errors and checks). */
  json?: boolean;
  /** Keep big integers exact (ENV files: a numeric token must not lose digits). */
  intAsBigInt?: boolean;
  /** Leave alias cycles to the caller (ENV files report them per key). Default: refuse them here. */
  allowCycles?: boolean;
}

/** ":line:col" of a JSON.parse error (Node reports "at position N"), else "". */
export function jsonErrorWhere(error: unknown, text: string): string {
  const position = /at position (\d+)/.exec(error instanceof Error ? error.message : "");
  if (!position) return "";
  const before = text.slice(0, Number(position[1]));
  const line = before.split("\n").length;
  return `:${line}:${before.length - before.lastIndexOf("\n")}`;
}

/** `text` of `file` parsed, or a ConfigError that names the file and position. */
export function parseYaml(text: string, file: string, options: ParseYamlOptions): unknown {
  const kind = options.json ? "JSON" : "YAML";
  let data: unknown;
  try {
    if (options.json) {
      data = JSON.parse(text);
      // Read again as YAML's JSON schema, which keeps `2` (bigint) and `2.0` (number) apart as JSON.parse cannot.
      if (options.intAsBigInt) data = parse(text, { logLevel: "error", schema: "json", intAsBigInt: true, uniqueKeys: false });
    } else {
      data = parse(text, { logLevel: "error", ...(options.intAsBigInt ? { intAsBigInt: true } : {}) });
    }
  } catch (error) {
    const where = error instanceof YAMLParseError ? `:${error.linePos?.[0].line ?? "?"}:${error.linePos?.[0].col ?? "?"}` : jsonErrorWhere(error, text);
    if (options.secret) throw new ConfigError(options.source, [`${file}${where}: invalid ${kind}`]);
    throw new ConfigError(options.source, [`${file}${where}: invalid ${kind}: ${(error as Error).message}`], { cause: error });
  }
  if (!options.allowCycles && isCyclic(data)) throw new ConfigError(options.source, [`${file}: a YAML alias refers to itself (cycle)`]);
  return data;
}

/** The YAML (or JSON) file at `path` parsed; a file that cannot be read is a ConfigError naming `display` too. */
export async function readYaml(path: string, display: string, options: ParseYamlOptions): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new ConfigError(options.source, [`${display}: cannot read: ${(error as Error).message}`], { cause: error });
  }
  return parseYaml(text, display, options);
}

/**
 * The 1-based line of the value at `path` ("assignments[1].task") in YAML `text`: for a mapping key
 * the line of the key, else of the item; undefined when the path is not in the text.
 */
export function lineOfPath(text: string, path: string): number | undefined {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, logLevel: "silent" });
  let node: unknown = doc.contents;
  let at: number | undefined;
  for (const part of path.match(/[^.[\]]+/g) ?? []) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === part);
      if (!pair) return undefined;
      at = (pair.key as { range?: [number, number, number] }).range?.[0];
      node = pair.value;
    } else if (isSeq(node) && /^\d+$/.test(part)) {
      node = node.items[Number(part)];
      at = (node as { range?: [number, number, number] } | undefined)?.range?.[0];
      if (node === undefined) return undefined;
    } else return undefined;
  }
  return at === undefined ? undefined : counter.linePos(at).line;
}
