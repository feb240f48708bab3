/**
 * A Runner that acts out scripted outcomes, counts concurrency and can block until aborted. It keeps the
 * Runner contract (test/runners/runner-contract.ts runs the same checks on it as on the real runners):
 * output goes through the real LogSink (masked, capped), a timeout has no exit code, an abort is reported.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { LogSink } from "../../src/runners/log-sink.ts";
import type { Runner, RunnerOutcome, RunTask, VerifierOutcome } from "../../src/runners/runner.ts";
import { clearVerifierOutput } from "../../src/verify/stage-files.ts";

export interface FakeBehaviour {
  exitCode?: number | null;
  /** Print the success sentinel (default true when exitCode is 0). */
  sentinel?: boolean;
  timedOut?: boolean;
  error?: string;
  /** Throw from run() instead of returning an outcome. */
  throws?: string;
  /** Wait until the signal aborts, then report aborted. */
  block?: boolean;
  /** Wait this long (ms) before finishing. */
  delayMs?: number;
  /** Extra files written into the run folder. */
  files?: Record<string, string>;
  /** What the run prints (default "fake run of <id>" and the sentinel when it passes). */
  output?: string;
  /** The verifier phase, for tasks that have one (default: exit 0, no output, no files). */
  verifier?: { exitCode?: number | null; timedOut?: boolean; output?: string; files?: Record<string, string> };
}

/** Behaviours keyed by "id#rep", "id" or "*"; a list gives one behaviour per attempt (the last repeats). */
export type FakeScript = Record<string, FakeBehaviour | FakeBehaviour[]>;

/** Acts out a verifier phase as the real runners leave it: verifier/ replaced, verifier_log.txt written. */
async function fakeVerifier(task: RunTask, v: NonNullable<FakeBehaviour["verifier"]>): Promise<VerifierOutcome> {
  const startedAt = new Date();
  await clearVerifierOutput(task.runDir);
  await mkdir(join(task.runDir, "verifier"), { recursive: true });
  for (const [name, text] of Object.entries(v.files ?? {})) await writeFile(join(task.runDir, "verifier", name), text);
  const sink = new LogSink(join(task.runDir, "verifier_log.txt"), { capBytes: task.logCapBytes, secrets: task.secrets });
  await sink.write(v.output ?? "");
  await sink.close();
  return { exitCode: v.timedOut ? null : (v.exitCode === undefined ? 0 : v.exitCode), timedOut: v.timedOut ?? false, startedAt, finishedAt: new Date(), mode: task.verifier!.mode };
}

export class FakeRunner implements Runner {
  readonly name = "fake";
  readonly calls: RunTask[] = [];
  readonly prepared: RunTask[][] = [];
  running = 0;
  maxRunning = 0;
  closed = 0;
  readonly #script: FakeScript;
  readonly #attempts = new Map<string, number>();
  /** Resolves when `count` runs have started (for abort tests). */
  #waiters: { count: number; resolve: () => void }[] = [];

  constructor(script: FakeScript = {}) {
    this.#script = script;
  }

  async prepare(tasks: readonly RunTask[]): Promise<void> {
    this.prepared.push([...tasks]);
  }

  started(count: number): Promise<void> {
    if (this.calls.length >= count) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push({ count, resolve }));
  }

  #behaviour(task: RunTask): FakeBehaviour {
    const key = `${task.taskId}#${task.rep}`;
    const attempt = this.#attempts.get(key) ?? 0;
    this.#attempts.set(key, attempt + 1);
    const entry = this.#script[key] ?? this.#script[task.taskId] ?? this.#script["*"] ?? { exitCode: 0 };
    return Array.isArray(entry) ? (entry[Math.min(attempt, entry.length - 1)] ?? { exitCode: 0 }) : entry;
  }

  async run(task: RunTask, signal?: AbortSignal): Promise<RunnerOutcome> {
    const startedAt = new Date();
    this.calls.push(task);
    this.running++;
    this.maxRunning = Math.max(this.maxRunning, this.running);
    for (const waiter of this.#waiters.filter((w) => this.calls.length >= w.count)) waiter.resolve();
    const b = this.#behaviour(task);
    try {
      for (const [name, text] of Object.entries(b.files ?? {})) await writeFile(join(task.runDir, name), text);
      const exitCode = b.exitCode === undefined ? 0 : b.exitCode;
      const log = b.output ?? `fake run of ${task.taskId}\n${(b.sentinel ?? exitCode === 0) ? "ALL TESTS PASSED !#!#\n" : ""}`;
      const sink = new LogSink(join(task.runDir, "console_log.txt"), { capBytes: task.logCapBytes, secrets: task.secrets });
      await sink.write(log);
      const stats = await sink.close();
      if (b.delayMs) await new Promise((resolve) => setTimeout(resolve, b.delayMs));
      if (b.block) {
        await new Promise<void>((resolve) => {
          if (signal?.aborted) return resolve();
          signal?.addEventListener("abort", () => resolve(), { once: true });
        });
      }
      if (b.throws) throw new Error(b.throws);
      const outcome: RunnerOutcome = {
        exitCode: b.timedOut ? null : exitCode, timedOut: b.timedOut ?? false, startedAt, finishedAt: new Date(),
        image: task.image ?? null, logBytes: stats.bytesWritten, logTruncated: stats.truncated, sentinelSeen: stats.sentinelSeen,
      };
      if (b.error !== undefined) outcome.error = b.error;
      if (signal?.aborted) Object.assign(outcome, { aborted: true, exitCode: null });
      if (task.verifier && !outcome.aborted && outcome.error === undefined) outcome.verifier = await fakeVerifier(task, b.verifier ?? {});
      return outcome;
    } finally {
      this.running--;
    }
  }

  async close(): Promise<void> {
    this.closed++;
  }
}
