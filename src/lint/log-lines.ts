/**
 * Streams a log line by line without holding it: a Results log may be 50 MB (agbench's: unbounded),
 * and one line may be most of it. Each line is cut at LINE_CAP characters; the rest is counted.
 */
import { createReadStream } from "node:fs";

/** Characters of one line that are kept (a longer line is cut, the rest counted in `dropped`). */
export const LINE_CAP = 2000;

export type LineVisitor = (text: string, line: number, dropped: number) => void;

/** Calls `visit` for every line of `path` (1-based numbers, without the newline); returns the line count. */
export async function forEachLine(path: string, visit: LineVisitor, signal?: AbortSignal): Promise<number> {
  const stream = createReadStream(path, { encoding: "utf8", highWaterMark: 64 * 1024, ...(signal ? { signal } : {}) });
  let line = 0;
  let partial = "";
  let dropped = 0;
  let pending = false;
  const add = (piece: string) => {
    const room = LINE_CAP - partial.length;
    if (piece.length <= room) partial += piece;
    else {
      partial += piece.slice(0, room);
      dropped += piece.length - room;
    }
  };
  const emit = () => {
    visit(partial.endsWith("\r") ? partial.slice(0, -1) : partial, ++line, dropped);
    partial = "";
    dropped = 0;
    pending = false;
  };
  for await (const chunk of stream as AsyncIterable<string>) {
    let start = 0;
    for (let at = chunk.indexOf("\n"); at >= 0; at = chunk.indexOf("\n", start)) {
      add(chunk.slice(start, at));
      emit();
      start = at + 1;
    }
    if (start < chunk.length) {
      add(chunk.slice(start));
      pending = true;
    }
  }
  if (pending) emit();
  return line;
}

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)/g;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f]/g;

/** A line as a person reads it: terminal colour codes and control characters removed (tabs kept). */
export function plainLine(text: string): string {
  return text.replace(ANSI, "").replace(CONTROL, "");
}
