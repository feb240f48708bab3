// 20 trivial runs through DockerRunner, serial and 2 in parallel, against a raw dockerode
// create/attach/start/wait/remove loop on the same image, network mode, mount and command,
// measured in the same process. Goal: DockerRunner / raw ≤ 1.10. Then the same through
// runScenarios (expansion, result.json, scoring included) against raw runs of the very run folders
// it expanded. Last, workspace copy mode (the remote-engine path: the run folder is uploaded as a tar
// before the start and downloaded after the exit) against the same done by hand with dockerode and
// tar-fs. Run: npm run perf.
import { createWriteStream } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { once } from "node:events";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import Docker from "dockerode";
import { extract, pack } from "tar-fs";
import { DockerRunner, runScenarios } from "../../sdk/index.ts";
import type { RunTask } from "../../sdk/index.ts";

const IMAGE = "bench-action/python:bookworm";
const NETWORK = "bridge";
const RUNS = 20;
const docker = new Docker();
try {
  await docker.ping();
} catch {
  console.log("SKIP: no Docker engine answers");
  process.exit(process.env.BENCH_REQUIRE_DOCKER === "1" ? 1 : 0);
}

const root = await mkdtemp(join(tmpdir(), "bench-docker-perf-"));
const runId = `perf-${randomUUID()}`;
async function makeDir(i: number, kind: string): Promise<string> {
  const dir = join(root, `${kind}-${i}-${randomUUID().slice(0, 8)}`);
  await mkdir(dir);
  await writeFile(join(dir, "run.sh"), "echo hello from run\n");
  return dir;
}

async function raw(dir: string): Promise<void> {
  const container = await docker.createContainer({
    Image: IMAGE, Cmd: ["sh", "run.sh"], WorkingDir: "/workspace",
    Labels: { "bench-action.run-id": runId }, HostConfig: { Binds: [`${dir}:/workspace`], NetworkMode: NETWORK },
  });
  try {
    const stream = await container.attach({ stream: true, stdout: true, stderr: true });
    const log = createWriteStream(join(dir, "console_log.txt"));
    docker.modem.demuxStream(stream, log, log);
    const ended = once(stream, "end");
    await container.start();
    const { StatusCode } = (await container.wait()) as { StatusCode: number };
    await ended;
    log.end();
    if (StatusCode !== 0) throw new Error(`raw run exited ${StatusCode}`);
  } finally {
    await container.remove({ force: true });
  }
}

/** The raw copy-mode reference: no mount; tar in before the start, tar out after the exit. */
async function rawCopy(dir: string): Promise<void> {
  const container = await docker.createContainer({
    Image: IMAGE, Cmd: ["sh", "run.sh"], WorkingDir: "/workspace",
    Labels: { "bench-action.run-id": runId }, HostConfig: { NetworkMode: NETWORK },
  });
  try {
    await container.putArchive(pack(dir, { map: (h) => ({ ...h, name: `workspace/${h.name}` }) }), { path: "/" });
    const stream = await container.attach({ stream: true, stdout: true, stderr: true });
    const log = createWriteStream(join(dir, "console_log.txt"));
    docker.modem.demuxStream(stream, log, log);
    const ended = once(stream, "end");
    await container.start();
    const { StatusCode } = (await container.wait()) as { StatusCode: number };
    await ended;
    log.end();
    if (StatusCode !== 0) throw new Error(`raw copy run exited ${StatusCode}`);
    const out = extract(dir, { map: (h) => ({ ...h, name: h.name.replace(/^workspace\/?/, "") }), ignore: (_name, h) => h?.name === "console_log.txt" });
    (await container.getArchive({ path: "/workspace" })).pipe(out);
    await once(out, "finish");
  } finally {
    await container.remove({ force: true });
  }
}

const runner = new DockerRunner({ docker, settings: { network: NETWORK } });
const copyRunner = new DockerRunner({ docker, settings: { network: NETWORK, workspace: "copy" } });
async function viaRunner(dir: string, rep: number, using = runner): Promise<void> {
  const task: RunTask = { runId, scenario: "perf", taskId: "t", rep, runDir: dir, env: {}, timeoutMs: 60_000, image: IMAGE, logCapBytes: 1e6, secrets: [], hasRequirements: false };
  const outcome = await using.run(task);
  if (outcome.exitCode !== 0 || outcome.error) throw new Error(`runner run failed: ${outcome.error ?? outcome.exitCode}`);
}

/** Wall time per run (ms) of RUNS runs of `one`, `parallel` at a time. */
async function measure(kind: string, parallel: number, one: (dir: string, i: number) => Promise<void>): Promise<number> {
  const dirs = await Promise.all(Array.from({ length: RUNS }, (_, i) => makeDir(i, kind)));
  let next = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: parallel }, async () => {
    while (next < RUNS) {
      const i = next++;
      await one(dirs[i] ?? "", i);
    }
  }));
  return (performance.now() - t0) / RUNS;
}

try {
  await measure("warmup", 2, raw); // first containers pay for the image's layers being cached
  const rows: [string, number, number][] = [];
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
  for (const parallel of [1, 2]) {
    // Interleave: `parallel` raw runs, then `parallel` runner runs, RUNS/parallel times each; the
    // median per-run time of each side damps a noisy (shared, 2-core) machine.
    const rawDirs = await Promise.all(Array.from({ length: RUNS }, (_, i) => makeDir(i, `raw-p${parallel}`)));
    const runnerDirs = await Promise.all(Array.from({ length: RUNS }, (_, i) => makeDir(i, `runner-p${parallel}`)));
    const rawTimes: number[] = [];
    const runnerTimes: number[] = [];
    for (let at = 0; at < RUNS; at += parallel) {
      const batch = Array.from({ length: parallel }, (_, k) => at + k);
      let t0 = performance.now();
      await Promise.all(batch.map((i) => raw(rawDirs[i] ?? "")));
      rawTimes.push((performance.now() - t0) / parallel);
      t0 = performance.now();
      await Promise.all(batch.map((i) => viaRunner(runnerDirs[i] ?? "", i)));
      runnerTimes.push((performance.now() - t0) / parallel);
    }
    rows.push([parallel === 1 ? "serial" : "-p 2", median(rawTimes), median(runnerTimes)]);
  }
  for (const parallel of [1, 2]) {
    const rawTimes: number[] = [];
    const scenarioTimes: number[] = [];
    for (let round = 0; round < 3; round++) {
      const work = join(root, `scenarios-p${parallel}-${round}`);
      await mkdir(join(work, "T"), { recursive: true });
      await writeFile(join(work, "T/scenario.py"), "print('ALL TESTS PASSED !#!#')\n");
      await writeFile(join(work, "perf.jsonl"), Array.from({ length: RUNS }, (_, i) => JSON.stringify({ id: `t${i}`, template: "T", command: "python3 scenario.py" })).join("\n") + "\n");
      const t0 = performance.now();
      const summary = await runScenarios("perf.jsonl", { cwd: work, dockerImage: IMAGE, parallel, docker: { network: NETWORK } });
      scenarioTimes.push((performance.now() - t0) / RUNS);
      if (summary.counts.passed !== RUNS) throw new Error(`runScenarios: ${JSON.stringify(summary.counts)}`);
      const runDirs = Array.from({ length: RUNS }, (_, i) => join(work, "Results/perf", `t${i}`, "0"));
      let next = 0;
      const r0 = performance.now();
      await Promise.all(Array.from({ length: parallel }, async () => {
        while (next < RUNS) await raw(runDirs[next++] ?? "");
      }));
      rawTimes.push((performance.now() - r0) / RUNS);
    }
    rows.push([`${parallel === 1 ? "serial" : "-p 2"} runScenarios`, Math.min(...rawTimes), Math.min(...scenarioTimes)]);
  }
  {
    // Copy mode, serial, interleaved like the rows above.
    const rawTimes: number[] = [];
    const copyTimes: number[] = [];
    const rawDirs = await Promise.all(Array.from({ length: RUNS }, (_, i) => makeDir(i, "raw-copy")));
    const copyDirs = await Promise.all(Array.from({ length: RUNS }, (_, i) => makeDir(i, "runner-copy")));
    for (let i = 0; i < RUNS; i++) {
      let t0 = performance.now();
      await rawCopy(rawDirs[i] ?? "");
      rawTimes.push(performance.now() - t0);
      t0 = performance.now();
      await viaRunner(copyDirs[i] ?? "", i, copyRunner);
      copyTimes.push(performance.now() - t0);
    }
    rows.push(["serial, copy mode", median(rawTimes), median(copyTimes)]);
  }
  console.log(`${RUNS} trivial runs, image ${IMAGE}, network ${NETWORK} (wall time per run)`);
  for (const [mode, rawMs, runnerMs] of rows) {
    const ratio = runnerMs / rawMs;
    console.log(`${mode.padEnd(19)} raw dockerode ${rawMs.toFixed(0).padStart(5)} ms   bench-action ${runnerMs.toFixed(0).padStart(5)} ms   ratio ${ratio.toFixed(3)} ${ratio <= 1.1 ? "(goal ≤ 1.10 met)" : "(above the 1.10 goal)"}`);
  }
} finally {
  await runner.close();
  await copyRunner.close();
  await rm(root, { recursive: true, force: true });
}
