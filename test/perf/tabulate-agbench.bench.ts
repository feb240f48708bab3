/**
 * Tabulating agbench's Results at scale (docs/migrating.md), measured against a reference in the same
 * run: 1 000 tasks × 100 trials = 100 000 run folders. Every figure is a fresh process, start-up
 * included: `node bin/bench.js tabulate …`, what a user runs.
 * (A) console logs only (agbench's layout, no result.json): `bench tabulate <scenario>` in its default
 *     (text) format against a plain Python stand-in doing what agbench's default tabulate does (for
 *     every trial: its default_scorer and default_timer each open and read console_log.txt whole and
 *     look for the markers; no pandas, no table printed). Goal: bench ≥ 1.5× faster.
 * (B) the same tree with a result.json in every run folder: bench's peak RSS (VmHWM via
 *     /usr/bin/time -v), text and json formats. Goal: ≤ 150 MiB (agbench: about 151 MiB on the tree of
 *     issue 16; the stand-in's peak is printed too, but without pandas it is no memory reference).
 * The machine is shared (other jobs load its cores): the two sides run alternately ROUNDS times and
 * the fastest wall time of each is compared; CPU time (user + system) is printed beside it.
 * The trees are generated first (not timed).
 */
import { spawnSync } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { AGBENCH_DEFAULTS_PY } from "../tabulate/agbench-reference.ts";

const TASKS = 1000;
const TRIALS = 100;
const SPEEDUP_GOAL = 1.5;
const RSS_GOAL_MIB = 150;
const ROUNDS = 3;
const BENCH = fileURLToPath(new URL("../../bin/bench.js", import.meta.url));

const STAND_IN = `${AGBENCH_DEFAULTS_PY}
runlogs = sys.argv[1]
rows = []
for task in sorted(os.listdir(runlogs), key=lambda s: os.path.getmtime(os.path.join(runlogs, s))):
    tp = os.path.join(runlogs, task)
    if not os.path.isdir(tp): continue
    row = {"Task Id": task}
    for i in [int(d) for d in sorted(os.listdir(tp), key=lambda s: os.path.getmtime(os.path.join(tp, s))) if d.isdigit()]:
        row[f"Trial {i} Success"] = default_scorer(os.path.join(tp, str(i)))
        row[f"Trial {i} Time"] = default_timer(os.path.join(tp, str(i)))
    rows.append(row)
ok = sum(1 for r in rows for k, v in r.items() if k.endswith("Success") and v is True)
print(len(rows), ok)
`;

function log(kind: number, rep: number): string {
  const body = "---------- assistant ----------\nHere is the function you asked for.\n".repeat(8);
  const head = `RUN.SH STARTING !#!#\nSCENARIO.PY STARTING !#!#\n${body}`;
  if (kind === 0) return `${head}executor> ALL TESTS PASSED !#!#\nSCENARIO.PY COMPLETE !#!#\nSCENARIO.PY RUNTIME: ${10 + (rep % 7)} !#!#\nRUN.SH COMPLETE !#!#\n`;
  if (kind === 1) return `${head}SCENARIO.PY COMPLETE !#!#\nSCENARIO.PY RUNTIME: ${12 + (rep % 5)} !#!#\nRUN.SH COMPLETE !#!#\n`;
  return `${head}Traceback (most recent call last):\n`;
}

async function generate(root: string, withResults: boolean): Promise<void> {
  for (let t = 0; t < TASKS; t++) {
    const id = `HumanEval_${t}`;
    const writes: Promise<unknown>[] = [];
    for (let rep = 0; rep < TRIALS; rep++) {
      const dir = join(root, "HumanEval", id, String(rep));
      const kind = (t * 7 + rep * 3) % 3;
      writes.push(mkdir(dir, { recursive: true }).then(() => withResults
        ? writeFile(join(dir, "result.json"), JSON.stringify({
          schema: 1, scenario: "HumanEval", id, rep, status: kind === 0 ? "passed" : kind === 1 ? "failed" : "error", exitCode: kind === 2 ? 1 : 0,
          timedOut: false, startedAt: "2026-01-01T00:00:00.000Z", finishedAt: "2026-01-01T00:00:12.000Z", durationMs: 12000, attempts: 1,
          scenarioHash: "0123456789abcdef", image: null, runner: "agbench", imported: "agbench", logBytes: 900,
        }, null, 2))
        : writeFile(join(dir, "console_log.txt"), log(kind, rep))));
    }
    await Promise.all(writes);
  }
}

interface Timing {
  ms: number;
  cpuMs: number;
  rssMiB: number;
  stdout: string;
}

/** One fresh process under /usr/bin/time -v: wall time, user + system time, peak RSS. */
function timed(command: string, args: string[]): Timing {
  const started = performance.now();
  const run = spawnSync("/usr/bin/time", ["-v", command, ...args], { encoding: "utf8", maxBuffer: 1 << 28 });
  const ms = performance.now() - started;
  if (run.status !== 0) throw new Error(`${command} failed (${run.status}): ${run.stderr.slice(-2000)}`);
  const field = (name: string): number => Number(new RegExp(`${name}: ([\\d.]+)`).exec(run.stderr)?.[1] ?? Number.NaN);
  const cpuMs = (field("User time \\(seconds\\)") + field("System time \\(seconds\\)")) * 1000;
  return { ms, cpuMs, rssMiB: field("Maximum resident set size \\(kbytes\\)") / 1024, stdout: run.stdout };
}

/** The fastest of the rounds (wall), with the least CPU time and the highest peak seen. */
function best(all: Timing[]): Timing {
  const fastest = all.reduce((a, b) => (b.ms < a.ms ? b : a));
  return { ...fastest, cpuMs: Math.min(...all.map((t) => t.cpuMs)), rssMiB: Math.max(...all.map((t) => t.rssMiB)) };
}

const show = (t: Timing): string => `${t.ms.toFixed(0)} ms wall, ${t.cpuMs.toFixed(0)} ms CPU, peak ${t.rssMiB.toFixed(0)} MiB`;

const root = await mkdtemp(join(tmpdir(), "bench-perf-agb-"));
try {
  const genStart = performance.now();
  await generate(root, false);
  console.log(`generated ${TASKS} tasks × ${TRIALS} trials (console logs only) in ${((performance.now() - genStart) / 1000).toFixed(1)} s (not counted)`);
  console.log(`machine load average: ${loadavg().map((l) => l.toFixed(1)).join(" ")} on ${cpus().length} cores`);
  const scenario = join(root, "HumanEval");
  const out = join(root, "tab.json");
  const bench = (...more: string[]): Timing => timed(process.execPath, [BENCH, "tabulate", scenario, "--no-custom-tabulate", ...more]);
  // Warm the page cache for both the same way: the first reader would otherwise pay for the disk.
  timed("python3", ["-c", STAND_IN, scenario]);
  const references: Timing[] = [];
  const owns: Timing[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    references.push(timed("python3", ["-c", STAND_IN, scenario]));
    owns.push(bench());
  }
  const reference = best(references);
  const own = best(owns);
  // The same verdicts: the stand-in's rows and successes against bench's JSON (not timed).
  bench("--format", "json", "--out", out);
  const [rows, ok] = (references[0]?.stdout ?? "").trim().split(" ").map(Number);
  const tab = JSON.parse(await readFile(out, "utf8")) as { overall: { tasks: number; counts: { passed: number } } };
  if (rows !== TASKS || tab.overall.tasks !== TASKS || tab.overall.counts.passed !== ok) {
    throw new Error(`disagree: stand-in ${rows} rows ${ok} passed, bench ${tab.overall.tasks} rows ${tab.overall.counts.passed} passed`);
  }
  const speedup = reference.ms / own.ms;
  console.log(`(A) console logs only, best of ${ROUNDS}: bench tabulate ${show(own)}; agbench stand-in (python3) ${show(reference)}; ${ok} passed in both`);
  console.log(`    bench ${speedup.toFixed(2)}× faster in wall time (goal ≥ ${SPEEDUP_GOAL}×), ${(reference.cpuMs / own.cpuMs).toFixed(2)}× less CPU time`);

  await generate(root, true);
  const text = best([bench(), bench()]);
  const json = best([bench("--format", "json", "--out", out), bench("--format", "json", "--out", out)]);
  const peak = Math.max(text.rssMiB, json.rssMiB);
  console.log(`(B) with result.json: bench tabulate (text) ${show(text)}; --format json ${show(json)}; peak ${peak.toFixed(1)} MiB (goal ≤ ${RSS_GOAL_MIB} MiB)`);
  const pass = speedup >= SPEEDUP_GOAL && peak <= RSS_GOAL_MIB;
  console.log(pass ? "PASS" : "FAIL: goal not met");
  process.exitCode = pass ? 0 : 1;
} finally {
  await rm(root, { recursive: true, force: true });
}
