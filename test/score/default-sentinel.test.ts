/**
 * The default step's sentinel (docs/scenarios.md, "Scoring"): what the runner saw on the output
 * stream decides, not the console_log.txt file the agent could replace (a symlink to a host file
 * holding the sentinel passed a Docker agent that never printed it). A sentinel the log cap dropped
 * still counts; `bench score` (no stream) reads the log only inside the run folder.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { NativeRunner, runScenarios } from "../../sdk/index.ts";
import { defaultScore } from "../../src/score/score-run.ts";

const SENTINEL = "ALL TESTS PASSED !#!#";

describe("default scoring: the sentinel", () => {
  it("a console_log.txt the agent replaced by a symlink to a file holding the sentinel does not pass; a sentinel the cap dropped does", async () => {
    const dir = await mkdtemp(join(tmpdir(), "bench-sentinel-"));
    const outside = join(dir, "outside.py");
    await writeFile(outside, `print("${SENTINEL}")\n`);
    await mkdir(join(dir, "Templates", "forge"), { recursive: true });
    await writeFile(join(dir, "Templates", "forge", "agent.sh"), `ln -sf ${outside} console_log.txt\n`);
    await mkdir(join(dir, "Templates", "flood"), { recursive: true });
    // Past the log's head (cap minus its 10 000-byte tail), the sentinel, then enough to push it out of the tail.
    await writeFile(join(dir, "Templates", "flood", "agent.sh"), `yes x | head -c 15000\necho '${SENTINEL}'\nyes y | head -c 15000\n`);
    const lines = [
      { id: "forge", template: "Templates/forge", command: "sh agent.sh" },
      { id: "flood", template: "Templates/flood", command: "sh agent.sh" },
    ];
    await writeFile(join(dir, "t.jsonl"), lines.map((line) => JSON.stringify(line)).join("\n"));
    const resultsDir = join(dir, "Results");
    const summary = await runScenarios(join(dir, "t.jsonl"), { runner: new NativeRunner({ killGraceMs: 200 }), resultsDir, cwd: dir, noHistory: true, logCapBytes: 20_000 });
    const byId = new Map(summary.results.map((r) => [r.id, r]));
    assert.equal(byId.get("forge")?.status, "failed", JSON.stringify(byId.get("forge")));
    const flood = byId.get("flood");
    assert.equal(flood?.status, "passed", JSON.stringify(flood));
    assert.doesNotMatch(execFileSync("cat", [join(resultsDir, "t", "flood", "0", "console_log.txt")]).toString(), /ALL TESTS PASSED/);
  });

  it("without the stream's answer (bench score), the log is read only inside the run folder, never a FIFO", async () => {
    const host = await mkdtemp(join(tmpdir(), "bench-sentinel-host-"));
    await writeFile(join(host, "log.txt"), `${SENTINEL}\n`);
    const linked = await mkdtemp(join(tmpdir(), "bench-sentinel-run-"));
    await symlink(join(host, "log.txt"), join(linked, "console_log.txt"));
    assert.equal((await defaultScore(linked, 0)).status, "failed");
    const fifo = await mkdtemp(join(tmpdir(), "bench-sentinel-fifo-"));
    execFileSync("mkfifo", [join(fifo, "console_log.txt")]);
    assert.equal((await defaultScore(fifo, 0)).status, "failed");
    const plain = await mkdtemp(join(tmpdir(), "bench-sentinel-plain-"));
    await writeFile(join(plain, "console_log.txt"), `x\n${SENTINEL}\n`);
    assert.equal((await defaultScore(plain, 0)).status, "passed");
  });
});
