/** Runs `sh run.sh` on the host as its own process group. docs/architecture.md#runners. */
import { access } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describeError } from "../errors.ts";
import { maskText } from "../secrets/mask.ts";
import { buildChildEnv, DEFAULT_ENV_ALLOWLIST, withVenv } from "../process/child-env.ts";
import { runProcess, type ProcessResult } from "../process/run-process.ts";
import { escapedNote } from "../process/escaped.ts";
import { LogSink } from "./log-sink.ts";
import type { Runner, RunnerOutcome, RunTask } from "./runner.ts";
import { VenvCache } from "./venv-cache.ts";
import { untilAborted } from "./until-aborted.ts";
import { timerMs } from "../options/values.ts";
import { runNativeVerifier } from "./native-verifier.ts";

/** How the agent's process ended (the venv install may end the run before run.sh starts). */
type Ended = Pick<ProcessResult, "exitCode" | "signal" | "error"> & { escaped?: number };

/** How a NativeRunner runs `run.sh`: its venv cache, interpreter, shell, kill grace and environment allowlist. */
export interface NativeRunnerOptions {
  /** Cache root; venvs go to `<cacheDir>/venvs`. Default: `<os tmpdir>/bench-action-cache`. */
  cacheDir?: string;
  /** Interpreter that creates venvs; default `python3`. */
  python?: string;
  /** Between SIGTERM and SIGKILL to the run's process group; default 2000. */
  killGraceMs?: number;
  /** Host variables the run inherits; default PATH, HOME, LANG, LC_ALL, TZ, TMPDIR, USER, SHELL, TERM. */
  envAllowlist?: readonly string[];
  /** Shell that runs run.sh; default `sh`. */
  shell?: string;
  /** Share one venv cache between runners (close() of either kills its installs); default: one from `cacheDir` and `python`. */
  venvCache?: VenvCache;
}

/**
 * Native runtime: `sh run.sh` in the run folder, detached into its own process group, stdin closed,
 * env limited to the allowlist plus ENV.yaml values. The timeout is enforced from outside by killing
 * the group, so silent or forking scenarios die on time. Output streams to console_log.txt.
 */
export class NativeRunner implements Runner {
  /** The runner's name, recorded in result.json. */
  readonly name = "native";
  /** Where the runs' Python venvs are built and kept. */
  readonly venvCache: VenvCache;
  readonly #killGraceMs: number;
  readonly #allowlist: readonly string[];
  readonly #shell: string;

  /** A runner on this machine. */
  constructor(options: NativeRunnerOptions = {}) {
    const cacheDir = options.cacheDir ?? join(tmpdir(), "bench-action-cache");
    this.venvCache = options.venvCache
      ?? new VenvCache({ dir: join(cacheDir, "venvs"), ...(options.python ? { python: options.python } : {}) });
    this.#killGraceMs = options.killGraceMs ?? 2000;
    this.#allowlist = options.envAllowlist ?? DEFAULT_ENV_ALLOWLIST;
    this.#shell = options.shell ?? "sh";
  }

  /** Runs one task (and its verifier) as `sh run.sh` in its own process group; the outcome is data. */
  async run(task: RunTask, signal?: AbortSignal): Promise<RunnerOutcome> {
    const startedAt = new Date();
    const outcome = (result: Partial<RunnerOutcome>): RunnerOutcome => ({
      exitCode: null, timedOut: false, startedAt, finishedAt: new Date(), image: null, logBytes: 0, logTruncated: false,
      ...result,
    });
    if (signal?.aborted) return outcome({ aborted: true });
    if (!(await access(join(task.runDir, "run.sh")).then(() => true, () => false))) {
      return outcome({ error: `run.sh not found in ${task.runDir}` });
    }
    const sink = new LogSink(join(task.runDir, "console_log.txt"), { capBytes: task.logCapBytes, secrets: task.secrets });
    const stop = new AbortController();
    let reason: "timeout" | "abort" | undefined;
    const onAbort = (): void => ((reason ??= "abort"), stop.abort());
    signal?.addEventListener("abort", onAbort, { once: true });
    const timer = setTimeout(() => ((reason ??= "timeout"), stop.abort()), timerMs(task.timeoutMs));
    let result: Ended;
    try {
      result = await this.#execute(task, sink, stop.signal);
    } catch (e) {
      result = { exitCode: null, signal: null, error: describeError(e) };
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
    }
    if (reason === "timeout") await sink.write(`\n[bench-action: timed out after ${task.timeoutMs / 1000} s; process group killed]\n`).catch(() => {});
    if (result.escaped) await sink.write(`\n[bench-action: ${escapedNote(result.escaped, "run.sh")}]\n`).catch(() => {});
    let error = result.error;
    if (!reason && !error && result.exitCode === null) error = `run.sh was killed by ${result.signal ?? "a signal"}`;
    const stats = await sink.close().catch((e: unknown) => {
      error ??= `cannot write console_log.txt: ${describeError(e)}`;
      return sink.stats;
    });
    const agent = outcome({
      exitCode: reason ? null : result.exitCode,
      timedOut: reason === "timeout",
      ...(reason === "abort" ? { aborted: true } : {}),
      ...(error === undefined || reason ? {} : { error: maskText(error, task.secrets) }),
      logBytes: stats.bytesWritten,
      logTruncated: stats.truncated, sentinelSeen: stats.sentinelSeen,
    });
    if (!task.verifier || agent.aborted || agent.error !== undefined) return agent;
    const verifier = await runNativeVerifier(task, task.verifier, { shell: this.#shell, killGraceMs: this.#killGraceMs }, signal);
    return { ...agent, verifier, ...(verifier.aborted ? { aborted: true } : {}) };
  }

  /** Kill venv installs still running. */
  async close(): Promise<void> {
    await this.venvCache.close();
  }

  async #execute(task: RunTask, sink: LogSink, stop: AbortSignal): Promise<Ended> {
    let env = buildChildEnv(this.#allowlist, task.env);
    if (task.hasRequirements) {
      try {
        const venv = await untilAborted(this.venvCache.ensure(join(task.runDir, "requirements.txt")), stop);
        if (venv === undefined) return { exitCode: null, signal: null };
        env = withVenv(env, venv);
      } catch (e) {
        const message = `installing requirements.txt failed: ${describeError(e)}`;
        await sink.write(`[bench-action: ${message}]\n`);
        return { exitCode: null, signal: null, error: message };
      }
    }
    if (stop.aborted) return { exitCode: null, signal: null };
    return runProcess({
      // One pipe for both streams keeps stdout and stderr in the order they were written.
      command: this.#shell, args: ["-c", 'exec "$0" run.sh 2>&1', this.#shell], cwd: task.runDir, env, stop,
      killGraceMs: this.#killGraceMs,
      onOutput: (chunk) => sink.write(chunk),
    });
  }
}
