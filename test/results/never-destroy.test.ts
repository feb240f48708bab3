import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, stat, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { promisify } from "node:util";
import { runScenariosWith } from "../../src/run/run-scenarios.ts";
import { listSuperseded, removeSuperseded } from "../../src/results/superseded.ts";
import type { RunEvent } from "../../src/types.ts";
import { FakeRunner } from "../helpers/fake-runner.ts";
import { fakeDeps, makeScenario, tempDir } from "../helpers/fake-deps.ts";
import { writeAgbenchRun } from "./agbench-results.ts";

const run = promisify(execFile);
const tasks = ["t0", "t1", "t2", "t3", "t4"].map((id) => makeScenario(id, "HumanEval"));

/** Path → sha256 of every file under `dir`. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (d: string): Promise<void> => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else out[relative(dir, p)] = createHash("sha256").update(await readFile(p)).digest("hex");
    }
  };
  await walk(dir);
  return out;
}

describe("never destroy: folders agbench wrote are adopted", () => {
  it("scores agbench's runs from their logs, marks them imported, runs only what is absent and changes none of agbench's files", async () => {
    const cwd = await tempDir();
    const results = join(cwd, "Results");
    await writeAgbenchRun(join(results, "HumanEval/t0/0"), { verdict: "passed", inline: true, runtime: 12 });
    await writeAgbenchRun(join(results, "HumanEval/t1/0"), { verdict: "failed", runtime: 30 });
    await writeAgbenchRun(join(results, "HumanEval/t2/0"), { verdict: "crashed", exitCode: 1 });
    await writeAgbenchRun(join(results, "HumanEval/t3/0"), { verdict: "unfinished" });
    const before = await snapshot(results);
    const runner = new FakeRunner();
    const events: RunEvent[] = [];
    const summary = await runScenariosWith(fakeDeps({ inputs: { "*": tasks } }), "x", { runner, cwd, onEvent: (e) => events.push(e) });

    assert.deepEqual(runner.calls.map((c) => c.taskId), ["t4"], "only the run agbench never started is run");
    assert.equal(summary.adopted, 2);
    assert.deepEqual(summary.unscored?.map((u) => u.id), ["t2", "t3"]);
    assert.match(summary.unscored?.[0]?.reason ?? "", /agbench counts it as missing/);
    assert.deepEqual(summary.results.map((r) => [r.id, r.status, r.imported ?? "bench"]), [["t0", "passed", "agbench"], ["t1", "failed", "agbench"], ["t4", "passed", "bench"]]);
    const t0 = JSON.parse(await readFile(join(results, "HumanEval/t0/0/result.json"), "utf8"));
    assert.equal(t0.durationMs, 12_000);
    assert.equal(t0.exitCode, 0);
    assert.equal(t0.runner, "agbench");
    const after = await snapshot(results);
    for (const [file, hash] of Object.entries(before)) assert.equal(after[file], hash, `${file} is unchanged`);
    assert.ok(!existsSync(join(results, "HumanEval/t2/0/result.json")), "no verdict, no result.json");
    assert.ok(events.some((e) => e.type === "notice" && /^Adopted 2 run folder.*; 2 run folder\(s\) bench did not write have no verdict/.test(e.message)));

    const again = new FakeRunner();
    const second = await runScenariosWith(fakeDeps({ inputs: { "*": tasks } }), "x", { runner: again, cwd });
    assert.equal(again.calls.length, 0, "a second run reruns nothing");
    assert.equal(second.resumed, 3);
    assert.ok(!existsSync(join(results, ".superseded")), "nothing was moved");
  });

  it("a dry run reports the adoption and writes nothing", async () => {
    const cwd = await tempDir();
    await writeAgbenchRun(join(cwd, "Results/HumanEval/t0/0"), { verdict: "passed" });
    const before = await snapshot(join(cwd, "Results"));
    const summary = await runScenariosWith(fakeDeps({ inputs: { "*": tasks } }), "x", { runner: new FakeRunner(), cwd, dryRun: true });
    assert.equal(summary.adopted, 1);
    assert.deepEqual(await snapshot(join(cwd, "Results")), before);
  });
});

describe("never destroy: superseded runs are moved aside", () => {
  it("moves a run whose scenario changed to .superseded with a note, lists it, and deletes only with redo or clean", async () => {
    const cwd = await tempDir();
    const results = join(cwd, "Results");
    await runScenariosWith(fakeDeps({ inputs: { "*": tasks } }), "x", { runner: new FakeRunner(), cwd });
    const old = await readFile(join(results, "HumanEval/t1/0/result.json"), "utf8");
    const runner = new FakeRunner();
    const summary = await runScenariosWith(fakeDeps({ inputs: { "*": tasks }, salt: "v2" }), "x", { runner, cwd, filter: "t1|t2" });
    assert.deepEqual(runner.calls.map((c) => c.taskId), ["t1", "t2"]);
    assert.equal(summary.superseded, 2);
    const listed = await listSuperseded(results);
    assert.deepEqual(listed.map((e) => e.note?.from), ["HumanEval/t1/0", "HumanEval/t2/0"]);
    assert.match(listed[0]?.note?.reason ?? "", /^the scenario changed \(hash [0-9a-f]{12} → [0-9a-f]{12}\)$/);
    assert.equal(await readFile(join(listed[0]!.path, "result.json"), "utf8"), old, "the old run is kept whole");
    assert.ok(listed[0]!.bytes > 0);

    const redo = new FakeRunner();
    const third = await runScenariosWith(fakeDeps({ inputs: { "*": tasks }, salt: "v3" }), "x", { runner: redo, cwd, filter: "t1", redo: true });
    assert.equal(third.superseded, 1);
    assert.equal((await listSuperseded(results)).length, 2, "--redo deleted the v2 folder instead of keeping it");

    const removed = await removeSuperseded(results);
    assert.equal(removed.length, 2);
    assert.ok(!existsSync(join(results, ".superseded")));
  });

  it("retries move the failed attempt aside too", async () => {
    const cwd = await tempDir();
    const runner = new FakeRunner({ t0: [{ exitCode: 3 }, { exitCode: 0 }] });
    const summary = await runScenariosWith(fakeDeps({ inputs: { "*": [tasks[0]!] } }), "x", { runner, cwd, retryErrors: 1 });
    assert.equal(summary.results[0]?.status, "passed");
    const listed = await listSuperseded(join(cwd, "Results"));
    assert.deepEqual(listed.map((e) => e.note?.reason), ["retried: the previous attempt ended error (exit code 3)"]);
  });

  it("a crash between the note and the rename, and after the rename, loses nothing", async () => {
    const cwd = await tempDir();
    const results = join(cwd, "Results");
    await runScenariosWith(fakeDeps({ inputs: { "*": tasks } }), "x", { runner: new FakeRunner(), cwd });
    const before = await snapshot(join(results, "HumanEval"));
    const module = join(import.meta.dirname, "../../src/results/superseded.ts");
    // A child process is killed (SIGKILL: no cleanup runs) right after writing the note, before the rename.
    const child = `import { setAside } from ${JSON.stringify(module)};
      await setAside(${JSON.stringify(results)}, ${JSON.stringify(join(results, "HumanEval/t0/0"))}, { runId: "crash", reason: "test", afterNote: () => process.kill(process.pid, "SIGKILL") });`;
    const crashed = await run(process.execPath, ["--import", "tsx", "--input-type=module", "-e", child]).then(() => "exited", (e: { signal?: string }) => e.signal);
    assert.equal(crashed, "SIGKILL");
    assert.deepEqual(await snapshot(join(results, "HumanEval")), before, "the folder is still in place, whole");
    assert.deepEqual(await listSuperseded(results), [], "an orphan note lists nothing");

    // The next invocation moves it (a second note beside the orphan) and reruns it.
    const runner = new FakeRunner();
    await runScenariosWith(fakeDeps({ inputs: { "*": tasks }, salt: "v2" }), "x", { runner, cwd, filter: "t0" });
    const listed = await listSuperseded(results);
    assert.equal(listed.length, 1);
    const keptFiles = await snapshot(listed[0]!.path);
    for (const [file, hash] of Object.entries(keptFiles)) assert.equal(before[join("t0/0", file)], hash);

    // Killed after the rename: the folder is wholly in .superseded and listed.
    const after = `import { setAside } from ${JSON.stringify(module)};
      await setAside(${JSON.stringify(results)}, ${JSON.stringify(join(results, "HumanEval/t3/0"))}, { runId: "crash2", reason: "test" });
      process.kill(process.pid, "SIGKILL");`;
    await run(process.execPath, ["--import", "tsx", "--input-type=module", "-e", after]).catch(() => {});
    assert.equal((await listSuperseded(results)).filter((e) => e.note?.runId === "crash2").length, 1);
    assert.ok(!existsSync(join(results, "HumanEval/t3/0")));
    assert.ok((await stat(join(results, ".superseded/crash2/HumanEval/t3/0/result.json"))).isFile());
  });
});

describe("never destroy: one writer per Results folder", () => {
  it("a second invocation refuses with who holds the folder; with waitForLock it waits and reruns nothing", async () => {
    const cwd = await tempDir();
    const first = new FakeRunner({ "*": { block: true } });
    const controller = new AbortController();
    const running = runScenariosWith(fakeDeps({ inputs: { "*": tasks } }), "x", { runner: first, cwd, signal: controller.signal, repeat: 3 });
    await first.started(1);
    await assert.rejects(
      runScenariosWith(fakeDeps({ inputs: { "*": tasks } }), "x", { runner: new FakeRunner(), cwd, repeat: 3 }),
      (error: Error & { code?: string }) => {
        assert.equal(error.code, "E_BUSY");
        assert.match(error.message, new RegExp(`is being written by another bench \\(bench run, pid ${process.pid} on .+, since \\d{4}-\\d\\d-\\d\\dT`));
        return true;
      },
    );
    const notices: string[] = [];
    const waiting = new FakeRunner();
    const second = runScenariosWith(fakeDeps({ inputs: { "*": tasks } }), "x", {
      runner: waiting, cwd, repeat: 3, waitForLock: true, onEvent: (e) => e.type === "notice" && notices.push(e.message),
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    controller.abort();
    const firstSummary = await running;
    const secondSummary = await second;
    assert.ok(notices.some((n) => n.startsWith("waiting for ")), notices.join("\n"));
    // The first finished nothing (aborted); the second ran every unit exactly once.
    assert.equal(firstSummary.results.length, 0);
    assert.equal(waiting.calls.length, 15);
    for (const result of secondSummary.results) {
      const onDisk = JSON.parse(await readFile(join(cwd, "Results", result.scenario, result.id, String(result.rep), "result.json"), "utf8"));
      assert.deepEqual(onDisk, result, "the summary reports what is on disk");
    }
    assert.ok(!existsSync(join(cwd, "Results/.lock")), "released");
  });

  it("a lock left by a killed process is recognised as stale and taken over", async () => {
    const cwd = await tempDir();
    await mkdir(join(cwd, "Results"), { recursive: true });
    const child = execFile(process.execPath, ["-e", ""]);
    const pid = child.pid!;
    await new Promise((resolve) => child.on("exit", resolve));
    const { hostname } = await import("node:os");
    await writeFile(join(cwd, "Results/.lock"), JSON.stringify({ pid, host: hostname(), since: "2026-01-01T00:00:00.000Z", command: "bench run" }));
    const notices: string[] = [];
    const runner = new FakeRunner();
    await runScenariosWith(fakeDeps({ inputs: { "*": tasks } }), "x", { runner, cwd, onEvent: (e) => e.type === "notice" && notices.push(e.message) });
    assert.equal(runner.calls.length, 5);
    assert.ok(notices.some((n) => n.includes(`took over a stale lock (bench run, pid ${pid} on ${hostname()}, since 2026-01-01T00:00:00.000Z: process ${pid} is gone)`)), notices.join("\n"));
  });

  it("a lock from another host is stale once it has not been refreshed for a minute", async () => {
    const cwd = await tempDir();
    await mkdir(join(cwd, "Results"), { recursive: true });
    const lock = join(cwd, "Results/.lock");
    await writeFile(lock, JSON.stringify({ pid: 1, host: "elsewhere.example", since: "2026-01-01T00:00:00.000Z", command: "bench run" }));
    await assert.rejects(runScenariosWith(fakeDeps({ inputs: { "*": tasks } }), "x", { runner: new FakeRunner(), cwd }), /pid 1 on elsewhere\.example/);
    const { utimes } = await import("node:fs/promises");
    const old = new Date(Date.now() - 120_000);
    await utimes(lock, old, old);
    const runner = new FakeRunner();
    await runScenariosWith(fakeDeps({ inputs: { "*": tasks } }), "x", { runner, cwd });
    assert.equal(runner.calls.length, 5);
  });
});
