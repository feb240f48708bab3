/** Why a run did not pass, as `bench run`'s progress and failure list and the Action's log groups say it. */
import type { RunResult } from "../types.ts";

const REASON_WIDTH = 160;

/** Why a run did not pass, on one line of at most 160 characters: its error, the scorer's or runner's reason, a timeout or the exit code. */
export function notPassedReason(result: RunResult): string {
  const text = result.error ?? result.score?.reason ?? result.reason ?? (result.timedOut ? "timed out" : `exit code ${result.exitCode ?? "none"}`);
  const line = text.split("\n").find((part) => part.trim() !== "")?.trim() ?? text.trim();
  return line.length > REASON_WIDTH ? `${line.slice(0, REASON_WIDTH - 1)}…` : line;
}
