/** CliIO with captured stdout/stderr for driving `main([...], io)` in tests. */
import { Readable, Writable } from "node:stream";
import type { CliIO } from "../../src/cli/io.ts";

export interface CapturedIO extends CliIO {
  out(): string;
  err(): string;
}

function sink(chunks: string[]): Writable {
  return new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      chunks.push(String(chunk));
      callback();
    },
  });
}

export function captureIO(options: { cwd: string; env?: Record<string, string | undefined>; stdin?: string; signal?: AbortSignal; tty?: boolean }): CapturedIO {
  const out: string[] = [];
  const err: string[] = [];
  const stdout = Object.assign(sink(out), { isTTY: options.tty ?? false, columns: 80 });
  return {
    stdout, stderr: sink(err), stdin: Readable.from([options.stdin ?? ""]), env: options.env ?? {}, cwd: options.cwd,
    signal: options.signal ?? new AbortController().signal,
    out: () => out.join(""), err: () => err.join(""),
  };
}
