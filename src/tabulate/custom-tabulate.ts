/**
 * `bench tabulate` with agbench's custom_tabulate.py (docs/migrating.md): found as agbench's
 * tabulate_cli finds it (the current folder, without walking up; then each bare argument, last
 * first, walking up to the root; in each folder custom_tabulate.py, Scripts/ then scripts/), and run
 * with CUSTOM_TABULATE_DRIVER. A scenario's script is not ours to trust: by default it runs in a
 * Docker container (no network, Results and the script read-only, a tmpfs /tmp, no capabilities,
 * an empty environment but HOME); `native` runs it on this machine, with no isolation, only when asked.
 */
import { stat } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { PassThrough } from "node:stream";
import { asDocker } from "../runners/docker/as-docker.ts";
import type { DockerClient } from "../runners/docker/public-types.ts";
import { BenchError, ConfigError } from "../errors.ts";
import { buildChildEnv } from "../process/child-env.ts";
import { runProcess } from "../process/run-process.ts";
import { timerMs } from "../options/values.ts";
import { CUSTOM_TABULATE_DRIVER, VERDICT_MARK } from "./custom-tabulate-driver.ts";

export const TABULATE_FILE = "custom_tabulate.py";
const INVOCATION = "bench tabulate";
const OUTPUT_CAP = 64 * 1024 * 1024;
const TIMEOUT_MS = 600_000;

/** One verdict of a custom_tabulate.py: task, trial, success and time. */
export interface Verdict {
  /** The task's id. */
  task: string;
  /** The trial, from 0. */
  trial: number;
  /** Passed, failed, or null when the script could not tell. */
  success: boolean | null;
  /** Seconds, when the script reports it. */
  time: number | null;
}

/** Where custom_tabulate.py runs: in a Docker container (the default) or natively when asked. */
export type TabulateSandbox =
  | { kind: "docker"; image: string; python: string; docker: DockerClient; timeoutMs?: number }
  | { kind: "native"; python: string; timeoutMs?: number };

/** What a custom_tabulate.py produced: its verdicts, and the rest of what it printed. */
export interface CustomTabulateOutput {
  /** The verdicts the script printed. */
  verdicts: Verdict[];
  /** What the script printed besides the verdicts (passed through, as agbench shows it). */
  text: string;
}

async function isFile(path: string): Promise<boolean> {
  return stat(path).then((s) => s.isFile(), () => false);
}

/** agbench's find_tabulate_module: walk up from `searchDir` (stopping at `stopDir`). */
export async function findTabulateModule(searchDir: string, stopDir?: string): Promise<string | undefined> {
  for (let dir = resolve(searchDir); ; dir = dirname(dir)) {
    for (const candidate of [join(dir, TABULATE_FILE), join(dir, "Scripts", TABULATE_FILE), join(dir, "scripts", TABULATE_FILE)]) {
      if (await isFile(candidate)) return candidate;
    }
    if ((stopDir !== undefined && dir === resolve(stopDir)) || dirname(dir) === dir) return undefined;
  }
}

/** The script agbench's `tabulate` would load for these arguments, or undefined (default tabulation). */
export async function findCustomTabulate(cwd: string, args: readonly string[]): Promise<string | undefined> {
  const here = await findTabulateModule(cwd, cwd);
  if (here) return here;
  for (const arg of [...args].reverse()) {
    if (arg.startsWith("-")) continue;
    const info = await stat(resolve(cwd, arg)).catch(() => undefined);
    if (!info?.isDirectory()) continue;
    const found = await findTabulateModule(resolve(cwd, arg));
    if (found) return found;
  }
  return undefined;
}

/** The verdict lines of the script's stdout; everything else it printed, on stdout then stderr, is its text (shown, as agbench shows it). */
function parseOutput(stdout: string, stderr: string): CustomTabulateOutput {
  const verdicts: Verdict[] = [];
  const text: string[] = [];
  for (const line of stdout.split("\n")) {
    if (line.startsWith(VERDICT_MARK)) verdicts.push(JSON.parse(line.slice(VERDICT_MARK.length)) as Verdict);
    else text.push(line);
  }
  const printed = text.join("\n").replace(/\n+$/, "");
  const warned = stderr.replace(/\n+$/, "");
  return { verdicts, text: printed && warned ? `${printed}\n${warned}` : printed || warned };
}

function failure(script: string, how: string, stderr: string, where?: string): BenchError {
  const tail = stderr.trim().split("\n").slice(-6).join("\n  ");
  // agbench's GAIA script imports pandas: say how to give the script its packages.
  const missing = /ModuleNotFoundError: No module named '([^']+)'/.exec(stderr)?.[1];
  const hint = missing === undefined || where === undefined ? "" : `\n  (${where} has no '${missing}': give --image IMAGE with the packages the script imports, e.g. built FROM python:3.11 with pip install ${missing.split(".")[0]}, or --native --python PYTHON for one on this machine that has them)`;
  return new BenchError("E_CUSTOM_TABULATE", `${script} failed (${how})${tail ? `:\n  ${tail}` : ""}${hint}`);
}

/** Run `script` over one scenario folder of run folders. */
export async function runCustomTabulate(script: string, scenarioDir: string, sandbox: TabulateSandbox): Promise<CustomTabulateOutput> {
  return sandbox.kind === "native" ? runNative(script, scenarioDir, sandbox) : runDocker(script, scenarioDir, sandbox);
}

async function runNative(script: string, scenarioDir: string, sandbox: Extract<TabulateSandbox, { kind: "native" }>): Promise<CustomTabulateOutput> {
  // No isolation (documented): only a minimal environment, never the caller's secrets.
  const env = buildChildEnv(["PATH", "HOME"], { LANG: "C.UTF-8", PYTHONDONTWRITEBYTECODE: "1" });
  const r = await runProcess({
    command: sandbox.python, args: ["-c", CUSTOM_TABULATE_DRIVER, script, INVOCATION, scenarioDir], env,
    timeoutMs: sandbox.timeoutMs ?? TIMEOUT_MS, maxOutputBytes: OUTPUT_CAP,
  });
  if (r.errorCode === "ENOENT") throw new ConfigError("options", [`python: '${sandbox.python}' is not installed (give --python)`]);
  if (r.error !== undefined) throw failure(script, r.error, r.stderr);
  if (r.timedOut) throw failure(script, "timed out", r.stderr);
  if (r.overflowed) throw failure(script, `printed more than ${OUTPUT_CAP} bytes`, r.stderr);
  if (r.exitCode !== 0) throw failure(script, r.exitCode === null ? `killed by ${r.signal}` : `exit ${r.exitCode}`, r.stderr, `'${sandbox.python}'`);
  return parseOutput(r.stdout, r.stderr);
}

async function runDocker(script: string, scenarioDir: string, sandbox: Extract<TabulateSandbox, { kind: "docker" }>): Promise<CustomTabulateOutput> {
  const docker = asDocker(sandbox.docker);
  const found = await docker.getImage(sandbox.image).inspect().then(() => true, () => false);
  if (!found) {
    throw new ConfigError("options", [`image: ${sandbox.image} is not on this Docker engine; give --image IMAGE (with python3, and the packages the script imports), or --native to run it on this machine without isolation`]);
  }
  const user = typeof process.getuid === "function" ? `${process.getuid()}:${process.getgid?.() ?? 0}` : undefined;
  const container = await docker.createContainer({
    Image: sandbox.image,
    Cmd: [sandbox.python, "-c", CUSTOM_TABULATE_DRIVER, `/bench/script/${basename(script)}`, INVOCATION, "/bench/runlogs"],
    Env: ["HOME=/tmp", "LANG=C.UTF-8", "PYTHONDONTWRITEBYTECODE=1"],
    WorkingDir: "/tmp",
    ...(user ? { User: user } : {}),
    NetworkDisabled: true,
    Labels: { "bench-action.run-id": `tabulate-${process.pid}`, "bench-action.scenario": basename(scenarioDir) },
    HostConfig: {
      NetworkMode: "none",
      Binds: [`${dirname(script)}:/bench/script:ro`, `${resolve(scenarioDir)}:/bench/runlogs:ro`],
      ReadonlyRootfs: true,
      Tmpfs: { "/tmp": "rw,size=64m" },
      CapDrop: ["ALL"],
      SecurityOpt: ["no-new-privileges"],
      PidsLimit: 256,
    },
  });
  try {
    const stream = await container.attach({ stream: true, stdout: true, stderr: true });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const collect = (into: Buffer[]) => {
      const sink = new PassThrough();
      let size = 0;
      sink.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size <= OUTPUT_CAP) into.push(chunk);
      });
      return sink;
    };
    container.modem.demuxStream(stream, collect(out), collect(err));
    const ended = new Promise((done) => stream.on("end", done));
    await container.start();
    const timer = setTimeout(() => void container.kill().catch(() => {}), timerMs(sandbox.timeoutMs ?? TIMEOUT_MS));
    const { StatusCode } = (await container.wait()) as { StatusCode: number };
    clearTimeout(timer);
    await ended;
    const stderr = Buffer.concat(err).toString("utf8");
    if (StatusCode !== 0) throw failure(script, `exit ${StatusCode} in ${sandbox.image}`, stderr, `the image ${sandbox.image}`);
    return parseOutput(Buffer.concat(out).toString("utf8"), stderr);
  } finally {
    await container.remove({ force: true }).catch(() => {});
  }
}
