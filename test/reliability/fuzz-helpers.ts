/** Shared pieces of the fuzz suites: run counts, hostile path generators, the ConfigError check. */
import assert from "node:assert/strict";
import fc from "fast-check";
import { ConfigError } from "../../sdk/index.ts";

/** Cases per property (the issue asks for ≥ 10 000); BENCH_FUZZ_RUNS overrides for quick local loops. */
export const RUNS = Number(process.env.BENCH_FUZZ_RUNS ?? 10_000);

/** Outcome of one fuzz case: accepted, or rejected with a ConfigError (anything else fails the property). */
export async function acceptedOrConfigError<T>(work: () => Promise<T>): Promise<T | ConfigError> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof ConfigError)) assert.fail(`not a ConfigError: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
    assert.ok(error.issues.length > 0, "a ConfigError lists at least one issue");
    return error;
  }
}

const segment = fc.oneof(
  fc.constantFrom("..", ".", "", "a", "b.txt", "..\\..", "...", "~", "%2e%2e", ".. ", "\u2025"),
  fc.string({ minLength: 1, maxLength: 6 }),
);

/** Paths that leave the run folder: a ".." segment somewhere, or absolute (POSIX, Windows, UNC). */
export const escapingPath = fc.oneof(
  fc.tuple(fc.array(segment, { maxLength: 3 }), fc.array(segment, { maxLength: 3 }), fc.constantFrom("/", "\\"))
    .map(([before, after, sep]) => [...before.filter((s) => !s.includes("/") && !s.includes("\\")), "..", ...after.filter((s) => !s.includes("/") && !s.includes("\\"))].join(sep)),
  fc.tuple(fc.constantFrom("/", "\\", "C:", "c:\\", "\\\\server\\"), fc.array(segment, { maxLength: 3 })).map(([root, rest]) => root + rest.join("/")),
);

/** Any path-ish string: hostile, odd or plain. */
export const anyPath = fc.oneof(escapingPath, fc.array(segment, { maxLength: 4 }).map((s) => s.join("/")), fc.string({ maxLength: 20 }));
