/**
 * Scoring in DESIGN §6 order; the first step that applies decides.
 * (1) score.json  (2) custom scorer / custom_tabulate.py  (3) grounds  (4) sentinel + exit code.
 * Steps 2 and 3 are plugged in by the scoring modules of this folder.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { RunStatus, ScenarioInstance, ScoreResult } from "../types.ts";

export const SUCCESS_SENTINEL = "ALL TESTS PASSED !#!#";

export interface ScoreContext {
  runDir: string;
  scenario?: ScenarioInstance;
  /** Exit code of run.sh (null when it never finished). */
  exitCode: number | null;
  /** Path of a custom scorer module exporting `score(runDir)`. */
  scorer?: string;
}

export interface ScoredRun {
  status: Extract<RunStatus, "passed" | "failed" | "error">;
  score: ScoreResult;
}

/** Score one finished run folder. Never throws for a bad agent answer; a broken score.json is an error status. */
export async function scoreRun(ctx: ScoreContext): Promise<ScoredRun> {
  const fromFile = await readScoreJson(ctx.runDir);
  if (fromFile) return fromFile;
  return defaultScore(ctx.runDir, ctx.exitCode);
}

/** Step 1: score.json written by the scenario or a scoring step. */
export async function readScoreJson(runDir: string): Promise<ScoredRun | undefined> {
  let text: string;
  try {
    text = await readFile(join(runDir, "score.json"), "utf8");
  } catch {
    return undefined;
  }
  try {
    const data = JSON.parse(text) as Record<string, unknown>;
    if (typeof data.success !== "boolean") throw new Error(`"success" must be a boolean`);
    const score: ScoreResult = { success: data.success, source: "score.json" };
    if (typeof data.score === "number") score.score = data.score;
    if (data.metrics && typeof data.metrics === "object") score.metrics = data.metrics as Record<string, unknown>;
    return { status: data.success ? "passed" : "failed", score };
  } catch (error) {
    const reason = `score.json is invalid: ${error instanceof Error ? error.message : String(error)}`;
    return { status: "error", score: { success: false, source: "score.json", reason } };
  }
}

/** Step 4: exit 0 + the sentinel line → passed; exit 0 without it → failed; non-zero → error. */
export async function defaultScore(runDir: string, exitCode: number | null): Promise<ScoredRun> {
  if (exitCode !== 0) {
    return { status: "error", score: { success: false, source: "default", reason: `exit code ${exitCode ?? "none"}` } };
  }
  const found = await logHasSentinel(join(runDir, "console_log.txt"));
  return found
    ? { status: "passed", score: { success: true, source: "default" } }
    : { status: "failed", score: { success: false, source: "default", reason: `no "${SUCCESS_SENTINEL}" line` } };
}

/** Scan the log as a stream (it may be 50 MB) for a line that is exactly the sentinel. */
export async function logHasSentinel(path: string): Promise<boolean> {
  const { createReadStream } = await import("node:fs");
  const { createInterface } = await import("node:readline");
  try {
    const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
    for await (const line of lines) if (line.trim() === SUCCESS_SENTINEL) return true;
  } catch {
    return false;
  }
  return false;
}
