import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { isDone, readResult, writeResult } from "../../src/results/result-file.ts";
import type { RunResult } from "../../src/types.ts";
import { tempDir } from "../helpers/fake-deps.ts";

const result: RunResult = {
  schema: 1, scenario: "s", id: "t", rep: 0, status: "error", exitCode: 1, timedOut: false,
  startedAt: "2026-01-01T00:00:00.000Z", finishedAt: "2026-01-01T00:00:01.000Z", durationMs: 1000,
  attempts: 1, scenarioHash: "h1", image: null, runner: "native", error: "token abcd-1234 rejected",
};

describe("result.json", () => {
  it("writes atomically (no temp file left), masked, and reads back", async () => {
    const dir = await tempDir();
    await writeResult(dir, result, ["abcd-1234"]);
    assert.deepEqual(await readdir(dir), ["result.json"]);
    assert.ok((await readFile(join(dir, "result.json"), "utf8")).endsWith("}\n"));
    assert.deepEqual(await readResult(dir), { ...result, error: "token *** rejected" });
  });

  it("isDone: only a terminal result with the same scenarioHash", async () => {
    const dir = await tempDir();
    assert.equal(await isDone(dir, "h1"), undefined);
    await writeResult(dir, result);
    assert.equal((await isDone(dir, "h1"))?.status, "error");
    assert.equal(await isDone(dir, "h2"), undefined);
    await writeFile(join(dir, "result.json"), JSON.stringify({ ...result, status: "running" }));
    assert.equal(await isDone(dir, "h1"), undefined);
    await writeFile(join(dir, "result.json"), "{not json");
    assert.equal(await readResult(dir), undefined);
  });
});
