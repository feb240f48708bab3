/**
 * Scoring in DESIGN §6 order; the first step that applies decides.
 * (1) score.json  (2) custom scorer / custom_tabulate.py  (3) grounds  (4) sentinel + exit code.
 * A scorer that throws, or a custom_tabulate.py that fails, makes the run an `error` with the reason.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { RunStatus, ScenarioInstance, ScoreResult } from "../types.ts";
import { runCustomScorer } from "./custom-scorer.ts";
import { findCustomTabulate, runCustomTabulate } from "./custom-tabulate.ts";
import { hasGrounds, scoreGrounds } from "./grounds.ts";

export const SUCCESS_SENTINEL = "ALL TESTS PASSED !#!#";

export interface ScoreContext {
  runDir: string;
  scenario?: ScenarioInstance;
  /** Exit code of run.sh (null when it never finished). */
  exitCode: number | null;
  /** Path of a custom scorer module exporting `score(runDir)`. */
  scorer?: string;
  /** agbench's custom_tabulate.py: a path, false to never use one, or undefined to discover it (from `cwd`). */
  customTabulate?: string | false;
  /** Folder where custom_tabulate.py discovery starts (default process.cwd()). */
  cwd?: string;
  /** Python used for custom_tabulate.py (default "python3"). */
  python?: string;
}

export interface ScoredRun {
  status: Extract<RunStatus, "passed" | "failed" | "error">;
  score: ScoreResult;
}

/** Score one finished run folder. Never throws for a bad agent answer; a broken score.json is an error status. */
export async function scoreRun(ctx: ScoreContext): Promise<ScoredRun> {
  const fromFile = await readScoreJson(ctx.runDir);
  if (fromFile) return fromFile;
  if (ctx.scorer) {
    try {
      const score = await runCustomScorer(ctx.scorer, ctx.runDir);
      return { status: score.success ? "passed" : "failed", score };
    } catch (error) {
      const reason = `scorer ${ctx.scorer} failed: ${error instanceof Error ? error.message : String(error)}`;
      return { status: "error", score: { success: false, source: "scorer", reason } };
    }
  }
  const script = ctx.customTabulate === false ? undefined : (ctx.customTabulate ?? (await findCustomTabulate(ctx.runDir, ctx.cwd)));
  if (script) {
    const scored = await runCustomTabulate(script, ctx.runDir, ctx.python);
    if (scored) return scored;
  }
  if (hasGrounds(ctx.scenario?.score)) return scoreGrounds(ctx.runDir, ctx.scenario.score);
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

/**
 * Scan the log as a stream (it may be 50 MB) for a line that is exactly the sentinel (surrounding
 * whitespace allowed; \n, \r\n and \r end lines). Only a short line is ever held, so a 50 MB line
 * costs no memory (readline would build it as one string).
 */
export async function logHasSentinel(path: string): Promise<boolean> {
  const { createReadStream } = await import("node:fs");
  const limit = SUCCESS_SENTINEL.length + 4096;
  let line: Buffer[] = [];
  let length = 0;
  const isSentinel = () => length <= limit && Buffer.concat(line).toString("utf8").trim() === SUCCESS_SENTINEL;
  try {
    for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
      let start = 0;
      for (let i = 0; i < chunk.length; i++) {
        if (chunk[i] !== 0x0a && chunk[i] !== 0x0d) continue;
        if (length <= limit) line.push(chunk.subarray(start, i));
        length += i - start;
        if (isSentinel()) return true;
        line = [];
        length = 0;
        start = i + 1;
      }
      if (length <= limit) line.push(chunk.subarray(start));
      length += chunk.length - start;
    }
  } catch {
    return false;
  }
  return isSentinel();
}
