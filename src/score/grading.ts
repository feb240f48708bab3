/**
 * The one place a scoring context is built (runScenarios, same_task followers, `bench score`), so the
 * choice of scorer cannot differ between them: a grader closes over the policy, callers add the run.
 */
import type { TabulateSandbox } from "../tabulate/custom-tabulate.ts";
import type { PhaseRecord, ScenarioInstance } from "../types.ts";
import type { TabulateVerdicts } from "./custom-tabulate-grader.ts";
import { scoreRun, type ScoreContext, type ScoredRun } from "./score-run.ts";

/** What a run's scoring depends on besides the run itself (RunOptions / `bench score` flags). */
export interface ScoringPolicy {
  /** A scorer module exporting `score(runDir)`. */
  scorer?: string;
  /** A custom_tabulate.py to score with, or false for none (default: found as agbench finds it). */
  customTabulate?: string | false;
  /** Folder relative paths start from. */
  cwd?: string;
  /** Where custom_tabulate.py runs (default: Docker, as `bench tabulate`). */
  tabulateSandbox?: TabulateSandbox;
}

/** One finished run to score. */
export interface RunToGrade {
  /** The run folder. */
  runDir: string;
  /** The run's scenario line. */
  scenario?: ScenarioInstance;
  /** Exit code of run.sh. */
  exitCode: number | null;
  /** Whether the runner saw the sentinel in the output stream (undefined: not known, the log file is read). */
  sentinelSeen?: boolean;
  /** How the verifier phase ended, when there was one. */
  verifier?: PhaseRecord;
  /** A same_task follower graded on its leader's run: its reward is the leader's verifier's `members/<id>/`. */
  follower?: boolean;
}

/** Scores one finished run under a scoring policy. */
export type Grade = (run: RunToGrade) => Promise<ScoredRun>;

export function scoreContext(policy: ScoringPolicy, run: RunToGrade, verdicts?: TabulateVerdicts): ScoreContext {
  const ctx: ScoreContext = { runDir: run.runDir, exitCode: run.exitCode };
  if (run.scenario) ctx.scenario = run.scenario;
  if (run.sentinelSeen !== undefined) ctx.sentinelSeen = run.sentinelSeen;
  if (run.verifier) ctx.verifier = run.verifier;
  if (run.follower) ctx.follower = true;
  if (policy.scorer !== undefined) ctx.scorer = policy.scorer;
  if (policy.customTabulate !== undefined) ctx.customTabulate = policy.customTabulate;
  if (policy.cwd !== undefined) ctx.cwd = policy.cwd;
  if (policy.tabulateSandbox !== undefined) ctx.tabulateSandbox = policy.tabulateSandbox;
  if (verdicts) ctx.tabulateVerdicts = verdicts;
  return ctx;
}

/** The one builder of scoring contexts: a grader closing over the scoring policy (docs/verifier.md). */
export function createGrader(policy: ScoringPolicy, score: (ctx: ScoreContext) => Promise<ScoredRun> = scoreRun): Grade {
  // custom_tabulate.py runs once per scenario folder for all the runs this grader scores.
  const verdicts: TabulateVerdicts = new Map();
  return (run) => score(scoreContext(policy, run, verdicts));
}
