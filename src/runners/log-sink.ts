/** Streams console output to console_log.txt: masked, capped with a marker, never held in memory. */
import { createWriteStream, type WriteStream } from "node:fs";
import { once } from "node:events";
import { MASK, normaliseSecrets } from "../secrets/mask.ts";

export const DEFAULT_LOG_CAP_BYTES = 50 * 1024 * 1024;

export interface LogSinkStats {
  /** Bytes received from the process (before masking). */
  bytesIn: number;
  /** Bytes written to the file, marker excluded. */
  bytesWritten: number;
  truncated: boolean;
}

/**
 * A sink for raw output chunks. Masks secrets across chunk boundaries by holding back the last
 * (longest secret − 1) bytes, writes up to `capBytes`, then drops the rest and appends a marker
 * on close. Backpressure: `write` resolves when the file stream has drained.
 */
export class LogSink {
  readonly path: string;
  readonly #file: WriteStream;
  readonly #cap: number;
  readonly #secrets: Buffer[];
  readonly #holdBack: number;
  #pending: Buffer = Buffer.alloc(0);
  #stats: LogSinkStats = { bytesIn: 0, bytesWritten: 0, truncated: false };
  #closed = false;

  constructor(path: string, options: { capBytes?: number; secrets?: readonly string[]; append?: boolean } = {}) {
    this.path = path;
    this.#file = createWriteStream(path, { flags: options.append ? "a" : "w" });
    this.#file.on("error", () => {}); // surfaced by close()
    this.#cap = options.capBytes ?? DEFAULT_LOG_CAP_BYTES;
    this.#secrets = normaliseSecrets(options.secrets ?? []).map((s) => Buffer.from(s));
    this.#holdBack = Math.max(0, ...this.#secrets.map((s) => s.length - 1));
  }

  get stats(): LogSinkStats {
    return { ...this.#stats };
  }

  async write(chunk: Buffer | string): Promise<void> {
    if (this.#closed) return;
    const buf = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    this.#stats.bytesIn += buf.length;
    if (this.#stats.truncated) return;
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
    if (this.#stats.truncated) {
      const dropped = this.#stats.bytesIn - this.#stats.bytesWritten;
      this.#file.write(`\n[bench-action: console output truncated at ${this.#cap} bytes; ${dropped} more bytes dropped]\n`);
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

  async #emit(data: Buffer): Promise<void> {
    if (data.length === 0 || this.#stats.truncated) return;
    const room = this.#cap - this.#stats.bytesWritten;
    const slice = data.length > room ? data.subarray(0, room) : data;
    if (data.length > room) this.#stats.truncated = true;
    this.#stats.bytesWritten += slice.length;
    // A failed file stream never drains: stop writing, close() reports the error.
    if (slice.length === 0 || this.#file.destroyed) return;
    if (!this.#file.write(slice)) await drained(this.#file);
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
