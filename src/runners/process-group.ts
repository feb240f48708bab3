/** Runs one command as its own process group, streaming its output, and kills the whole group. */
import { spawn, type ChildProcess } from "node:child_process";
import type { Readable } from "node:stream";
import { describeError } from "../errors.ts";

export interface GroupProcessOptions {
  command: string;
  args: readonly string[];
  cwd: string;
  env: Record<string, string>;
  /** Receives stdout and stderr chunks in arrival order; the streams stay paused until it resolves. */
  onOutput: (chunk: Buffer) => Promise<void> | void;
  /** When aborted: SIGTERM to the group, SIGKILL after `killGraceMs`. */
  stop?: AbortSignal;
  killGraceMs: number;
}

export interface GroupProcessResult {
  /** Exit code of the command; null when it was killed or never started. */
  exitCode: number | null;
  /** Signal that ended the command, if any. */
  signal: NodeJS.Signals | null;
  /** Spawn failure or an error from `onOutput`. */
  error?: string;
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
 * Spawn `command` detached (a new session and process group) with stdin ignored. Resolves once the
 * command has exited and its pipes are drained; never rejects. Leftover group members are killed
 * when the command exits, as a container's processes die with its PID 1.
 */
export function runInGroup(options: GroupProcessOptions): Promise<GroupProcessResult> {
  return new Promise((resolve) => {
    let child: ChildProcess;
    try {
      child = spawn(options.command, [...options.args], {
        cwd: options.cwd,
        env: options.env,
        detached: true,
        stdio: ["ignore", "pipe", "pipe"],
      });
    } catch (error) {
      resolve({ exitCode: null, signal: null, error: `cannot start ${options.command}: ${describeError(error)}` });
      return;
    }
    const timers: NodeJS.Timeout[] = [];
    let chain: Promise<void> = Promise.resolve();
    let error: string | undefined;
    let done = false;
    let lastData = Date.now();
    let idle: NodeJS.Timeout | undefined;
    const closePipes = (): void => void (child.stdout?.destroy(), child.stderr?.destroy());

    const pump = (stream: Readable | null): void => {
      stream?.on("data", (chunk: Buffer) => {
        lastData = Date.now();
        stream.pause();
        chain = chain
          .then(() => options.onOutput(chunk))
          .catch((e: unknown) => void (error ??= describeError(e)))
          .then(() => void stream.resume());
      });
    };
    pump(child.stdout);
    pump(child.stderr);

    const terminate = (): void => {
      const pid = child.pid;
      if (pid === undefined || timers.length) return;
      killGroup(pid, "SIGTERM");
      timers.push(
        setTimeout(() => {
          killGroup(pid, "SIGKILL");
          timers.push(setTimeout(closePipes, PIPE_CLOSE_MS));
        }, options.killGraceMs),
      );
    };
    const finish = (exitCode: number | null, signal: NodeJS.Signals | null): void => {
      if (done) return;
      done = true;
      options.stop?.removeEventListener("abort", terminate);
      void chain.then(() => {
        for (const timer of timers) clearTimeout(timer);
        clearInterval(idle);
        resolve({ exitCode, signal, ...(error === undefined ? {} : { error }) });
      });
    };

    child.on("error", (e) => {
      if (child.pid === undefined) {
        error = `cannot start ${options.command}: ${describeError(e)}`;
        finish(null, null);
      }
    });
    // A process that left the group (setsid) may keep the pipes open: stop reading once they go quiet.
    child.on("exit", () => {
      if (child.pid !== undefined) killGroup(child.pid, "SIGKILL");
      idle = setInterval(() => {
        if (Date.now() - lastData >= PIPE_CLOSE_MS) closePipes();
      }, PIPE_CLOSE_MS);
    });
    child.on("close", (code, signal) => finish(code, signal));
    if (options.stop?.aborted) terminate();
    else options.stop?.addEventListener("abort", terminate, { once: true });
  });
}
