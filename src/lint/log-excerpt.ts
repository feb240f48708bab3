/**
 * The part of a log sent to the model: every line numbered as in the file, masked and without terminal
 * codes; when the numbered text is over `maxBytes`, its head and its tail (half each) with one line
 * saying which lines were left out. Read in one streaming pass; only what is kept is held.
 */
import { stat } from "node:fs/promises";
import { maskText } from "../secrets/mask.ts";
import { forEachLine, plainLine } from "./log-lines.ts";

/** Default cap of numbered log text per request (~50 000 tokens: room for the answer in a 128k window). */
export const DEFAULT_MAX_BYTES = 200_000;

export interface LogExcerpt {
  /** Numbered lines (`  12: text`), joined with newlines. */
  text: string;
  lines: number;
  bytes: number;
  sentBytes: number;
  /** First and last line left out, when the log was capped. */
  omitted: [number, number] | null;
}

/** Bytes kept for the "[bench lint: lines A-B of N left out …]" line. */
const MARKER_ROOM = 160;

interface Kept {
  line: number;
  text: string;
  size: number;
}

export async function readLogExcerpt(path: string, options: { maxBytes?: number; secrets?: readonly string[]; signal?: AbortSignal } = {}): Promise<LogExcerpt> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const secrets = options.secrets ?? [];
  // Room for the line naming what was left out; the rest is shared by the head and the tail.
  const budget = maxBytes - MARKER_ROOM;
  const headCap = Math.ceil(budget / 2);
  const tailCap = budget - headCap;
  const head: Kept[] = [];
  let headBytes = 0;
  let headFull = false;
  // The tail is a queue: `tail[first..]` are the kept lines; shifted lazily.
  let tail: Kept[] = [];
  let first = 0;
  let tailBytes = 0;
  const lines = await forEachLine(path, (raw, line, dropped) => {
    // Cleaned and masked only if kept, at the end: both only shorten a line, so its raw size bounds it.
    const text = dropped > 0 ? `${raw} [… ${dropped} more characters]` : raw;
    // The prefix (the number padded to the widest, up to 12 digits, and ": ") and the newline.
    const kept = { line, text, size: Buffer.byteLength(text) + 15 };
    if (!headFull && headBytes + kept.size <= headCap) {
      head.push(kept);
      headBytes += kept.size;
      return;
    }
    headFull = true;
    tail.push(kept);
    tailBytes += kept.size;
    while (tailBytes > tailCap && first < tail.length) tailBytes -= tail[first++]!.size;
    if (first > 4096 && first * 2 > tail.length) {
      tail = tail.slice(first);
      first = 0;
    }
  }, options.signal);
  const rest = tail.slice(first);
  const width = String(lines).length;
  const number = (k: Kept) => `${String(k.line).padStart(width)}: ${maskText(plainLine(k.text), secrets)}`;
  const firstTail = rest[0]?.line ?? lines + 1;
  const lastHead = head.at(-1)?.line ?? 0;
  const omitted: [number, number] | null = firstTail - lastHead > 1 ? [lastHead + 1, firstTail - 1] : null;
  const parts = head.map(number);
  if (omitted) parts.push(`[bench lint: lines ${omitted[0]}-${omitted[1]} of ${lines} left out: the log is over ${maxBytes} bytes]`);
  parts.push(...rest.map(number));
  const text = parts.join("\n");
  const { size } = await stat(path);
  return { text, lines, bytes: size, sentBytes: Buffer.byteLength(text), omitted };
}
