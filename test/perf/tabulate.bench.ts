/**
 * tabulate() over 1 000 tasks × 100 trials (100 000 run folders with result.json + console_log.txt).
 * The tree is generated in os.tmpdir() first (not timed); tabulate then runs in a fresh child process
 * so its peak RSS (resourceUsage().maxRSS) is tabulate's alone. Goal: < 3 s and < 300 MB RSS.
 */
import { spawnSync } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { tabulate } from "../../src/tabulate/tabulate.ts";
import type { RunResult, RunStatus } from "../../src/types.ts";

const TASKS = 1000;
const TRIALS = 100;
const GOAL_MS = 3000;
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

async function child(root: string): Promise<void> {
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  const t = await tabulate(root);
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpuStart);
  const suite = t.suites[0];
  process.stdout.write(JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000, maxRssMB: process.resourceUsage().maxRSS / 1024, tasks: suite?.tasks, trials: suite?.trials, total: t.overall.counts.total, percentage: t.overall.percentage }));
}

async function parent(): Promise<number> {
  const root = await mkdtemp(join(tmpdir(), "bench-perf-tab-"));
  try {
    const genStart = performance.now();
    await generate(root);
    console.log(`generated ${TASKS} tasks × ${TRIALS} trials in ${((performance.now() - genStart) / 1000).toFixed(1)} s (not counted)`);
    const self = fileURLToPath(import.meta.url);
    const run = spawnSync(process.execPath, ["--import", "tsx", self, "--child", root], { encoding: "utf8" });
    if (run.status !== 0) throw new Error(`child failed: ${run.stderr}`);
    const r = JSON.parse(run.stdout) as { ms: number; cpuMs: number; maxRssMB: number; tasks: number; trials: number; total: number; percentage: number };
    if (r.tasks !== TASKS || r.trials !== TRIALS || r.total !== TASKS * TRIALS) throw new Error(`wrong shape: ${run.stdout}`);
    console.log(`machine load average: ${loadavg().map((l) => l.toFixed(1)).join(" ")} on ${cpus().length} cores`);
    console.log(`tabulate: ${r.ms.toFixed(0)} ms wall (goal < ${GOAL_MS}), ${r.cpuMs.toFixed(0)} ms CPU, peak RSS ${r.maxRssMB.toFixed(0)} MB (goal < ${GOAL_RSS_MB}); ${r.total} runs, suite ${r.percentage.toFixed(1)}%`);
    const ok = r.ms < GOAL_MS && r.maxRssMB < GOAL_RSS_MB;
    console.log(ok ? "PASS" : "FAIL: goal not met");
    return ok ? 0 : 1;
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

if (process.argv.includes("--child")) {
  await child(process.argv[process.argv.indexOf("--child") + 1] ?? "");
} else {
  process.exitCode = await parent();
}
