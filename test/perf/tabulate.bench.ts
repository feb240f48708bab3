/**
 * tabulate() over 1 000 tasks × 100 trials (100 000 run folders with result.json + console_log.txt).
 * The tree is generated in os.tmpdir() first (not timed). tabulate and a reference run in fresh child
 * processes, alternately, best of ROUNDS, so each peak RSS (resourceUsage().maxRSS) is its own. The
 * reference is the least any tabulation must do, measured in the same run: walk the tree, read and
 * JSON.parse every result.json (the console logs are not needed when it exists), keeping nothing. Goal: tabulate within
 * 1.5× the reference's wall time and < 300 MB RSS; the absolute time is printed beside it.
 */
import { spawnSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { tabulate } from "../../src/tabulate/tabulate.ts";
import type { RunResult, RunStatus } from "../../src/types.ts";

const TASKS = 1000;
const TRIALS = 100;
const ROUNDS = 3;
const GOAL_RATIO = 1.5;
const GOAL_RSS_MB = 300;

async function generate(root: string): Promise<void> {
  const statuses: RunStatus[] = ["passed", "passed", "failed", "error", "timeout"];
  for (let t = 0; t < TASKS; t++) {
    const id = `task_${String(t).padStart(4, "0")}`;
    const writes: Promise<void>[] = [];
    for (let rep = 0; rep < TRIALS; rep++) {
      const dir = join(root, "perf_suite", id, String(rep));
      const status = statuses[(t * 7 + rep * 3) % statuses.length] as RunStatus;
      const result: RunResult = {
        schema: 1, scenario: "perf_suite", id, rep, status, exitCode: status === "error" ? 1 : 0, timedOut: status === "timeout",
        startedAt: "2026-01-01T00:00:00.000Z", finishedAt: "2026-01-01T00:00:02.000Z", durationMs: 2000 + rep,
        attempts: 1, scenarioHash: "0123456789abcdef", image: "bench-action/python:bookworm", runner: "docker",
        score: { success: status === "passed", source: "default" },
      };
      writes.push(
        mkdir(dir, { recursive: true }).then(() =>
          Promise.all([
            writeFile(join(dir, "result.json"), JSON.stringify(result, null, 2)),
            writeFile(join(dir, "console_log.txt"), `RUN.SH STARTING !#!#\n${"agent output line\n".repeat(50)}RUN.SH COMPLETE !#!#\n`),
          ]).then(() => undefined),
        ),
      );
    }
    await Promise.all(writes);
  }
}

interface Measured { ms: number; cpuMs: number; maxRssMB: number }

function measuredSince(started: number, cpuStart: NodeJS.CpuUsage): Measured {
  const cpu = process.cpuUsage(cpuStart);
  return { ms: performance.now() - started, cpuMs: (cpu.user + cpu.system) / 1000, maxRssMB: process.resourceUsage().maxRSS / 1024 };
}

/** The reference: read every run's files, keep nothing but a count. */
function reference(root: string): void {
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  let passed = 0;
  let total = 0;
  for (const scenario of readdirSync(root)) {
    for (const task of readdirSync(join(root, scenario))) {
      for (const rep of readdirSync(join(root, scenario, task))) {
        const dir = join(root, scenario, task, rep);
        const result = JSON.parse(readFileSync(join(dir, "result.json"), "utf8")) as { status: string };
        total += 1;
        if (result.status === "passed") passed += 1;
      }
    }
  }
  process.stdout.write(JSON.stringify({ ...measuredSince(started, cpuStart), total, percentage: (100 * passed) / total }));
}

async function child(root: string): Promise<void> {
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  const t = await tabulate(root);
  const suite = t.suites[0];
  process.stdout.write(JSON.stringify({ ...measuredSince(started, cpuStart), tasks: suite?.tasks, trials: suite?.trials, total: t.overall.counts.total, percentage: t.overall.percentage }));
}

type Row = Measured & { tasks?: number; trials?: number; total: number; percentage: number };

function spawnChild(mode: "--child" | "--reference", root: string): Row {
  const run = spawnSync(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url), mode, root], { encoding: "utf8" });
  if (run.status !== 0) throw new Error(`${mode} failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as Row;
}

const best = (rows: Row[]): Row => rows.reduce((a, b) => (b.ms < a.ms ? b : a));

async function parent(): Promise<number> {
  const root = await mkdtemp(join(tmpdir(), "bench-perf-tab-"));
  try {
    const genStart = performance.now();
    await generate(root);
    console.log(`generated ${TASKS} tasks × ${TRIALS} trials in ${((performance.now() - genStart) / 1000).toFixed(1)} s (not counted)`);
    const tabulated: Row[] = [];
    const referenced: Row[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      referenced.push(spawnChild("--reference", root));
      tabulated.push(spawnChild("--child", root));
    }
    const r = best(tabulated);
    const ref = best(referenced);
    if (r.tasks !== TASKS || r.trials !== TRIALS || r.total !== TASKS * TRIALS) throw new Error(`wrong shape: ${JSON.stringify(r)}`);
    if (ref.total !== r.total) throw new Error(`the reference read ${ref.total} runs, tabulate ${r.total}`);
    console.log(`machine load average: ${loadavg().map((l) => l.toFixed(1)).join(" ")} on ${cpus().length} cores; best of ${ROUNDS} rounds each, alternating`);
    const line = (label: string, m: Row) => `${label.padEnd(34)} ${m.ms.toFixed(0).padStart(6)} ms wall ${m.cpuMs.toFixed(0).padStart(6)} ms CPU  peak RSS ${m.maxRssMB.toFixed(0).padStart(4)} MB`;
    console.log(line("reference (parse every result.json)", ref));
    console.log(`${line("tabulate()", r)}; ${r.total} runs, suite ${r.percentage.toFixed(1)}%`);
    const ratio = r.ms / ref.ms;
    console.log(`ratio tabulate / reference: ${ratio.toFixed(2)}× wall, ${(r.cpuMs / ref.cpuMs).toFixed(2)}× CPU (goal ≤ ${GOAL_RATIO}× wall, < ${GOAL_RSS_MB} MB RSS)`);
    const ok = ratio <= GOAL_RATIO && r.maxRssMB < GOAL_RSS_MB;
    console.log(ok ? "PASS" : "FAIL: goal not met");
    return ok ? 0 : 1;
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

if (process.argv.includes("--child")) {
  await child(process.argv[process.argv.indexOf("--child") + 1] ?? "");
} else if (process.argv.includes("--reference")) {
  reference(process.argv[process.argv.indexOf("--reference") + 1] ?? "");
} else {
  process.exitCode = await parent();
}
