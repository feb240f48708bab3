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
const COMMAND = "echo 'ALL TESTS PASSED !#!#'";
const RENDERED = renderRunSh({ command: COMMAND, version: "perf" });
const GOAL_MS = 50;
const root = await mkdtemp(join(tmpdir(), "bench-native-perf-"));

interface Row { label: string; perRun: number; reference?: Row }

async function time(label: string, body: () => Promise<void>, reference?: Row): Promise<Row> {
  globalThis.gc?.();
  const started = performance.now();
  await body();
  return { label, perRun: (performance.now() - started) / RUNS, ...(reference ? { reference } : {}) };
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

async function viaRunScenarios(repeat = RUNS): Promise<void> {
  const dir = join(root, "scenarios");
  await mkdir(join(dir, "Templates", "Trivial"), { recursive: true });
  await writeFile(join(dir, "Templates", "Trivial", "README.txt"), "trivial\n");
  await writeFile(join(dir, "perf.jsonl"), `${JSON.stringify({ id: "trivial", template: "Templates/Trivial", command: COMMAND })}\n`);
  const summary = await runScenarios(join(dir, "perf.jsonl"), {
    runtime: "native", repeat, resultsDir: join(dir, `Results-${repeat}`), cwd: dir, cacheDir: join(root, "cache"),
  });
  if (summary.counts.passed !== repeat) throw new Error(`runScenarios: ${JSON.stringify(summary.counts)}`);
}

try {
  // Warm-up: module loading and first spawns are not per-run costs.
  await spawnDirect(["-c", "true"]);
  await viaRunner("warm", "true\n");
  await viaRunScenarios(1);
  const trivial = await time("sh -c true (reference)", () => spawnDirect(["-c", "true"]));
  const rendered = await time("sh run.sh, rendered (reference)", renderedDirect);
  const rows = [
    trivial,
    await time("NativeRunner.run, one-line run.sh", () => viaRunner("runner", `${COMMAND}\n`), trivial),
    rendered,
    await time("NativeRunner.run, rendered run.sh", () => viaRunner("rendered", RENDERED), rendered),
    await time("runScenarios native (expand+run+score)", () => viaRunScenarios(), rendered),
  ];
  const fmt = (n: number) => n.toFixed(1).padStart(9);
  console.log(`${RUNS} runs each, serial; overhead and ratio against the reference above the row`);
  console.log(`${"path".padEnd(40)}   ms/run  overhead    ratio`);
  for (const row of rows) {
    const ref = row.reference ?? row;
    console.log(`${row.label.padEnd(40)}${fmt(row.perRun)}${fmt(row.perRun - ref.perRun)}${fmt(row.perRun / ref.perRun)}`);
  }
  const runnerOverhead = (rows[1]?.perRun ?? 0) - trivial.perRun;
  console.log(`goal: NativeRunner overhead < ${GOAL_MS} ms/run: ${runnerOverhead < GOAL_MS ? "met" : "MISSED"} (${runnerOverhead.toFixed(1)} ms)`);
} finally {
  await rm(root, { recursive: true, force: true });
}
