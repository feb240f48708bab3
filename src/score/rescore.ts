/**
 * Re-score existing Results without re-running: every run folder with a result.json gets scoreRun
 * again (its recorded exit code feeds the default step) and result.json is rewritten atomically.
 * Statuses the runner decided are kept: timeout, skipped, and error runs that were never scored
 * (no `score.source`, e.g. the container failed to start), and runs that had a verifier phase when
 * their scenario is not given. Verifiers are not re-run: their recorded outcome and `verifier/` decide.
 */
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { readResult, writeResult } from "../results/result-file.ts";
import { mapBounded } from "../run/worker-pool.ts";
import { isFollowerResult } from "../select/same-task.ts";
import type { RunResult, RunStatus, ScenarioInstance } from "../types.ts";
import { createGrader, type RunToGrade, type ScoringPolicy } from "./grading.ts";

/** Options of rescore: the scoring policy, the scenario of each run, and how many runs are scored at once. */
export interface RescoreOptions extends ScoringPolicy {
  /** Scenario lookup for grounds (`score` in the JSONL); without it grounds are not applied. */
  scenarioFor?: (scenario: string, id: string) => ScenarioInstance | undefined;
  /** Runs scored at once (default 4). */
  concurrency?: number;
}

/** What rescore did: runs scored, runs kept as they were, and runs whose status changed. */
export interface RescoreSummary {
  /** Runs scored. */
  scored: number;
  /** Runs kept as they were (timeout, skipped, runner errors). */
  kept: number;
  /** Runs whose status changed, from and to. */
  changed: { scenario: string; id: string; rep: number; from: RunStatus; to: RunStatus }[];
}

async function runDirs(resultsDir: string): Promise<string[]> {
  const entries = await readdir(resultsDir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name === "result.json")
    .map((e) => e.parentPath ?? e.path)
    .sort();
}

/** Whether the runner, not a scorer, decided this status. */
export function keepsStatus(result: RunResult): boolean {
  return result.status === "timeout" || result.status === "skipped" || (result.status === "error" && !result.score?.source);
}

/** Re-score existing Results (rewrites result.json atomically; keeps the runner's timeout/skipped/unscored error statuses). */
export async function rescore(resultsDir: string, options: RescoreOptions = {}): Promise<RescoreSummary> {
  const summary: RescoreSummary = { scored: 0, kept: 0, changed: [] };
  const grade = createGrader(options);
  await mapBounded(await runDirs(resultsDir), options.concurrency ?? 4, async (runDir) => {
    const result = await readResult(runDir);
    if (!result) return;
    const scenario = options.scenarioFor?.(result.scenario, result.id);
    // A run that had a verifier is only re-graded with its scenario: without it, score.json (which the agent can write) would decide.
    // A same_task follower's verifier output is in its leader's folder: its recorded grade stands.
    if (keepsStatus(result) || (result.phases !== undefined && (!scenario || isFollowerResult(result)))) {
      summary.kept++;
      return;
    }
    const run: RunToGrade = { runDir, exitCode: result.exitCode };
    // A capped log may have lost the sentinel: what the runner saw on the full stream stands.
    if (result.sentinelSeen !== undefined) run.sentinelSeen = result.sentinelSeen;
    if (scenario) run.scenario = scenario;
    // The verifier's recorded outcome (result.json is the host's, never the agent's); its reward is re-read from verifier/.
    if (result.phases?.verifier) run.verifier = result.phases.verifier;
    const { status, score, reward } = await grade(run);
    summary.scored++;
    if (status !== result.status) summary.changed.push({ scenario: result.scenario, id: result.id, rep: result.rep, from: result.status, to: status });
    const next: RunResult = { ...result, status, score };
    if (reward === undefined) delete next.reward;
    else next.reward = reward;
    await writeResult(runDir, next);
  });
  summary.changed.sort((a, b) => `${a.scenario}/${a.id}/${a.rep}`.localeCompare(`${b.scenario}/${b.id}/${b.rep}`));
  return summary;
}
