// 20 trivial native runs through NativeRunner.run (a one-line run.sh, and the real rendered run.sh),
// and through runScenarios({ runtime: "native" }), each against spawning the same shell work directly
// (`sh -c true`; `sh run.sh` with the rendered run.sh) 20 times in the same process.
// Goal: < 50 ms overhead per run. Exits non-zero only on a crash, not on missing the goal. Run: npm run perf.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { NativeRunner } from "../../src/runners/native-runner.ts";
import type { RunTask } from "../../src/runners/runner.ts";
import { runScenarios } from "../../src/run/run-scenarios.ts";
import { renderRunSh } from "../../src/scenario/run-script.ts";

const RUNS = 20;
const ROUNDS = 3;
const COMMAND = "echo 'ALL TESTS PASSED !#!#'";
const RENDERED = renderRunSh({ command: COMMAND, version: "perf" });
const GOAL_MS = 50;
const root = await mkdtemp(join(tmpdir(), "bench-native-perf-"));

interface Row { label: string; perRun: number; reference?: Row }

async function time(body: () => Promise<void>): Promise<number> {
  globalThis.gc?.();
  const started = performance.now();
  await body();
  return (performance.now() - started) / RUNS;
}

async function spawnDirect(args: string[], cwd?: string): Promise<void> {
  for (let i = 0; i < RUNS; i++) {
    const child = spawn("sh", args, { cwd });
    child.stdout.resume();
    const [code] = (await once(child, "close")) as [number | null];
    if (code !== 0) throw new Error(`sh ${args.join(" ")} exited ${code}`);
  }
}

async function renderedDirect(): Promise<void> {
  const dir = join(root, "direct");
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, "run.sh"), RENDERED);
  await spawnDirect(["run.sh"], dir);
}

const runner = new NativeRunner({ cacheDir: join(root, "cache") });
async function viaRunner(kind: string, script: string): Promise<void> {
  for (let i = 0; i < RUNS; i++) {
    const runDir = join(root, kind, String(i));
    await mkdir(runDir, { recursive: true });
    await writeFile(join(runDir, "run.sh"), script);
    const task: RunTask = { runId: "perf", scenario: "perf", taskId: "t", rep: i, runDir, env: {}, timeoutMs: 60_000, logCapBytes: 1e6, secrets: [], hasRequirements: false };
    const outcome = await runner.run(task);
    if (outcome.exitCode !== 0 || outcome.error) throw new Error(`native run failed: ${outcome.error ?? outcome.exitCode}`);
  }
}

async function viaRunScenarios(repeat: number, results: string): Promise<void> {
  const dir = join(root, "scenarios");
  await mkdir(join(dir, "Templates", "Trivial"), { recursive: true });
  await writeFile(join(dir, "Templates", "Trivial", "README.txt"), "trivial\n");
  await writeFile(join(dir, "perf.jsonl"), `${JSON.stringify({ id: "trivial", template: "Templates/Trivial", command: COMMAND })}\n`);
  const summary = await runScenarios(join(dir, "perf.jsonl"), {
    runtime: "native", repeat, resultsDir: join(dir, results), cwd: dir, cacheDir: join(root, "cache"),
  });
  if (summary.counts.passed !== repeat) throw new Error(`runScenarios: ${JSON.stringify(summary.counts)}`);
}

try {
  // Warm-up: module loading and first spawns are not per-run costs.
  await spawnDirect(["-c", "true"]);
  await viaRunner("warm", "true\n");
  await viaRunScenarios(1, "warm");
  // Best of ROUNDS interleaved rounds: other work on the machine only ever adds time.
  const best = new Map<string, number>();
  const round = async (label: string, body: () => Promise<void>): Promise<void> => {
    const perRun = await time(body);
    best.set(label, Math.min(perRun, best.get(label) ?? Infinity));
  };
  for (let r = 0; r < ROUNDS; r++) {
    await rm(join(root, "runner"), { recursive: true, force: true });
    await rm(join(root, "rendered"), { recursive: true, force: true });
    await round("sh -c true (reference)", () => spawnDirect(["-c", "true"]));
    await round("NativeRunner.run, one-line run.sh", () => viaRunner("runner", `${COMMAND}\n`));
    await round("sh run.sh, rendered (reference)", renderedDirect);
    await round("NativeRunner.run, rendered run.sh", () => viaRunner("rendered", RENDERED));
    await round("runScenarios native (expand+run+score)", () => viaRunScenarios(RUNS, `round-${r}`));
  }
  const row = (label: string, reference?: Row): Row => ({ label, perRun: best.get(label) ?? NaN, ...(reference ? { reference } : {}) });
  const trivial = row("sh -c true (reference)");
  const rendered = row("sh run.sh, rendered (reference)");
  const runnerRow = row("NativeRunner.run, one-line run.sh", trivial);
  const rows = [trivial, runnerRow, rendered, row("NativeRunner.run, rendered run.sh", rendered), row("runScenarios native (expand+run+score)", rendered)];
  const fmt = (n: number) => n.toFixed(1).padStart(9);
  console.log(`${RUNS} runs each, serial, best of ${ROUNDS} rounds; overhead and ratio against the reference above the row`);
  console.log(`${"path".padEnd(40)}   ms/run  overhead    ratio`);
  for (const row of rows) {
    const ref = row.reference ?? row;
    console.log(`${row.label.padEnd(40)}${fmt(row.perRun)}${fmt(row.perRun - ref.perRun)}${fmt(row.perRun / ref.perRun)}`);
  }
  const runnerOverhead = runnerRow.perRun - trivial.perRun;
  console.log(`goal: NativeRunner overhead < ${GOAL_MS} ms/run: ${runnerOverhead < GOAL_MS ? "met" : "MISSED"} (${runnerOverhead.toFixed(1)} ms)`);
} finally {
  await rm(root, { recursive: true, force: true });
}
