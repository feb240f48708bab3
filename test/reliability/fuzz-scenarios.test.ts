/**
 * Hostile scenario JSONL (issue 8): arbitrary text, scenario-shaped objects with hostile fields,
 * paths that leave the run folder ([src, dst], substitution files) and template symlinks pointing
 * anywhere. Every case either loads or is rejected with a ConfigError; escapes are always rejected.
 */
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, mkdirSync, writeFileSync, rmSync, symlinkSync, unlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve, relative, isAbsolute } from "node:path";
import fc from "fast-check";
import { ConfigError, loadScenarios } from "../../sdk/index.ts";
import { RUNS, acceptedOrConfigError, anyPath, escapingPath } from "./fuzz-helpers.ts";

// Template sources are resolved from a folder 8 levels deep, so generated ".." stay in our temp tree
// (a template of "/" would walk the whole disk: absolute sources are kept to a few fixed ones).
let top: string;
let root: string;
before(() => {
  top = mkdtempSync(join(process.env.BENCH_FUZZ_TMP ?? "/dev/shm", "bench-fuzz-"));
  root = join(top, "1/2/3/4/5/6/7/8");
  mkdirSync(join(root, "T/sub"), { recursive: true });
  writeFileSync(join(root, "T/a.txt"), "hello __X__\n");
  writeFileSync(join(root, "T/sub/b.txt"), "b\n");
  symlinkSync("a.txt", join(root, "T/link.txt"));
  mkdirSync(join(root, "L"));
  writeFileSync(join(root, "L/ok.txt"), "ok\n");
  writeFileSync(join(root, "secret.txt"), "outside\n");
});
after(() => rmSync(top, { recursive: true, force: true }));

const load = (text: string) => acceptedOrConfigError(() => loadScenarios("-", { cwd: root, stdin: text, globalTemplate: null }));
const json = fc.jsonValue({ maxDepth: 3 });
const id = fc.oneof(fc.constantFrom("t1", ".", "..", "a/b", "../x", "", "a b", "x".repeat(201)), fc.string({ maxLength: 12 }));
const srcPath = anyPath.map((p) => (p.startsWith("/") ? `/nonexistent-bench-fuzz/1/2/3/4/5/6/7/8${p}` : p));
const template = fc.oneof(
  fc.constantFrom("T", "T/a.txt", "./T", "L", "/etc/hostname"),
  srcPath,
  fc.array(fc.tuple(fc.oneof(fc.constant("T"), fc.constant("T/a.txt"), srcPath), fc.oneof(fc.constant("dst"), anyPath)), { maxLength: 3 }),
  json.filter((v) => typeof v !== "string"), // a generated string such as "/." would copy the whole disk
);
const substitutions = fc.oneof(
  fc.dictionary(fc.oneof(fc.constantFrom("a.txt", "sub/b.txt", "link.txt", "./a.txt"), anyPath), fc.oneof(fc.dictionary(fc.string({ maxLength: 6 }), fc.string({ maxLength: 6 }), { maxKeys: 2 }), json), { maxKeys: 3 }),
  json,
);
const scenarioLike = fc.record({ id, template, substitutions, command: json, timeout: json, extra: json }, { requiredKeys: [] });

function inside(path: string): boolean {
  const rel = relative("/run", resolve("/run", path));
  return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
}

describe("fuzz: scenario JSONL loader", () => {
  it(`arbitrary text on stdin: loads or throws a ConfigError (${RUNS} cases)`, async () => {
    const line = fc.oneof(fc.string({ unit: "binary", maxLength: 80 }), json.map((v) => JSON.stringify(v)), scenarioLike.map((v) => JSON.stringify(v)));
    await fc.assert(fc.asyncProperty(fc.array(line, { maxLength: 4 }), async (lines) => {
      await load(lines.join(lines.length % 2 ? "\n" : "\r\n"));
    }), { numRuns: RUNS, timeout: 5000, endOnFailure: true });
  });

  it(`scenario-shaped lines with hostile fields: accepted ones name only folders and paths inside the run folder (${RUNS} cases)`, async () => {
    await fc.assert(fc.asyncProperty(scenarioLike, async (value) => {
      const out = await load(JSON.stringify(value));
      if (out instanceof ConfigError) return;
      for (const s of out.scenarios) {
        assert.match(s.id, /^[A-Za-z0-9._-]+$/);
        assert.ok(s.id !== "." && s.id !== "..");
        if (Array.isArray(s.template)) for (const entry of s.template) assert.ok(inside(entry[1] ?? ""), `dst escapes: ${entry[1]}`);
        for (const file of Object.keys(s.substitutions)) assert.ok(inside(file), `substitution file escapes: ${file}`);
      }
    }), { numRuns: RUNS, timeout: 5000, endOnFailure: true });
  });

  it(`a dst or substitution file name that leaves the run folder is always rejected (${RUNS} cases)`, async () => {
    await fc.assert(fc.asyncProperty(escapingPath, fc.boolean(), async (path, asDst) => {
      const value = asDst
        ? { id: "t1", template: [["T", path]] }
        : { id: "t1", template: "T", substitutions: { [path]: { __X__: "y" } } };
      const out = await load(JSON.stringify(value));
      assert.ok(out instanceof ConfigError, `accepted ${JSON.stringify(path)}`);
      assert.ok(out.issues.some((issue) => issue.includes(asDst ? "/template/0/1" : "/substitutions/")), out.issues.join("\n"));
    }), { numRuns: RUNS, timeout: 5000, endOnFailure: true });
  });

  it(`a template symlink whose target resolves outside the template is always rejected (${RUNS} cases)`, async () => {
    const target = fc.oneof(escapingPath, fc.constantFrom("../secret.txt", root, "/etc/passwd", "../../..", "ok.txt/../../secret.txt"));
    const link = join(root, "L/link");
    await fc.assert(fc.asyncProperty(target, async (to) => {
      rmSync(link, { force: true, recursive: false });
      symlinkSync(to, link);
      try {
        const out = await load(JSON.stringify({ id: "t1", template: "L" }));
        const resolved = resolve(root, "L", to);
        const stays = !relative(join(root, "L"), resolved).startsWith("..") && !isAbsolute(relative(join(root, "L"), resolved));
        if (!stays) assert.ok(out instanceof ConfigError, `accepted symlink -> ${JSON.stringify(to)}`);
      } finally {
        unlinkSync(link);
      }
    }), { numRuns: RUNS, timeout: 5000, endOnFailure: true });
  });
});
