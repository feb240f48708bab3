/** The Action's history seeding: which baseline it seeds from and the summary line and warning it writes, on real folders. */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BaselineSource } from "../../action/baseline.ts";
import type { ActionContext } from "../../action/context.ts";
import { seedHistory, type SeedDeps } from "../../action/history-seed.ts";
import { readInputs } from "../../action/inputs.ts";
import type { GitHubApi } from "../../action/types.ts";

const entry = (streak: number) => ({ scenario: "math", streak, "success_%": 100 });

describe("seedHistory", () => {
  const ctx: ActionContext = { eventName: "pull_request", owner: "o", repo: "r", runId: 9, runAttempt: 1, sha: "", headSha: "", ref: "", serverUrl: "https://github.com", apiUrl: "" };
  const noGitHub = (): GitHubApi => { throw new Error("no REST call expected"); };

  function setup(inputs: Record<string, string> = {}) {
    const root = mkdtempSync(join(tmpdir(), "bench-history-seed-"));
    const warnings: string[] = [];
    const deps: SeedDeps = {
      github: noGitHub, now: new Date(), tempDir: root, cwd: root, warn: (m) => void warnings.push(m),
      artifacts: { upload: async () => ({ id: 0, size: 0 }), listCurrentRun: async () => [], download: async () => undefined, delete: async () => undefined },
    };
    const folder = (name: string, files: Record<string, string>): string => {
      const dir = join(root, name);
      mkdirSync(dir, { recursive: true });
      for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
      return dir;
    };
    const found = (...paths: string[]): BaselineSource => ({ info: { state: "found", note: "x" }, paths });
    const seed = (source: BaselineSource, only?: ReadonlySet<string>) => seedHistory(readInputs((n) => inputs[n] ?? ""), ctx, join(root, "Results"), source, deps, only);
    const read = (file: string): unknown => JSON.parse(readFileSync(join(root, "Results", file), "utf8"));
    return { root, warnings, folder, found, seed, read };
  }

  it("copies a sharded baseline's merged history into an empty Results", async () => {
    const t = setup();
    const s1 = t.folder("bench-results-shard-1-of-2", { "success_rate.json": '{"x": [true, true, true]}', "regression_tests.json": JSON.stringify({ x: entry(3) }) });
    const s2 = t.folder("bench-results-shard-2-of-2", { "success_rate.json": '{"y": [false]}' });
    assert.equal(await t.seed(t.found(s1, s2)), "2 tests from the baseline (1 regression test)");
    assert.deepEqual(t.read("success_rate.json"), { x: [true, true, true], y: [false] });
    assert.deepEqual(t.read("regression_tests.json"), { x: entry(3) });
    assert.deepEqual(t.warnings, []);
  });

  it("a shard job seeds only its own tasks, so the shards' histories stay disjoint", async () => {
    const t = setup();
    const s1 = t.folder("bench-results-shard-1-of-2", { "success_rate.json": '{"x": [true, true, true], "__proto__": [true]}', "regression_tests.json": JSON.stringify({ x: entry(3) }) });
    const s2 = t.folder("bench-results-shard-2-of-2", { "success_rate.json": '{"y": [false], "z": [true]}' });
    assert.equal(await t.seed(t.found(s1, s2), new Set(["y", "__proto__", "not-in-history"])), "2 tests of this shard from the baseline (0 regression tests)");
    const rates = t.read("success_rate.json") as Record<string, unknown>;
    assert.deepEqual(Object.keys(rates).sort(), ["__proto__", "y"]);
    assert.deepEqual(rates["y"], [false]);
    assert.deepEqual(t.read("regression_tests.json"), {});
  });

  it("keeps a Results that has its own history, and seeds nothing with history: none", async () => {
    const t = setup();
    const base = t.folder("base", { "success_rate.json": '{"x": [true]}' });
    t.folder("Results", { "success_rate.json": '{"mine": [false]}' });
    assert.equal(await t.seed(t.found(base)), "kept the history already in `Results`");
    assert.deepEqual(t.read("success_rate.json"), { mine: [false] });
    const off = setup({ history: "none" });
    assert.equal(await off.seed(off.found(off.folder("base", { "success_rate.json": '{"x": [true]}' }))), "not seeded (history: none)");
  });

  it("says why nothing was seeded: no baseline, a tabulation file, no history files", async () => {
    const t = setup();
    assert.equal(await t.seed({ info: { state: "missing", note: "gone" }, paths: [] }), "fresh (no baseline to seed from)");
    const file = join(t.folder("tab", { "t.json": "{}" }), "t.json");
    assert.equal(await t.seed(t.found(file)), "fresh (the baseline is a tabulation file, not a results folder)");
    assert.equal(await t.seed(t.found(t.folder("empty", {}))), "fresh (the baseline has no history files)");
  });

  it("a corrupt or misshapen history file is a warning and a fresh start", async () => {
    const t = setup();
    const shape = t.folder("shaped", { "success_rate.json": '{"x": [true, "yes"]}' });
    assert.equal(await t.seed(t.found(shape)), "fresh (the history of the baseline is unreadable)");
    const broken = t.folder("broken", { "regression_tests.json": "[]" });
    assert.equal(await t.seed(t.found(broken)), "fresh (the history of the baseline is unreadable)");
    assert.deepEqual(t.warnings, [
      `The history of the baseline is unreadable, starting with a fresh history: Invalid ${join(shape, "success_rate.json")}: "x" is not a list of true, false or null`,
      `The history of the baseline is unreadable, starting with a fresh history: Invalid ${join(broken, "regression_tests.json")}: not a JSON object`,
    ]);
    const good = t.folder("good", { "success_rate.json": '{"x": [true]}' });
    const bad = t.folder("bad", { "success_rate.json": '{"x": [tru' });
    assert.equal(await t.seed(t.found(good, bad)), "fresh (the history of the baseline is unreadable)", "one bad shard: nothing seeded");
    assert.match(t.warnings[2] ?? "", /^The history of the baseline is unreadable, starting with a fresh history: Invalid \S+\/bad\/success_rate\.json: not valid JSON: .+$/);
    assert.throws(() => readFileSync(join(t.root, "Results", "success_rate.json")), { code: "ENOENT" });
  });

  it("rejects a bad history input with the others' wording", () => {
    assert.throws(() => readInputs((n) => (n === "history" ? "keep" : "")), {
      name: "ConfigError",
      message: "Invalid action inputs:\n  input 'history' must be one of baseline | none, got \"keep\"",
    });
    assert.equal(readInputs(() => "").history, "baseline");
  });
});
