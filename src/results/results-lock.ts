/**
 * One writer per Results folder (docs/results.md): `<results>/.lock` holds who writes (pid, host,
 * since, command). It is created with link(2), which fails when the file exists, so two invocations
 * never both hold it. The holder touches it every HEARTBEAT_MS. A lock is stale when its process is
 * gone (same host: the pid is dead, or reused by a process that started later) or, from another
 * host, when it has not been touched for STALE_MS; a stale lock is taken over with a warning.
 */
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { link, readFile, rename, rm, stat, utimes, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { BenchError } from "../errors.ts";

/** The lock file's name in a Results folder. */
export const LOCK_FILE = ".lock";
const HEARTBEAT_MS = 10_000;
const STALE_MS = 60_000;

/** What a Results lock records about its holder: process id, host, start time and command. */
export interface LockInfo {
  /** Process id of the holder. */
  pid: number;
  /** Host name of the holder. */
  host: string;
  /** When the lock was taken (ISO 8601). */
  since: string;
  /** The holder's command line. */
  command: string;
  /** Linux: the process start time (clock ticks since boot), to tell a reused pid apart. */
  start?: number;
}

/** Another invocation writes this Results folder. */
export class ResultsBusyError extends BenchError {
  /** The error's class name. */
  override name = "ResultsBusyError";
  /** Who holds the lock. */
  readonly holder: LockInfo;
  /** `resultsDir` is locked by `holder`. */
  constructor(resultsDir: string, holder: LockInfo) {
    super("E_BUSY", `${resultsDir} is being written by another bench (${holder.command}, pid ${holder.pid} on ${holder.host}, since ${holder.since}); ` +
      `wait for it to finish or pass --wait. If that process is gone, ${join(resultsDir, LOCK_FILE)} is recognised as stale and taken over.`);
    this.holder = holder;
  }
}

/** A held Results lock; release() gives it up. */
export interface ResultsLock {
  /** Path of the lock file. */
  readonly path: string;
  /** Gives the lock up (deletes the lock file). */
  release(): Promise<void>;
}

/** Options of acquireResultsLock: the command recorded, whether to wait for the holder, an abort signal, a notice callback. */
export interface LockOptions {
  /** The command line recorded in the lock. */
  command: string;
  /** Wait for the holder to finish instead of throwing ResultsBusyError. */
  wait?: boolean;
  /** Stops waiting. */
  signal?: AbortSignal;
  /** Called once when waiting starts, and when a stale lock is taken over. */
  onNotice?: (message: string) => void;
  /** Tests: how often to poll while waiting (default 500 ms). */
  pollMs?: number;
}

function processStart(pid: number): number | undefined {
  try {
    // Field 22 of /proc/<pid>/stat, after the parenthesised command name (which may hold spaces).
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    return Number(text.slice(text.lastIndexOf(")") + 2).split(" ")[19]);
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Why the lock is stale, or undefined when its holder may still be writing. */
export async function staleness(path: string, info: LockInfo): Promise<string | undefined> {
  if (info.host === hostname()) {
    if (!alive(info.pid)) return `process ${info.pid} is gone`;
    const start = processStart(info.pid);
    if (info.start !== undefined && start !== undefined && start !== info.start) return `pid ${info.pid} now belongs to another process`;
    return undefined;
  }
  const touched = (await stat(path).catch(() => undefined))?.mtimeMs;
  if (touched !== undefined && Date.now() - touched > STALE_MS) return `not refreshed for ${Math.round((Date.now() - touched) / 1000)} s`;
  return undefined;
}

async function readLock(path: string): Promise<{ text: string; info: LockInfo } | undefined> {
  const text = await readFile(path, "utf8").catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    return { text, info: JSON.parse(text) as LockInfo };
  } catch {
    // Written with one link(2) of a complete file, so unparsable means damaged: treat as a dead holder.
    return { text, info: { pid: 0, host: hostname(), since: "?", command: "?" } };
  }
}

/** Take `<resultsDir>/.lock`, or throw ResultsBusyError (or wait, with `wait`). */
export async function acquireResultsLock(resultsDir: string, options: LockOptions): Promise<ResultsLock> {
  const path = join(resultsDir, LOCK_FILE);
  const info: LockInfo = { pid: process.pid, host: hostname(), since: new Date().toISOString(), command: options.command };
  const start = processStart(process.pid);
  if (start !== undefined) info.start = start;
  const temp = `${path}.${process.pid}.${randomBytes(4).toString("hex")}`;
  await writeFile(temp, `${JSON.stringify(info)}\n`);
  let waiting = false;
  try {
    for (;;) {
      try {
        await link(temp, path);
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      }
      const held = await readLock(path);
      if (!held) continue;
      const stale = await staleness(path, held.info);
      if (stale !== undefined) {
        await takeOver(path, held.text);
        options.onNotice?.(`${path}: took over a stale lock (${held.info.command}, pid ${held.info.pid} on ${held.info.host}, since ${held.info.since}: ${stale})`);
        continue;
      }
      if (!options.wait) throw new ResultsBusyError(resultsDir, held.info);
      if (!waiting) options.onNotice?.(`waiting for ${resultsDir}: written by ${held.info.command} (pid ${held.info.pid} on ${held.info.host}, since ${held.info.since})`);
      waiting = true;
      await sleep(options.pollMs ?? 500, undefined, options.signal ? { signal: options.signal } : {});
    }
  } finally {
    await rm(temp, { force: true });
  }
  const timer = setInterval(() => {
    const now = new Date();
    utimes(path, now, now).catch(() => {});
  }, HEARTBEAT_MS);
  timer.unref();
  let released = false;
  return {
    path,
    async release() {
      if (released) return;
      released = true;
      clearInterval(timer);
      // Remove it only if it is still ours.
      const held = await readLock(path);
      if (held?.info.pid === info.pid && held.info.since === info.since && held.info.host === info.host) await rm(path, { force: true });
    },
  };
}

/** Move the stale lock away, checking that what was moved is the stale one (not a new holder's). */
async function takeOver(path: string, staleText: string): Promise<void> {
  const aside = `${path}.stale-${process.pid}-${randomBytes(4).toString("hex")}`;
  try {
    await rename(path, aside);
  } catch {
    return; // someone else took it over first
  }
  const moved = await readFile(aside, "utf8").catch(() => undefined);
  if (moved !== staleText) await link(aside, path).catch(() => {}); // a live lock: put it back
  await rm(aside, { force: true });
}
