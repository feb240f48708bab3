/**
 * Streams console output to console_log.txt: masked, capped with a marker, never held in memory
 * beyond the kept tail. A capped log keeps its head and its tail (the last TAIL_MAX_BYTES, at most half
 * the cap), with a marker between them saying how much was dropped. The success sentinel is looked for
 * in everything the process printed, not only in what was kept (`sentinelSeen`).
 */
import { createWriteStream, type WriteStream } from "node:fs";
import { once } from "node:events";
import { MASK, normaliseSecrets } from "../secrets/mask.ts";

/** The default cap on a run's console log (50 MB); output past it is counted, not kept. */
export const DEFAULT_LOG_CAP_BYTES = 50 * 1024 * 1024;
/** The most of a capped log's end that is kept (held in memory until close). */
export const TAIL_MAX_BYTES = 1024 * 1024;
const SENTINEL = Buffer.from("ALL TESTS PASSED !#!#");

/** What a LogSink saw: bytes in and written, whether the log was truncated, whether the sentinel appeared. */
export interface LogSinkStats {
  /** Bytes received from the process (before masking). */
  bytesIn: number;
  /** Bytes written to the file, marker excluded. */
  bytesWritten: number;
  /** The cap was reached and output was dropped. */
  truncated: boolean;
  /** "ALL TESTS PASSED !#!#" appeared anywhere in the output, kept or dropped. */
  sentinelSeen: boolean;
}

/**
 * A sink for raw output chunks. Masks secrets across chunk boundaries by holding back the last
 * (longest secret − 1) bytes, writes up to `capBytes`, then drops the rest and appends a marker
 * on close. Backpressure: `write` resolves when the file stream has drained.
 */
export class LogSink {
  /** The log file written. */
  readonly path: string;
  readonly #file: WriteStream;
  readonly #cap: number;
  readonly #secrets: Buffer[];
  readonly #holdBack: number;
  #pending: Buffer = Buffer.alloc(0);
  #stats: LogSinkStats = { bytesIn: 0, bytesWritten: 0, truncated: false, sentinelSeen: false };
  readonly #headCap: number;
  readonly #tailCap: number;
  /** The head is full: later bytes go to #tail; `truncated` only once more than #tailCap came after it. */
  #overflowing = false;
  #afterHead = 0;
  #tail: Buffer[] = [];
  #tailBytes = 0;
  #scanCarry: Buffer = Buffer.alloc(0);
  #closed = false;

  /** A sink writing `path`, masking `secrets`, capped at `capBytes` (default DEFAULT_LOG_CAP_BYTES). */
  constructor(path: string, options: { capBytes?: number; secrets?: readonly string[]; append?: boolean } = {}) {
    this.path = path;
    this.#file = createWriteStream(path, { flags: options.append ? "a" : "w" });
    this.#file.on("error", () => {}); // surfaced by close()
    this.#cap = options.capBytes ?? DEFAULT_LOG_CAP_BYTES;
    this.#secrets = normaliseSecrets(options.secrets ?? []).map((s) => Buffer.from(s));
    this.#holdBack = Math.max(0, ...this.#secrets.map((s) => s.length - 1));
    this.#tailCap = Math.min(TAIL_MAX_BYTES, Math.floor(this.#cap / 2));
    this.#headCap = this.#cap - this.#tailCap;
  }

  /** What the sink has seen so far. */
  get stats(): LogSinkStats {
    return { ...this.#stats };
  }

  /** Writes a chunk (masked; dropped past the cap). */
  async write(chunk: Buffer | string): Promise<void> {
    if (this.#closed) return;
    const buf = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    this.#stats.bytesIn += buf.length;
    this.#scan(buf);
    const data = this.#secrets.length ? Buffer.concat([this.#pending, buf]) : buf;
    const masked = this.#mask(data);
    const keep = Math.min(this.#holdBack, masked.length);
    this.#pending = keep ? masked.subarray(masked.length - keep) : Buffer.alloc(0);
    await this.#emit(masked.subarray(0, masked.length - keep));
  }

  /** Flush, add the truncation marker if needed, close the file. */
  async close(): Promise<LogSinkStats> {
    if (this.#closed) return this.stats;
    await this.#emit(this.#pending);
    this.#pending = Buffer.alloc(0);
    this.#closed = true;
    if (this.#file.errored) throw this.#file.errored;
    if (this.#overflowing) {
      const tail = Buffer.concat(this.#tail);
      const kept = tail.subarray(Math.max(0, tail.length - this.#tailCap));
      this.#stats.bytesWritten += kept.length;
      this.#stats.truncated = this.#afterHead > this.#tailCap;
      if (this.#stats.truncated) {
        const dropped = this.#stats.bytesIn - this.#stats.bytesWritten;
        this.#file.write(`\n[bench-action: console output truncated at ${this.#headCap} bytes; ${dropped} more bytes dropped; the last ${kept.length} bytes follow]\n`);
      }
      this.#file.write(kept);
    }
    this.#file.end();
    await Promise.race([once(this.#file, "finish"), once(this.#file, "error").then(([e]) => { throw e; })]);
    return this.stats;
  }

  #mask(data: Buffer): Buffer {
    let out = data;
    for (const secret of this.#secrets) {
      let at = out.indexOf(secret);
      if (at < 0) continue;
      const parts: Buffer[] = [];
      let from = 0;
      while (at >= 0) {
        parts.push(out.subarray(from, at), Buffer.from(MASK));
        from = at + secret.length;
        at = out.indexOf(secret, from);
      }
      parts.push(out.subarray(from));
      out = Buffer.concat(parts);
    }
    return out;
  }

  /** Look for the sentinel in the raw stream, across chunk boundaries. */
  #scan(buf: Buffer): void {
    if (this.#stats.sentinelSeen) return;
    const text = this.#scanCarry.length ? Buffer.concat([this.#scanCarry, buf]) : buf;
    if (text.indexOf(SENTINEL) >= 0) this.#stats.sentinelSeen = true;
    this.#scanCarry = Buffer.from(text.subarray(Math.max(0, text.length - SENTINEL.length + 1)));
  }

  async #emit(data: Buffer): Promise<void> {
    if (data.length === 0) return;
    if (this.#overflowing) return this.#keepTail(data);
    const room = this.#headCap - this.#stats.bytesWritten;
    const slice = data.length > room ? data.subarray(0, room) : data;
    if (data.length > room) {
      this.#overflowing = true;
      this.#keepTail(data.subarray(room));
    }
    this.#stats.bytesWritten += slice.length;
    // A failed file stream never drains: stop writing, close() reports the error.
    if (slice.length === 0 || this.#file.destroyed) return;
    if (!this.#file.write(slice)) await drained(this.#file);
  }

  /** Keep the last #tailCap bytes after the head is full, in memory. */
  #keepTail(data: Buffer): void {
    this.#afterHead += data.length;
    if (this.#tailCap === 0) return;
    this.#tail.push(data);
    this.#tailBytes += data.length;
    while (this.#tail.length > 1 && this.#tailBytes - this.#tail[0]!.length >= this.#tailCap) this.#tailBytes -= this.#tail.shift()!.length;
  }
}

/** Resolves on 'drain', or on 'close' of a stream that failed; rejects on 'error'. Leaves no listener behind. */
async function drained(file: WriteStream): Promise<void> {
  const done = new AbortController();
  try {
    await Promise.race([once(file, "drain", { signal: done.signal }), once(file, "close", { signal: done.signal })]);
  } finally {
    done.abort();
  }
}
