/**
 * agbench's default scorer and timer for run folders without result.json (agbench tabulate_cmd.py,
 * default_scorer / default_timer): a run passed when its console log contains "ALL TESTS PASSED !#!#"
 * anywhere (also inside a line), failed when it contains "SCENARIO.PY COMPLETE !#!#" without it, and
 * is missing when neither is there (crashed or unfinished) or there is no console_log.txt. The time
 * is the first "RUNTIME: S !#!#". The log is scanned in chunks (it may be 1 GiB), never loaded whole;
 * the markers are searched as bytes (they are ASCII), so no chunk is decoded to text.
 */
import { Buffer } from "node:buffer";
import { closeSync, createReadStream, openSync, readSync } from "node:fs";
import { sep } from "node:path";

export const AGBENCH_SUCCESS = "ALL TESTS PASSED !#!#";
export const AGBENCH_COMPLETE = "SCENARIO.PY COMPLETE !#!#";
const RUNTIME = /RUNTIME:\s*([\d.]+) !#!#/y;
const EXIT = /SCENARIO\.PY EXITED WITH CODE: (\d+) !#!#/y;
/** Longest text a marker match can span across two chunks. */
const CARRY = 256;
const SUCCESS_BYTES = Buffer.from(AGBENCH_SUCCESS);
const COMPLETE_BYTES = Buffer.from(AGBENCH_COMPLETE);
const RUNTIME_BYTES = Buffer.from("RUNTIME:");
const EXIT_BYTES = Buffer.from("SCENARIO.PY EXITED WITH CODE: ");

export interface LogVerdict {
  /** true passed, false failed, null missing (no console log, or no completion marker). */
  success: boolean | null;
  /** From the first "RUNTIME: S !#!#" marker, when present. */
  durationMs: number | null;
  /** 0 after "SCENARIO.PY COMPLETE", N after "EXITED WITH CODE: N", else null. */
  exitCode: number | null;
  /** Size of the log read; null when there is none. */
  bytes: number | null;
}

const NO_LOG: LogVerdict = { success: null, durationMs: null, exitCode: null, bytes: null };

/**
 * The first match of `pattern` (sticky, starting with `lead`) in `text`, as its first group. Every
 * match starts with `lead`, so trying each occurrence of `lead` in order finds the leftmost match.
 */
function firstMatch(text: Buffer, lead: Buffer, pattern: RegExp): string | undefined {
  for (let at = text.indexOf(lead); at >= 0; at = text.indexOf(lead, at + 1)) {
    pattern.lastIndex = 0;
    const match = pattern.exec(text.toString("latin1", at, Math.min(text.length, at + CARRY)));
    if (match) return match[1];
  }
  return undefined;
}

/** The markers found so far in a log given chunk by chunk, each chunk preceded by the last CARRY bytes of the one before. */
class LogScan {
  success = false;
  complete = false;
  durationMs: number | null = null;
  exitCode: number | null = null;
  bytes = 0;

  look(text: Buffer): void {
    if (!this.success && text.indexOf(SUCCESS_BYTES) >= 0) this.success = true;
    if (!this.complete && text.indexOf(COMPLETE_BYTES) >= 0) this.complete = true;
    if (this.durationMs === null) {
      const runtime = firstMatch(text, RUNTIME_BYTES, RUNTIME);
      if (runtime !== undefined) this.durationMs = Math.round(Number(runtime) * 1000);
    }
    if (this.exitCode === null) {
      const exit = firstMatch(text, EXIT_BYTES, EXIT);
      if (exit !== undefined) this.exitCode = Number(exit);
    }
  }

  verdict(): LogVerdict {
    const exitCode = this.exitCode === null && this.complete ? 0 : this.exitCode;
    return { success: this.success ? true : this.complete ? false : null, durationMs: this.durationMs, exitCode, bytes: this.bytes };
  }
}

const logPath = (runDir: string): string => `${runDir}${sep}console_log.txt`;

/** The verdict of any log, streamed (for logs scoreAgbenchLogSync leaves: it does not block the event loop for long). */
export async function scoreAgbenchLog(runDir: string): Promise<LogVerdict> {
  const scan = new LogScan();
  let tail = Buffer.alloc(0);
  try {
    for await (const chunk of createReadStream(logPath(runDir), { highWaterMark: 256 * 1024 }) as AsyncIterable<Buffer>) {
      scan.bytes += chunk.length;
      const text = Buffer.concat([tail, chunk]);
      scan.look(text);
      tail = text.subarray(Math.max(0, text.length - CARRY));
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "EISDIR" || code === "ENOTDIR") return NO_LOG;
    throw error;
  }
  return scan.verdict();
}

/** Logs up to this size are scanned synchronously by scoreAgbenchLogSync. */
export const SYNC_LOG_LIMIT = 4 * 1024 * 1024;
const CHUNK = 1 << 16;
/** [CARRY bytes kept from the previous chunk | CHUNK bytes read]: reused for every log, nothing allocated per file. */
const window = Buffer.allocUnsafe(CARRY + CHUNK);

/**
 * The same verdict, read synchronously in 64 KiB chunks into one reused buffer: open, read, close (three
 * system calls for a small log, no stream, no string). 100 000 small logs tabulate several times faster
 * than with a stream each. Undefined when the log is larger than SYNC_LOG_LIMIT: use scoreAgbenchLog.
 */
export function scoreAgbenchLogSync(runDir: string): LogVerdict | undefined {
  let fd: number;
  try {
    fd = openSync(logPath(runDir), "r");
  } catch {
    return NO_LOG;
  }
  const scan = new LogScan();
  try {
    let kept = 0;
    for (;;) {
      let read: number;
      try {
        read = readSync(fd, window, kept, CHUNK, null);
      } catch {
        return NO_LOG; // a folder named console_log.txt (EISDIR) is no log, as agbench's isfile says
      }
      if (read === 0) break;
      scan.bytes += read;
      if (scan.bytes > SYNC_LOG_LIMIT) return undefined;
      scan.look(window.subarray(0, kept + read));
      // A short read of a regular file is its end: no further read() needed to see 0.
      if (read < CHUNK) break;
      window.copy(window, 0, kept + read - CARRY, kept + read);
      kept = CARRY;
    }
  } finally {
    closeSync(fd);
  }
  return scan.verdict();
}
