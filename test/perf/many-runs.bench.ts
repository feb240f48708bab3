// Many tiny native runs (issue 8's "10 000 tiny scenarios", run rather than only expanded): N runs
// (default 2 000; BENCH_PERF_RUNS=10000 for the full figure, ~4 min on 2 cores) through
// runScenarios({ runtime: "native", parallel: 2 }) in this process, sampling open file descriptors
// and RSS every N/8 runs, against spawning one expanded run folder's run.sh N times directly, 2 at a time.
// Reports runs/s for both, their ratio, and fd/RSS at the start and end (a leak shows as growth).
// Exits non-zero only on a crash or a failed run. Run: npm run perf.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { readdirSync } from "node:fs";
import { cp, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runScenarios } from "../../src/run/run-scenarios.ts";
import { runPool } from "../../src/run/worker-pool.ts";

const RUNS = Number(process.env.BENCH_PERF_RUNS ?? 2000);
const PARALLEL = 2;
const COMMAND = "echo 'ALL TESTS PASSED !#!#'";
const root = await mkdtemp(join(tmpdir(), "bench-many-runs-"));
const fds = () => readdirSync("/proc/self/fd").length;
const rssMb = () => process.memoryUsage().rss / 1024 / 1024;

/** The reference: the run.sh of one expanded run folder (global template included), spawned directly. */
async function direct(dir: string): Promise<number> {
  const started = performance.now();
  await runPool(Array.from({ length: RUNS }, (_, i) => i), PARALLEL, async () => {
    const child = spawn("sh", ["run.sh"], { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.resume();
    child.stderr.resume();
    const [code] = (await once(child, "close")) as [number | null];
    if (code !== 0) throw new Error(`sh run.sh exited ${code}`);
  });
  return (performance.now() - started) / 1000;
}

async function viaRunScenarios(): Promise<{ seconds: number; samples: string[]; fdStart: number; fdEnd: number; rssStart: number; rssPeak: number }> {
  const dir = join(root, "bench");
  await mkdir(join(dir, "T"), { recursive: true });
  await writeFile(join(dir, "T", "x.txt"), "x\n");
  const lines = Array.from({ length: RUNS }, (_, i) => JSON.stringify({ id: `t${i}`, template: "T", command: COMMAND }));
  await writeFile(join(dir, "many.jsonl"), lines.join("\n") + "\n");
  const samples: string[] = [];
  const every = Math.max(1, Math.floor(RUNS / 8));
  globalThis.gc?.();
  const fdStart = fds();
  const rssStart = rssMb();
  let rssPeak = rssStart;
  const started = performance.now();
  const summary = await runScenarios(join(dir, "many.jsonl"), {
    runtime: "native", parallel: PARALLEL, cwd: dir, resultsDir: join(dir, "Results"), noHistory: true,
    onEvent: (event) => {
      if (event.type !== "run-end") return;
      rssPeak = Math.max(rssPeak, rssMb());
      if (event.done % every === 0) samples.push(`${event.done}: ${fds()} fds, ${rssMb().toFixed(0)} MB`);
    },
  });
  const seconds = (performance.now() - started) / 1000;
  if (summary.counts.passed !== RUNS) throw new Error(`expected ${RUNS} passed runs, got ${JSON.stringify(summary.counts)}`);
  globalThis.gc?.();
  return { seconds, samples, fdStart, fdEnd: fds(), rssStart, rssPeak };
}

try {
  const bench = await viaRunScenarios();
  const folder = join(root, "direct");
  await cp(join(root, "bench", "Results", "many", "t0", "0"), folder, { recursive: true });
  const directS = await direct(folder);
  const perSec = (s: number) => (RUNS / s).toFixed(1);
  console.log(`${RUNS} tiny native runs, ${PARALLEL} at a time`);
  console.log(`  direct sh run.sh (an expanded run folder's): ${directS.toFixed(1)} s (${perSec(directS)} runs/s)`);
  console.log(`  runScenarios: ${bench.seconds.toFixed(1)} s (${perSec(bench.seconds)} runs/s), ratio ${(bench.seconds / directS).toFixed(2)}`);
  console.log(`  open fds: ${bench.fdStart} before → ${bench.fdEnd} after; RSS ${bench.rssStart.toFixed(0)} MB before, peak ${bench.rssPeak.toFixed(0)} MB`);
  console.log(`  samples (runs done: fds, RSS): ${bench.samples.join(" · ")}`);
} finally {
  await rm(root, { recursive: true, force: true });
}
