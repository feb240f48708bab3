import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { main } from "../../src/cli/main.ts";
import { captureIO } from "../helpers/capture-io.ts";
import { result, tempDir, writeRun } from "../tabulate/results-fixture.ts";

describe("bench score --scenarios", () => {
  it("applies each task's score grounds when re-scoring", async () => {
    const dir = await tempDir("bench-score-scn-");
    const pass = { status: "passed" as const, score: { success: true, source: "default" as const } };
    await writeRun(join(dir, "Results"), result("tasks", "a", 0, pass), "the answer is 42\nALL TESTS PASSED !#!#\n");
    await writeRun(join(dir, "Results"), result("tasks", "b", 0, pass), "no idea\nALL TESTS PASSED !#!#\n");
    await mkdir(join(dir, "Templates/T"), { recursive: true });
    await writeFile(join(dir, "Templates/T/run.txt"), "x\n");
    await writeFile(join(dir, "tasks.jsonl"),
      '{"id": "a", "template": "Templates/T", "score": {"should_contain": ["42"]}}\n{"id": "b", "template": "Templates/T", "score": {"should_contain": ["42"]}}\n');

    const plain = captureIO({ cwd: dir, stdin: "" });
    assert.equal(await main(["score", "Results", "--no-custom-tabulate"], plain), 0);
    assert.equal(plain.out(), "Re-scored 2 run(s); 0 kept the runner's status; 0 changed.\n");

    const io = captureIO({ cwd: dir, stdin: "" });
    assert.equal(await main(["score", "Results", "--scenarios", "tasks.jsonl", "--no-custom-tabulate"], io), 0);
    assert.equal(io.out(), "Re-scored 2 run(s); 0 kept the runner's status; 1 changed.\n  tasks/b/0: passed → failed\n");
    const b = JSON.parse(await readFile(join(dir, "Results/tasks/b/0/result.json"), "utf8")) as { status: string };
    assert.equal(b.status, "failed");
  });

  it("a bad scenarios file is a config error (exit 2)", async () => {
    const dir = await tempDir("bench-score-scn-");
    await mkdir(join(dir, "Results"));
    const io = captureIO({ cwd: dir, stdin: "" });
    assert.equal(await main(["score", "Results", "--scenarios", "missing.jsonl"], io), 2);
    assert.match(io.err(), /^bench score: Invalid /);
  });
});
