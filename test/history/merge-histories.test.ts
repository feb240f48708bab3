/** Combining histories (pure) and seeding an empty results root from a baseline's folders (real files). */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { mergeHistories, restrictHistory } from "../../src/history/merge-histories.ts";
import { seedHistory } from "../../src/history/seed-history.ts";

const entry = (streak: number) => ({ scenario: "math", streak, "success_%": 100 });

describe("mergeHistories", () => {
  it("unions the shards' tasks; a task in several takes list and regression entry from its longest list", () => {
    const shard1 = {
      successRate: { a: [true, true, true], b: [true, true, true, true], only1: [false] },
      regression: { a: entry(3), b: entry(4) },
    };
    const shard2 = {
      successRate: { a: [true, true, true, true], b: [true, true, true, true, false], only2: [true] },
      regression: { a: entry(4), lonely: entry(3) },
    };
    const merged = mergeHistories([shard1, shard2]);
    assert.deepEqual(merged, {
      successRate: { a: [true, true, true, true], b: [true, true, true, true, false], only1: [false], only2: [true] },
      // b's longest list (shard 2) ends in a failure and has no entry: b is no regression test any more.
      regression: { a: entry(4), lonely: entry(3) },
    });
    assert.notEqual(merged.successRate["a"], shard2.successRate.a, "lists are copied");
  });

  it("keeps the earlier folder on a tie, handles none and one, and keeps a __proto__ task id a plain key", () => {
    const first = { successRate: { t: [true, false] }, regression: {} };
    const second = { successRate: { t: [false, true] }, regression: {} };
    assert.deepEqual(mergeHistories([first, second]).successRate, { t: [true, false] });
    assert.deepEqual(mergeHistories([]), { successRate: {}, regression: {} });
    assert.deepEqual(mergeHistories([second]), second);
    const odd = JSON.parse('{"__proto__": [true]}') as Record<string, boolean[]>;
    const merged = mergeHistories([{ successRate: odd, regression: {} }]);
    assert.deepEqual(Object.keys(merged.successRate), ["__proto__"]);
    assert.equal(Object.getPrototypeOf(merged.successRate), Object.prototype);
  });
});

describe("restrictHistory", () => {
  it("keeps only the given task ids, a __proto__ id as a plain key", () => {
    const odd = JSON.parse('{"__proto__": [true], "x": [false], "y": [true]}') as Record<string, boolean[]>;
    const part = restrictHistory({ successRate: odd, regression: { y: entry(3), z: entry(5) } }, new Set(["__proto__", "y", "absent"]));
    assert.deepEqual(Object.keys(part.successRate).sort(), ["__proto__", "y"]);
    assert.deepEqual(part.regression, { y: entry(3) });
  });
});

describe("seedHistory", () => {
  function setup() {
    const root = mkdtempSync(join(tmpdir(), "bench-seed-history-"));
    const folder = (name: string, files: Record<string, string>): string => {
      const dir = join(root, name);
      mkdirSync(dir, { recursive: true });
      for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
      return dir;
    };
    const results = join(root, "Results");
    const read = (file: string): unknown => JSON.parse(readFileSync(join(results, file), "utf8"));
    return { root, folder, results, read };
  }

  it("writes the shards' merged history into an empty results root, or a shard's own part of it", async () => {
    const t = setup();
    const s1 = t.folder("s1", { "success_rate.json": '{"x": [true, true, true], "w": [null, false]}', "regression_tests.json": JSON.stringify({ x: entry(3) }) });
    const s2 = t.folder("s2", { "success_rate.json": '{"y": [false]}' });
    assert.deepEqual(await seedHistory(t.results, [s1, s2]), { state: "seeded", tests: 3, regressionTests: 1 });
    assert.deepEqual(t.read("success_rate.json"), { x: [true, true, true], w: [false], y: [false] }, "agbenchmark's null outcomes are left out");
    assert.deepEqual(t.read("regression_tests.json"), { x: entry(3) });
    const shard = setup();
    const a = shard.folder("a", { "success_rate.json": '{"x": [true], "y": [false]}' });
    assert.deepEqual(await seedHistory(shard.results, [a], { only: new Set(["y"]) }), { state: "seeded", tests: 1, regressionTests: 0 });
    assert.deepEqual(shard.read("success_rate.json"), { y: [false] });
  });

  it("keeps a results root that has a history, skips files, and says when there is nothing to seed", async () => {
    const t = setup();
    const base = t.folder("base", { "success_rate.json": '{"x": [true]}' });
    t.folder("Results", { "regression_tests.json": "{}" });
    assert.deepEqual(await seedHistory(t.results, [base]), { state: "kept" });
    assert.throws(() => readFileSync(join(t.results, "success_rate.json")), { code: "ENOENT" });
    const u = setup();
    const file = join(u.folder("tab", { "t.json": "{}" }), "t.json");
    assert.deepEqual(await seedHistory(u.results, [file]), { state: "no-folders" });
    assert.deepEqual(await seedHistory(u.results, [u.folder("empty", {}), file]), { state: "no-history" });
  });

  it("an unreadable file in any folder is a ConfigError naming file and field, and nothing is written", async () => {
    const t = setup();
    const good = t.folder("good", { "success_rate.json": '{"x": [true]}' });
    const bad = t.folder("bad", { "success_rate.json": '{"x": [true, "yes"], "y": true, "z": [false]}' });
    await assert.rejects(seedHistory(t.results, [good, bad]), {
      name: "ConfigError",
      message: `Invalid ${join(bad, "success_rate.json")}:\n  "x" is not a list of true, false or null\n  "y" is not a list of true, false or null`,
    });
    assert.throws(() => readFileSync(join(t.results, "success_rate.json")), { code: "ENOENT" });
  });
});
