/**
 * Issue 8: `dockerd` stopped and restarted mid-run, on a private engine this test owns. In-flight
 * runs end `error` (retryable, reason naming the engine), finished runs stay untouched, a plain
 * resume redoes exactly the retryable runs, every unit is counted once, no container is left.
 */
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Docker from "dockerode";
import { DockerRunner } from "../../sdk/index.ts";
import type { RunResult } from "../../sdk/index.ts";
import { sweepStale } from "../../src/runners/docker/cleanup.ts";
import { answerLost, isEngineError } from "../../src/runners/docker/engine-errors.ts";
import { isDone, writeResult } from "../../src/results/result-file.ts";
import { runDir, task } from "../docker/helpers.ts";
import { PrivateDockerd, privateDockerdSkip } from "./private-dockerd.ts";
import { bench, startBench } from "./cli.ts";
import { sleepFor, until } from "./proc.ts";

const skip = privateDockerdSkip();
const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const labelled = async (docker: Docker) => (await docker.listContainers({ all: true, filters: { label: ["bench-action.run-id"] } })).length;
/** run.sh whose PID 1 exits on SIGTERM at once (the generated run.sh ignores it: the engine then waits 10 s). */
const TRAPPING = "trap 'exit 143' TERM; echo started; sleep 60 & wait $!\n";

describe("isEngineError", () => {
  const coded = (code: string, syscall?: string) => Object.assign(new Error(code), { code, syscall });
  it("is true for a lost or refused engine connection and 502/503, false for the run's own failures", () => {
    assert.equal(isEngineError(coded("ECONNREFUSED", "connect")), true);
    assert.equal(isEngineError(coded("ENOENT", "connect")), true);
    assert.equal(isEngineError(coded("ECONNRESET")), true);
    assert.equal(isEngineError(coded("EPIPE", "write")), true);
    assert.equal(isEngineError(new Error("socket hang up")), true);
    assert.equal(isEngineError(Object.assign(new Error("(HTTP code 503) unavailable"), { statusCode: 503 })), true);
    assert.equal(isEngineError(new Error("Creating the container failed", { cause: coded("ECONNREFUSED", "connect") })), true);
    assert.equal(isEngineError(coded("ENOENT", "open")), false);
    assert.equal(isEngineError(Object.assign(new Error("(HTTP code 404) no such image"), { statusCode: 404 })), false);
    assert.equal(isEngineError(new Error("Docker image 'x' not found (nothing is pulled: build or load it first)")), false);
  });

  it("answerLost: a connection lost after it was made (the engine may have done it), not an answer or a failed connect", () => {
    assert.equal(answerLost(Object.assign(new Error("socket hang up"), { code: "ECONNRESET" })), true);
    assert.equal(answerLost(coded("EPIPE", "write")), true);
    assert.equal(answerLost(coded("ECONNREFUSED", "connect")), false);
    assert.equal(answerLost(coded("ENOENT", "connect")), false);
    assert.equal(answerLost(Object.assign(new Error("(HTTP code 500) daemon is shutting down"), { statusCode: 500 })), false);
  });
});

describe("isDone and retryable errors", () => {
  it("an error marked retryable is not done (resume redoes it); a plain error is", async () => {
    const dir = mkdtempSync(join(tmpdir(), "bench-retryable-"));
    dirs.push(dir);
    const result: RunResult = {
      schema: 1, scenario: "s", id: "t", rep: 0, status: "error", exitCode: 137, timedOut: false,
      startedAt: "2026-01-01T00:00:00.000Z", finishedAt: "2026-01-01T00:00:01.000Z", durationMs: 1000,
      attempts: 1, scenarioHash: "h", image: "i", runner: "docker", error: "Docker engine connection lost during the run (socket hang up)",
    };
    await writeResult(dir, result);
    assert.equal((await isDone(dir, "h"))?.status, "error");
    await writeResult(dir, { ...result, retryable: true });
    assert.equal(await isDone(dir, "h"), undefined);
  });
});

describe("DockerRunner without an engine", () => {
  it("waits engineWaitMs for the engine, then errors retryable naming DOCKER_HOST", async () => {
    const dir = await runDir("echo never\n");
    dirs.push(dir);
    const runner = new DockerRunner({ docker: new Docker({ socketPath: join(dir, "no-engine.sock") }), engineWaitMs: 1200 });
    const begun = Date.now();
    const outcome = await runner.run(task(dir, { image: "none:none" }));
    assert.ok(Date.now() - begun >= 1200, `returned after ${Date.now() - begun} ms`);
    assert.equal(outcome.error, `Docker engine unreachable for 1 s (DOCKER_HOST=unix://${join(dir, "no-engine.sock")})`);
    assert.equal(outcome.retryable, true);
    assert.equal(outcome.exitCode, null);
  });

  it("stops waiting when aborted", async () => {
    const dir = await runDir("echo never\n");
    dirs.push(dir);
    const runner = new DockerRunner({ docker: new Docker({ socketPath: join(dir, "no-engine.sock") }), engineWaitMs: 60_000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 700);
    const begun = Date.now();
    const outcome = await runner.run(task(dir, { image: "none:none" }), controller.signal);
    assert.ok(Date.now() - begun < 5000, `returned after ${Date.now() - begun} ms`);
    assert.equal(outcome.aborted, true);
    assert.equal(outcome.error, undefined);
  });
});

describe("dockerd stopped and restarted mid-run (private engine)", { skip }, () => {
  const engine = skip ? undefined : new PrivateDockerd();
  let image = "";
  before(async () => {
    if (!engine) return;
    await engine.start();
    image = await engine.loadImage(new Docker());
  });
  after(async () => engine?.destroy());

  it("DockerRunner: the stopped container ends error + retryable; the next run waits for the engine, then succeeds", async () => {
    const pd = engine as PrivateDockerd;
    if (pd.pid === undefined) await pd.start(); // an earlier test failed with it stopped
    const runner = new DockerRunner({ docker: pd.docker, engineWaitMs: 30_000, settings: { network: "none" } });
    const dir = await runDir(TRAPPING);
    dirs.push(dir);
    const running = runner.run(task(dir, { image }));
    await until(() => existsSync(join(dir, "console_log.txt")) && readFileSync(join(dir, "console_log.txt"), "utf8").includes("started"), 20_000, "the run to start");
    await pd.stop();
    const stopped = await running;
    assert.equal(stopped.retryable, true, JSON.stringify(stopped));
    assert.match(stopped.error ?? "", /^Docker engine (stopped the container from outside bench \(kill signal 15, exit 143\)|connection lost during the run)/);

    const next = await runDir("echo second run\n");
    dirs.push(next);
    const waiting = runner.run(task(next, { image }));
    await sleepFor(1500);
    const restartedAt = Date.now();
    await pd.start();
    const outcome = await waiting;
    assert.equal(outcome.error, undefined);
    assert.equal(outcome.exitCode, 0);
    assert.ok(outcome.finishedAt.getTime() >= restartedAt);
    assert.match(readFileSync(join(next, "console_log.txt"), "utf8"), /second run/);
    await runner.close();
    assert.equal(await labelled(pd.docker), 0);
  });

  it("dockerd killed (SIGKILL): the run errors at once instead of hanging; the leftover container is swept", async (t) => {
    const pd = engine as PrivateDockerd;
    if (pd.pid === undefined) await pd.start(); // an earlier test failed with it stopped
    const runner = new DockerRunner({ docker: pd.docker, engineWaitMs: 30_000, settings: { network: "none" } });
    const dir = await runDir(TRAPPING);
    dirs.push(dir);
    const killed = task(dir, { image });
    // A failed assertion must not leave the container to the next test, which counts them all.
    t.after(() => runner.close());
    const running = runner.run(killed);
    await until(() => existsSync(join(dir, "console_log.txt")) && readFileSync(join(dir, "console_log.txt"), "utf8").includes("started"), 20_000, "the run to start");
    process.kill(pd.pid as number, "SIGKILL");
    const begun = Date.now();
    const outcome = await running;
    const tookMs = Date.now() - begun;
    // Restart before asserting, so a failure here does not leave the next test without an engine.
    await pd.stop();
    await pd.start();
    // Killed during the wait or (under load) before the start's answer arrived: both end at once.
    t.diagnostic(`returned after ${tookMs} ms: ${outcome.error ?? ""}`);
    assert.ok(tookMs < 5000, `returned after ${tookMs} ms`);
    assert.equal(outcome.retryable, true);
    // Which socket error the client sees depends on timing: a read (hang up, reset) or a write (EPIPE).
    assert.match(outcome.error ?? "", /^Docker engine connection lost during the run \((socket hang up|(read|write) (ECONNRESET|EPIPE)|the engine closed the connection)/);
    // The restarted engine stops what the killed one left running; the container stays, Exited.
    await until(async () => (await pd.docker.listContainers({ filters: { label: ["bench-action.run-id"] } })).length === 0, 20_000, "the orphan to stop");
    assert.equal(await labelled(pd.docker), 1);
    assert.equal(await sweepStale(pd.docker, new Set([killed.runId]), 0), 0);
    assert.equal(await sweepStale(pd.docker, new Set(), 60_000), 0);
    assert.equal(await sweepStale(pd.docker, new Set(), 0), 1);
    assert.equal(await labelled(pd.docker), 0);
  });

  it("bench run: in-flight runs error retryable, resume redoes exactly them, each unit once, 0 containers left", async (t) => {
    const pd = engine as PrivateDockerd;
    if (pd.pid === undefined) await pd.start(); // an earlier test failed with it stopped
    const dir = mkdtempSync(join(tmpdir(), "bench-dockerd-restart-"));
    dirs.push(dir);
    mkdirSync(join(dir, "Tasks"));
    mkdirSync(join(dir, "T"));
    writeFileSync(join(dir, "T/readme.txt"), "t\n");
    // Slow runs outlast the engine's 10 s stop grace (the generated run.sh ignores SIGTERM as PID 1).
    const unit = (id: string, seconds: number) => ({ id, template: "../T", command: `echo started; sleep ${seconds}; echo 'ALL TESTS PASSED !#!#'` });
    const units = [unit("q1", 1), unit("q2", 1), unit("s1", 12), unit("s2", 12), unit("q3", 1), unit("q4", 1)];
    writeFileSync(join(dir, "Tasks/s.jsonl"), units.map((u) => JSON.stringify(u)).join("\n") + "\n");
    const args = ["run", "Tasks", "-d", image, "--network", "none", "-p", "2", "--timeout", "60"];
    const env = { DOCKER_HOST: pd.host };
    const path = (id: string, file: string) => join(dir, "Results/s", id, "0", file);
    const text = (id: string, file: string) => (existsSync(path(id, file)) ? readFileSync(path(id, file), "utf8") : "");

    const first = startBench(args, dir, env);
    try {
      const waitFor = async (check: () => boolean, what: string) => {
        try {
          await until(check, 30_000, what);
        } catch (error) {
          first.child.kill("SIGKILL");
          const out = await first.done;
          throw new Error(`${(error as Error).message}\n${out.stdout}${out.stderr}`);
        }
      };
      await waitFor(() => text("q1", "result.json") !== "" && text("q2", "result.json") !== "", "q1 and q2 to finish");
      await waitFor(() => text("s1", "console_log.txt").includes("started") && text("s2", "console_log.txt").includes("started"), "s1 and s2 to start");
      const kept = ["q1", "q2"].map((id) => ({ id, bytes: text(id, "result.json"), mtime: statSync(path(id, "result.json")).mtimeMs }));
      const stopAt = Date.now();
      await pd.stop();
      const stoppedAt = Date.now();
      await sleepFor(1000);
      await pd.start();
      t.diagnostic(`dockerd stop took ${stoppedAt - stopAt} ms, down ${Date.now() - stoppedAt} ms`);
      const exit = await first.done;
      assert.equal(exit.code, 1, exit.stdout + exit.stderr);

      const results = new Map(units.map((u) => [u.id, JSON.parse(text(u.id, "result.json")) as RunResult]));
      for (const id of ["s1", "s2"]) {
        const r = results.get(id) as RunResult;
        assert.equal(r.status, "error", `${id}: ${JSON.stringify(r)}`);
        assert.equal(r.retryable, true);
        assert.match(r.error ?? "", /^Docker engine (stopped the container from outside bench \(kill signal 15, then 9, exit 137\)|connection lost during the run)/);
      }
      const retryable = [...results.values()].filter((r) => r.retryable === true).map((r) => r.id).sort();
      t.diagnostic(`retryable: ${retryable.join(", ")}; s1: ${results.get("s1")?.error ?? ""}`);
      for (const r of results.values()) assert.ok(r.status === "passed" || r.retryable === true, `${r.id}: ${JSON.stringify(r)}`);
      assert.equal(await labelled(pd.docker), 0);

      const second = await bench(args, dir, env);
      assert.equal(second.code, 0, second.stdout + second.stderr);
      assert.match(second.stdout, new RegExp(`Plan: 6 run\\(s\\) of s; ${6 - retryable.length} already done, ${retryable.length} to run`));
      const redone = [...second.stdout.matchAll(/\] passed\s+s\/(\w+)#0/g)].map((m) => m[1]).sort();
      assert.deepEqual(redone, retryable);
      for (const { id, bytes, mtime } of kept) {
        assert.equal(text(id, "result.json"), bytes);
        assert.equal(statSync(path(id, "result.json")).mtimeMs, mtime);
      }

      const tab = await bench(["tabulate", "Results", "--format", "json"], dir);
      const suites = (JSON.parse(tab.stdout) as { suites: { rows: { id: string; trials: { status: string }[] }[] }[] }).suites;
      const rows = suites.flatMap((s) => s.rows);
      assert.deepEqual(rows.map((r) => r.id).sort(), ["q1", "q2", "q3", "q4", "s1", "s2"]);
      assert.ok(rows.every((r) => r.trials.length === 1 && r.trials[0]?.status === "passed"), JSON.stringify(rows));
      assert.equal(await labelled(pd.docker), 0);
    } finally {
      first.child.kill("SIGKILL");
    }
  });
});
