import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { cp, mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { merge, resultsTrees } from "../../src/tabulate/merge.ts";
import { result, tempDir, writeRun } from "./results-fixture.ts";

async function shard(index: number, count: number, ids: string[], done: string[], repeat = 1): Promise<string> {
  const dir = await tempDir("bench-shard-");
  for (const id of done) for (let rep = 0; rep < repeat; rep++) await writeRun(dir, result("s", id, rep));
  const hashes = Object.fromEntries(ids.map((id) => [id, "h"]));
  await writeFile(join(dir, "run.json"), JSON.stringify({ version: "0.1.0", options: { repeat }, scenarios: [{ name: "s", file: "s.jsonl", hashes }], shard: { index, count } }));
  return dir;
}

describe("merge", () => {
  it("combines complete shards into one tabulation", async () => {
    const a = await shard(1, 2, ["t1", "t3"], ["t1", "t3"], 2);
    const b = await shard(2, 2, ["t2"], ["t2"], 2);
    const t = await merge([a, b]);
    assert.deepEqual(t.suites[0]!.rows.map((r) => r.id), ["t1", "t2", "t3"]);
    assert.equal(t.suites[0]!.trials, 2);
    assert.equal(t.overall.percentage, 100);
  });

  it("fails on a duplicated run", async () => {
    const a = await shard(1, 2, ["t1"], ["t1"]);
    const b = await shard(2, 2, ["t1"], ["t1"]);
    await assert.rejects(merge([a, b]), { name: "ConfigError", message: "Invalid results:\n  run s/t1/0 appears in more than one input" });
  });

  it("fails on planned tasks without results and on absent shards, listing each", async () => {
    const a = await shard(1, 3, ["t1", "t2"], ["t1"], 2);
    const b = await shard(3, 3, ["t3"], ["t3"], 2);
    await assert.rejects(merge([a, b]), {
      name: "ConfigError",
      message: `Invalid merged results:\n  ${a}: s/t2 has no result for repetition(s) 0, 1\n  shard 2/3 is missing`,
    });
    const t = await merge([a, b], { allowMissing: true });
    assert.deepEqual(t.suites[0]!.rows.map((r) => r.id), ["t1", "t2", "t3"]);
    assert.deepEqual(t.suites[0]!.rows[1]!.trials.map((c) => c.status), ["missing", "missing"]);
    assert.equal(t.overall.counts.missing, 2);
  });

  it("a run planned unevenly (run.json scenarios[].trials): each task is checked and rated against its own planned trials", async () => {
    const dir = await tempDir("bench-uneven-");
    for (const rep of [0, 1, 2]) await writeRun(dir, result("s", "a", rep, { status: rep === 1 ? "failed" : "passed" }));
    await writeRun(dir, result("s", "b", 0));
    await writeRun(dir, result("s", "c", 0));
    const trials = { a: 3, b: 1, c: 2 };
    await writeFile(join(dir, "run.json"), JSON.stringify({ version: "0.1.0", options: { repeat: 1 }, scenarios: [{ name: "s", file: "s.jsonl", hashes: { a: "h", b: "h", c: "h" }, trials }], shard: null }));
    await assert.rejects(merge([dir]), { message: `Invalid merged results:\n  ${dir}: s/c has no result for repetition(s) 1` });
    const t = await merge([dir], { allowMissing: true });
    assert.deepEqual(t.suites[0]!.rows.map((r) => [r.id, r.trials.length, r.passRate]), [["a", 3, 2 / 3], ["b", 1, 1], ["c", 2, 0.5]]);
    assert.equal(t.overall.counts.missing, 1, "only c's planned second trial is missing");
  });

  it("works without manifests (nothing to check but duplicates)", async () => {
    const dir = await tempDir();
    await writeRun(dir, result("s", "t", 0, { status: "failed" }));
    const t = await merge([dir]);
    assert.equal(t.overall.percentage, 0);
  });

  it("resultsTrees: a tree with run.json at its root is one; otherwise each child with run.json is a shard, in name order", async () => {
    const a = await shard(1, 2, ["t1"], ["t1"]);
    assert.deepEqual(await resultsTrees(a), [a]);
    const downloads = await tempDir("bench-downloads-");
    await cp(a, join(downloads, "bench-results-shard-2-of-2"), { recursive: true });
    await cp(a, join(downloads, "bench-results-shard-1-of-2"), { recursive: true });
    await mkdir(join(downloads, "notes"));
    assert.deepEqual(await resultsTrees(downloads), [join(downloads, "bench-results-shard-1-of-2"), join(downloads, "bench-results-shard-2-of-2")]);
    const plain = await tempDir("bench-plain-");
    await writeRun(plain, result("s", "t1", 0));
    assert.deepEqual(await resultsTrees(plain), [plain], "no run.json anywhere: the folder itself");
  });
});
