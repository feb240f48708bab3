/**
 * The one way bench starts a process (docs/architecture.md, "Layers"): the command runs in its own
 * session and process group with stdin closed and an environment from buildChildEnv (never the host's
 * whole); a timeout, clamped to Node's timer limit, or an abort kills the whole group (SIGTERM, then
 * SIGKILL after a grace), and once the command exited, so does every process it left behind, also
 * outside the group (escaped.ts); output is streamed to a callback and/or kept up to a cap; the
 * result says how it ended. Never rejects.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import type { Readable } from "node:stream";
import { describeError } from "../errors.ts";
import { timerMs } from "../options/values.ts";
import type { ChildEnv } from "./child-env.ts";
import { killMarked, PROCESS_MARK_VAR } from "./escaped.ts";

export interface ProcessSpec {
  command: string;
  args: readonly string[];
  /** Default: the current folder. */
  cwd?: string;
  /** Built with buildChildEnv: the allowlisted host variables plus explicit ones. */
  env: ChildEnv;
  /** Kill the group after this many ms (clamped to Node's timer limit). Default: no timeout. */
  timeoutMs?: number;
  /** Aborting kills the group. */
  stop?: AbortSignal;
  /** Between SIGTERM and SIGKILL to the group; default 1000. */
  killGraceMs?: number;
  /** Receives stdout and stderr chunks in arrival order; the streams stay paused until it resolves. */
  onOutput?: (chunk: Buffer) => Promise<void> | void;
  /**
   * Keep stdout and stderr (each up to this many bytes) in the result; more output than that kills
   * the group and sets `overflowed`, as execFile's maxBuffer does. Default: nothing kept.
   */
  maxOutputBytes?: number;
}

export interface ProcessResult {
  /** Exit code of the command; null when it was killed or never started. */
  exitCode: number | null;
  /** Signal that ended the command, if any. */
  signal: NodeJS.Signals | null;
  /** The timeout killed the group. */
  timedOut: boolean;
  /** `stop` killed the group. */
  aborted: boolean;
  /** Output beyond maxOutputBytes killed the group. */
  overflowed: boolean;
  /** With maxOutputBytes: what the command printed (UTF-8). */
  stdout: string;
  stderr: string;
  /** Spawn failure or an error from `onOutput`. */
  error?: string;
  /** The errno code when the command could not start (ENOENT: not installed). */
  errorCode?: string;
  /** How many processes that had left the group (setsid, daemons) were killed after the command exited. */
  escaped: number;
}

/** How long to wait for the pipes to close after SIGKILL (a process that left the group may hold them). */
const PIPE_CLOSE_MS = 1000;

/** Send `signal` to every process in group `pgid`; a group that is already gone is not an error. */
export function killGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // ESRCH: nothing left in the group.
  }
}

/**
 * Resolves once the command has exited and its pipes are drained. Leftover group members are killed
 * when the command exits, as a container's processes die with its PID 1.
 */
export function runProcess(spec: ProcessSpec): Promise<ProcessResult> {
  return new Promise((resolve) => {
    const ended = { timedOut: false, aborted: false, overflowed: false };
    const captured = { stdout: [] as Buffer[], stderr: [] as Buffer[] };
    const mark = randomBytes(16).toString("hex");
    let escaped = 0;
    const result = (exitCode: number | null, signal: NodeJS.Signals | null, error?: string, errorCode?: string): ProcessResult => ({
      exitCode, signal, ...ended, escaped,
      stdout: Buffer.concat(captured.stdout).toString("utf8"), stderr: Buffer.concat(captured.stderr).toString("utf8"),
      ...(error === undefined ? {} : { error }), ...(errorCode === undefined ? {} : { errorCode }),
    });
    let child: ChildProcess;
    try {
      child = spawn(spec.command, [...spec.args], { cwd: spec.cwd, env: { ...spec.env, [PROCESS_MARK_VAR]: mark }, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    } catch (e) {
      resolve(result(null, null, `cannot start ${spec.command}: ${describeError(e)}`, (e as NodeJS.ErrnoException).code));
      return;
    }
    const timers: NodeJS.Timeout[] = [];
    let chain: Promise<void> = Promise.resolve();
    let error: string | undefined;
    let errorCode: string | undefined;
    let exited = false;
    let killing = false;
    let deadline: NodeJS.Timeout | undefined;
    let done = false;
    let lastData = Date.now();
    let idle: NodeJS.Timeout | undefined;
    const closePipes = (): void => void (child.stdout?.destroy(), child.stderr?.destroy());

    const terminate = (why: keyof typeof ended): void => {
      const pid = child.pid;
      if (pid === undefined) return;
      if (!exited && !ended.timedOut && !ended.aborted && !ended.overflowed) ended[why] = true;
      if (killing) return;
      killing = true;
      killGroup(pid, "SIGTERM");
      timers.push(setTimeout(() => {
        killGroup(pid, "SIGKILL");
        timers.push(setTimeout(closePipes, PIPE_CLOSE_MS));
      }, spec.killGraceMs ?? 1000));
    };
    const onAbort = (): void => terminate("aborted");

    const pump = (stream: Readable | null, into: Buffer[]): void => {
      let size = 0;
      stream?.on("data", (chunk: Buffer) => {
        lastData = Date.now();
        if (spec.maxOutputBytes !== undefined) {
          const room = spec.maxOutputBytes - size;
          size += chunk.length;
          if (chunk.length <= room) into.push(chunk);
          else {
            // Chunks that arrive after the cap (before the kill lands) add nothing.
            if (room > 0) into.push(chunk.subarray(0, room));
            terminate("overflowed");
          }
        }
        if (!spec.onOutput) return;
        stream.pause();
        chain = chain
          .then(() => spec.onOutput?.(chunk))
          .catch((e: unknown) => void (error ??= describeError(e)))
          .then(() => void stream.resume());
      });
    };
    pump(child.stdout, captured.stdout);
    pump(child.stderr, captured.stderr);

    const finish = (exitCode: number | null, signal: NodeJS.Signals | null): void => {
      if (done) return;
      done = true;
      clearTimeout(deadline);
      spec.stop?.removeEventListener("abort", onAbort);
      void chain.then(() => {
        for (const timer of timers) clearTimeout(timer);
        clearInterval(idle);
        resolve(result(exitCode, signal, error, errorCode));
      });
    };

    child.on("error", (e: NodeJS.ErrnoException) => {
      if (child.pid === undefined) {
        error = `cannot start ${spec.command}: ${describeError(e)}`;
        errorCode = e.code;
        finish(null, null);
      }
    });
    // A process that left the group (setsid) is killed by its mark; one not found may keep the pipes
    // open: stop reading once they go quiet.
    child.on("exit", () => {
      exited = true;
      if (child.pid !== undefined) killGroup(child.pid, "SIGKILL");
      escaped = killMarked(mark, child.pid);
      idle = setInterval(() => {
        if (Date.now() - lastData >= PIPE_CLOSE_MS) closePipes();
      }, PIPE_CLOSE_MS);
    });
    child.on("close", (code, signal) => finish(code, signal));
    if (spec.timeoutMs !== undefined) deadline = setTimeout(() => terminate("timedOut"), timerMs(spec.timeoutMs));
    if (spec.stop?.aborted) terminate("aborted");
    else spec.stop?.addEventListener("abort", onAbort, { once: true });
  });
}
