/**
 * Scoring (docs/verifier.md, "Scoring order"): an ordered list of graders, the first that applies and
 * has an opinion decides. (1) the verifier's reward, for scenarios with a verifier; (2) a custom
 * scorer module, or agbench's custom_tabulate.py; (3) grounds; (4) score.json; (5) sentinel + exit
 * code. A scorer that throws, or a custom_tabulate.py that fails, makes the run an `error`; custom_tabulate.py
 * runs where `bench tabulate` runs it (custom-tabulate-grader.ts), never on the host unless asked.
 * Build contexts with createGrader (grading.ts), so every caller applies the same policy.
 */
import { join } from "node:path";
import type { PhaseRecord, RunStatus, ScenarioInstance, ScoreResult } from "../types.ts";
import { readRunFile, runFilePath } from "../results/run-file.ts";
import { runCustomScorer } from "./custom-scorer.ts";
import type { TabulateSandbox } from "../tabulate/custom-tabulate.ts";
import { gradeCustomTabulate, type TabulateVerdicts } from "./custom-tabulate-grader.ts";
import { hasGrounds, scoreGrounds } from "./grounds.ts";
import { gradeVerifier } from "./verifier-grader.ts";

/** The line a run prints to pass when nothing else scores it (agbench's sentinel). */
export const SUCCESS_SENTINEL = "ALL TESTS PASSED !#!#";

/** Everything scoreRun needs about one finished run: its folder, scenario, exit code, verifier record and scorer settings. */
export interface ScoreContext {
  /** The run folder. */
  runDir: string;
  /** The run's scenario line. */
  scenario?: ScenarioInstance;
  /** Exit code of run.sh (null when it never finished). */
  exitCode: number | null;
  /**
   * Whether the runner saw the sentinel in the full output stream (a capped log may have dropped it).
   * When known it decides: the file may be an agent's symlink. Undefined (`bench score`): the log is read.
   */
  sentinelSeen?: boolean;
  /** How the verifier phase ended, when it ran (its output is in `<runDir>/verifier/`). */
  verifier?: PhaseRecord;
  /** A same_task follower graded on its leader's run (the verifier's reward for it is under `members/<id>/`). */
  follower?: boolean;
  /** Path of a custom scorer module exporting `score(runDir)`. */
  scorer?: string;
  /** agbench's custom_tabulate.py: a path, false to never use one, or undefined to discover it (from `cwd`). */
  customTabulate?: string | false;
  /** Folder where custom_tabulate.py discovery starts (default process.cwd()). */
  cwd?: string;
  /** Where custom_tabulate.py runs (default: a Docker container from bench-action/python:bookworm, as `bench tabulate`). */
  tabulateSandbox?: TabulateSandbox;
  /** custom_tabulate.py's verdicts already computed (createGrader shares one map between its runs). */
  tabulateVerdicts?: TabulateVerdicts;
}

/** scoreRun's result: the status, the score and the verifier's reward. */
export interface ScoredRun {
  /** The run's status. */
  status: Extract<RunStatus, "passed" | "failed" | "error">;
  /** The score written into result.json. */
  score: ScoreResult;
  /** The verifier's reward, in [0, 1]. */
  reward?: number;
}

/** One scoring step: `grade` returning undefined means "no opinion", and the next step is asked. */
export interface Grader {
  /** The step's name, recorded as the score's `source`. */
  name: string;
  /** Whether this step scores the run at all. */
  applies(ctx: ScoreContext): boolean;
  /** The step's score, or undefined to ask the next step. */
  grade(ctx: ScoreContext): Promise<ScoredRun | undefined>;
}

async function customScorer(ctx: ScoreContext & { scorer: string }): Promise<ScoredRun> {
  try {
    const score = await runCustomScorer(ctx.scorer, ctx.runDir);
    return { status: score.success ? "passed" : "failed", score };
  } catch (error) {
    const reason = `scorer ${ctx.scorer} failed: ${error instanceof Error ? error.message : String(error)}`;
    return { status: "error", score: { success: false, source: "scorer", reason } };
  }
}

/** The scoring steps, in order. */
export const GRADERS: readonly Grader[] = [
  { name: "verifier", applies: (ctx) => ctx.scenario?.verify !== undefined, grade: gradeVerifier },
  { name: "scorer", applies: (ctx) => ctx.scorer !== undefined, grade: (ctx) => customScorer(ctx as ScoreContext & { scorer: string }) },
  { name: "custom_tabulate", applies: (ctx) => ctx.customTabulate !== false, grade: gradeCustomTabulate },
  { name: "grounds", applies: (ctx) => hasGrounds(ctx.scenario?.score), grade: (ctx) => scoreGrounds(ctx.runDir, ctx.scenario!.score!, ctx.verifier) },
  { name: "score.json", applies: () => true, grade: (ctx) => readScoreJson(ctx.runDir) },
  { name: "default", applies: () => true, grade: (ctx) => defaultScore(ctx.runDir, ctx.exitCode, ctx.sentinelSeen) },
];

/** Score one finished run folder. Never throws for a bad agent answer; a broken score.json is an error status. */
export async function scoreRun(ctx: ScoreContext): Promise<ScoredRun> {
  for (const grader of GRADERS) {
    if (!grader.applies(ctx)) continue;
    const scored = await grader.grade(ctx);
    if (scored) return scored;
  }
  return defaultScore(ctx.runDir, ctx.exitCode);
}

/** Step 4: score.json written by the scenario (never consulted for scenarios with a verifier or grounds: the agent can write it). */
export async function readScoreJson(runDir: string): Promise<ScoredRun | undefined> {
  // A symlink out of the run folder (to the host's files) counts as no score.json.
  const text = await readRunFile(runDir, "score.json");
  if (text === undefined) return undefined;
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

/**
 * Step 5: exit 0 + the sentinel (anywhere in the output, as agbench) → passed; exit 0 without it →
 * failed; non-zero → error. `sentinelSeen`, when the runner reported it, decides; otherwise the log
 * file is read, only when it resolves inside the run folder.
 */
export async function defaultScore(runDir: string, exitCode: number | null, sentinelSeen?: boolean): Promise<ScoredRun> {
  if (exitCode !== 0) {
    return { status: "error", score: { success: false, source: "default", reason: `exit code ${exitCode ?? "none"}` } };
  }
  const log = await runFilePath(runDir, "console_log.txt");
  const found = sentinelSeen ?? (log !== undefined && (await logHasSentinel(log)));
  return found
    ? { status: "passed", score: { success: true, source: "default" } }
    : { status: "failed", score: { success: false, source: "default", reason: `no "${SUCCESS_SENTINEL}" in the log` } };
}

/**
 * Scan the log as a stream (it may be 50 MB) for the sentinel anywhere, also inside a line
 * ("executor> ALL TESTS PASSED !#!#"), as agbench's default_scorer does. Only the sentinel's length
 * minus one byte is carried between chunks.
 */
export async function logHasSentinel(path: string): Promise<boolean> {
  const { createReadStream } = await import("node:fs");
  const needle = Buffer.from(SUCCESS_SENTINEL);
  let carry = Buffer.alloc(0);
  try {
    for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
      const text = carry.length ? Buffer.concat([carry, chunk]) : chunk;
      if (text.indexOf(needle) >= 0) return true;
      carry = Buffer.from(text.subarray(Math.max(0, text.length - needle.length + 1)));
    }
  } catch {
    return false;
  }
  return false;
}
