import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { cp, readFile, stat, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { runScenarios } from "../../sdk/index.ts";
import { tempDir } from "../helpers/fake-deps.ts";

const root = resolve(import.meta.dirname, "../..");
const quickstart = join(root, "examples/quickstart");

async function copyQuickstart(): Promise<string> {
  const dir = await tempDir("bench-qs-");
  await cp(quickstart, dir, { recursive: true, filter: (src) => !src.includes("/Results") });
  return dir;
}

describe("examples/quickstart end to end (native)", () => {
  it("shows every status as designed, then resumes everything on a second call", async () => {
    const dir = await copyQuickstart();
    const summary = await runScenarios("Tasks", { runtime: "native", cwd: dir, parallel: 2 });
    const statuses = Object.fromEntries(summary.results.map((r) => [`${r.scenario}/${r.id}`, r.status]));
    assert.deepEqual(statuses, {
      "adder/add_small": "passed", "adder/add_negative": "passed", "adder/add_large": "passed",
      "adder/add_wrong_answer": "failed", "faults/crash": "error", "faults/hang": "timeout",
    });
    const hang = summary.results.find((r) => r.id === "hang");
    assert.ok(hang && hang.durationMs >= 1900 && hang.durationMs < 8000, `hang killed at about 2 s (${hang?.durationMs} ms)`);
    const log = await readFile(join(dir, "Results/adder/add_small/0/console_log.txt"), "utf8");
    assert.match(log, /agent answered 5\nALL TESTS PASSED !#!#\n/);
    const manifest = JSON.parse(await readFile(join(dir, "Results/run.json"), "utf8"));
    assert.deepEqual([manifest.runner, manifest.state, manifest.counts.total], ["native", "finished", 6]);

    const before = (await stat(join(dir, "Results/faults/hang/0/result.json"))).mtimeMs;
    const again = await runScenarios("Tasks", { runtime: "native", cwd: dir, parallel: 2 });
    assert.equal(again.resumed, 6);
    assert.deepEqual(again.counts, summary.counts);
    assert.equal((await stat(join(dir, "Results/faults/hang/0/result.json"))).mtimeMs, before);
  });

  it("a real SIGINT to `bench run` mid-run: exit 130, the interrupted run has no result.json and is redone", async () => {
    const dir = await copyQuickstart();
    await writeFile(join(dir, "Tasks/slow.jsonl"), '{"id": "sleepy", "template": "../Templates/Hang", "command": "node scenario.js", "timeout": 60}\n');
    const child = spawn(process.execPath, [join(root, "bin/bench.js"), "run", "Tasks/slow.jsonl", "Tasks/adder.jsonl", "--native", "--filter", "^(sleepy|add_small)$"], { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += String(chunk)));
    const exited = new Promise<number | null>((done) => child.on("exit", (code) => done(code)));
    while (!existsSync(join(dir, "Results/slow/sleepy/0/console_log.txt"))) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 300));
    child.kill("SIGINT");
    assert.equal(await exited, 130);
    assert.ok(stderr.includes("SIGINT received, stopping runs"));
    assert.ok(stderr.includes("interrupted and pending runs will be redone"));
    assert.ok(!existsSync(join(dir, "Results/slow/sleepy/0/result.json")));
    assert.ok(!existsSync(join(dir, "Results/adder")), "pending runs were not started");

    await writeFile(join(dir, "Tasks/slow.jsonl"), '{"id": "sleepy", "template": "../Templates/Hang", "command": "node scenario.js", "timeout": 1}\n');
    const resumed = await runScenarios(["Tasks/slow.jsonl", "Tasks/adder.jsonl"], { runtime: "native", cwd: dir, filter: "^(sleepy|add_small)$" });
    assert.deepEqual(resumed.results.map((r) => [r.id, r.status]), [["sleepy", "timeout"], ["add_small", "passed"]]);
  });
});
