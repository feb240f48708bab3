import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { main } from "../../src/cli/main.ts";
import { runScenarios } from "../../sdk/index.ts";
import { captureIO } from "../helpers/capture-io.ts";
import { tempDir } from "../helpers/fake-deps.ts";
import { FakeRunner } from "../helpers/fake-runner.ts";

async function project(): Promise<string> {
  const dir = await tempDir("bench-req-");
  await mkdir(join(dir, "Templates/T"), { recursive: true });
  await writeFile(join(dir, "Templates/T/scenario.py"), "print('hi')\n");
  await writeFile(join(dir, "Templates/T/requirements.txt"), "numpy==1.26.4");
  await writeFile(join(dir, "tasks.jsonl"), '{"id": "a", "template": "Templates/T"}\n');
  await writeFile(join(dir, "extra.txt"), "requests==2.31.0\n");
  return dir;
}

describe("--requirements FILE", () => {
  it("appends the file to each run folder's requirements.txt and the runner sees requirements", async () => {
    const dir = await project();
    const runner = new FakeRunner();
    await runScenarios("tasks.jsonl", { runner, cwd: dir, requirements: "extra.txt" });
    assert.equal(await readFile(join(dir, "Results/tasks/a/0/requirements.txt"), "utf8"), "numpy==1.26.4\nrequests==2.31.0\n");
    assert.equal(runner.calls[0]?.hasRequirements, true);
  });

  it("is part of the scenario hash: changing the file reruns finished runs", async () => {
    const dir = await project();
    const runner = new FakeRunner();
    await runScenarios("tasks.jsonl", { runner, cwd: dir, requirements: "extra.txt" });
    await runScenarios("tasks.jsonl", { runner, cwd: dir, requirements: "extra.txt" });
    assert.equal(runner.calls.length, 1, "same file: resumed");
    await writeFile(join(dir, "extra.txt"), "requests==2.32.0\n");
    await runScenarios("tasks.jsonl", { runner, cwd: dir, requirements: "extra.txt" });
    assert.equal(runner.calls.length, 2, "changed file: rerun");
    await runScenarios("tasks.jsonl", { runner, cwd: dir });
    assert.equal(runner.calls.length, 3, "no file: rerun");
  });

  it("a missing file is a config error naming the flag (exit 2)", async () => {
    const dir = await project();
    const io = captureIO({ cwd: dir, stdin: "" });
    assert.equal(await main(["run", "tasks.jsonl", "--native", "--requirements", "nope.txt"], io), 2);
    assert.equal(io.err(), `bench run: Invalid options:\n  requirements (--requirements): ${join(dir, "nope.txt")}: no such file\n`);
  });
});
