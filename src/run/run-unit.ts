/** One (task, repetition): expand → run → score, with retries; result.json is written last. */
import { appendFile, mkdir, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { describeError } from "../errors.ts";
import { LOG_FILE, RESULT_FILE, writeResult } from "../results/result-file.ts";
import type { Runner, RunnerOutcome, RunTask } from "../runners/runner.ts";
import type { Grade } from "../score/grading.ts";
import { maskValue } from "../secrets/mask.ts";
import type { PhaseRecord, RunResult, RunStatus, ScenarioInstance, ScoreResult } from "../types.ts";
import { clearVerifierOutput } from "../verify/stage-files.ts";
import { verifierTask } from "../verify/verifier-task.ts";
import type { ExpandOptions, RunDeps } from "./run-deps.ts";
import { DEFAULT_TOKEN_ENV, fetchToken, TOKEN_ENV_ALLOWLIST, type TokenCommand } from "./token-command.ts";
import { buildChildEnv } from "../process/child-env.ts";
import { timerMs } from "../options/values.ts";
import type { RunMeter } from "../usage/run-meter.ts";
import type { UsageSession } from "../usage/usage-session.ts";
import { writeUsageFile } from "../usage/usage-file.ts";

export interface UnitContext {
  runner: Runner;
  runId: string;
  /** Where the token command runs. */
  cwd: string;
  env: Record<string, string>;
  /** Grows with every token fetched (shared with run.json's masking). */
  secrets: string[];
  /** `--token-command`: refreshed before each attempt. */
  tokenCommand?: TokenCommand;
  defaultTimeoutS: number;
  logCapBytes: number;
  retryErrors: number;
  dockerImage?: string;
  /** Scores a finished run (built once from the run options: src/score/grading.ts). */
  grade: Grade;
  expandOptions: ExpandOptions;
  expandScenario: RunDeps["expandScenario"];
  /** `--record-usage`: the proxy every attempt is pointed at. */
  usage?: UsageSession;
  signal?: AbortSignal;
  onAttempt(attempt: number): void;
  /** Move an existing run folder aside before it is redone (docs/results.md); never delete it. */
  setAside(runDir: string, reason: string): Promise<void>;
}

interface Attempt {
  status: RunStatus;
  outcome: RunnerOutcome;
  score?: ScoreResult;
  error?: string;
  /** Ended by the usage budget: not retried (a retry would spend it again). */
  budget?: boolean;
  reward?: number;
  /** The verifier phase as it ran (scenarios with a verifier). */
  verifier?: PhaseRecord;
  hasVerifier?: boolean;
  /** A Harbor task's oracle did not pass: the task is broken (docs/harbor.md). */
  brokenTask?: boolean;
}

/** The oracle runs the task's own solution: when that does not pass, the task is broken, not an agent. */
function brokenTask(last: Attempt): Attempt {
  const why = last.error ?? last.score?.reason ?? last.status;
  return { ...last, status: "error", brokenTask: true, error: `broken task: its oracle (solution/solve.sh) did not pass: ${why}` };
}

const durationMs = (phase: { startedAt: Date; finishedAt: Date }): number => phase.finishedAt.getTime() - phase.startedAt.getTime();

function phaseOf(outcome: NonNullable<RunnerOutcome["verifier"]>): PhaseRecord {
  const phase: PhaseRecord = { exitCode: outcome.exitCode, timedOut: outcome.timedOut, durationMs: durationMs(outcome), mode: outcome.mode };
  if (outcome.error !== undefined) phase.error = outcome.error;
  return phase;
}

async function hasRequirements(runDir: string): Promise<boolean> {
  const info = await stat(join(runDir, "requirements.txt")).catch(() => undefined);
  return info !== undefined && info.isFile() && info.size > 0;
}

/** The RunTask for a unit (hasRequirements is only known after expansion). */
export function unitTask(scenario: ScenarioInstance, rep: number, runDir: string, ctx: UnitContext, requirements = false): RunTask {
  return {
    runId: ctx.runId, scenario: scenario.scenario, taskId: scenario.id, rep, runDir,
    env: ctx.env, timeoutMs: timerMs((scenario.timeout ?? ctx.defaultTimeoutS) * 1000),
    image: scenario.image ?? ctx.dockerImage, logCapBytes: ctx.logCapBytes, secrets: ctx.secrets,
    hasRequirements: requirements,
    ...(scenario.environment === undefined ? {} : { environment: scenario.environment }),
  };
}

function brokenOutcome(error: string, image: string | null): RunnerOutcome {
  const now = new Date();
  return { exitCode: null, timedOut: false, error, startedAt: now, finishedAt: now, image, logBytes: 0, logTruncated: false };
}

async function attempt(scenario: ScenarioInstance, rep: number, runDir: string, ctx: UnitContext, meter?: RunMeter, previous?: Attempt): Promise<Attempt | undefined> {
  await ctx.setAside(runDir, previous ? `retried: the previous attempt ended ${previous.status}${previous.error ? ` (${previous.error})` : ""}` : "left by an earlier attempt");
  try {
    await ctx.expandScenario(scenario, runDir, ctx.expandOptions);
  } catch (error) {
    await mkdir(runDir, { recursive: true });
    return { status: "error", outcome: brokenOutcome(`expansion failed: ${describeError(error)}`, null), error: `expansion failed: ${describeError(error)}` };
  }
  const task = unitTask(scenario, rep, runDir, ctx, await hasRequirements(runDir));
  if (ctx.tokenCommand !== undefined) {
    try {
      const token = await fetchToken(ctx.tokenCommand, ctx.cwd, buildChildEnv(TOKEN_ENV_ALLOWLIST, ctx.env));
      if (!ctx.secrets.includes(token)) ctx.secrets.push(token);
      task.env = { ...task.env, [ctx.tokenCommand.envVar ?? DEFAULT_TOKEN_ENV]: token };
      task.secrets = [...ctx.secrets];
    } catch (error) {
      const reason = describeError(error);
      return { status: "error", outcome: brokenOutcome(reason, task.image ?? null), error: reason };
    }
  }
  try {
    const verifier = await verifierTask(scenario);
    if (verifier) task.verifier = verifier;
  } catch (error) {
    const reason = `verifier error: ${describeError(error)}`;
    return { status: "error", outcome: brokenOutcome(reason, task.image ?? null), error: reason };
  }
  let signal = ctx.signal;
  const begun = meter && ctx.usage?.beginAttempt(meter);
  if (meter && begun) {
    task.env = { ...task.env, ...begun.env };
    if (begun.extraHosts) task.extraHosts = begun.extraHosts;
    signal = ctx.signal ? AbortSignal.any([ctx.signal, meter.signal]) : meter.signal;
  }
  let outcome: RunnerOutcome;
  try {
    outcome = await ctx.runner.run(task, signal);
  } catch (error) {
    if (ctx.signal?.aborted) return undefined;
    outcome = brokenOutcome(describeError(error), task.image ?? null);
  } finally {
    if (begun) ctx.usage?.endAttempt(begun.route);
  }
  if (meter?.exceeded !== undefined && !ctx.signal?.aborted) {
    await appendFile(join(runDir, LOG_FILE), `\n[bench-action: ${meter.exceeded}; run stopped]\n`).catch(() => {});
    return { status: "error", outcome: { ...outcome, aborted: false, exitCode: null }, error: meter.exceeded, budget: true };
  }
  if (outcome.aborted) return undefined;
  const timedOut = `timed out after ${task.timeoutMs / 1000} s`;
  if (!task.verifier) {
    if (outcome.timedOut) return { status: "timeout", outcome, error: timedOut };
    if (outcome.error !== undefined) return { status: "error", outcome, error: outcome.error };
  } else if (outcome.error !== undefined || !outcome.verifier) {
    // The agent phase broke, or the runner has no verifier phase: whatever the agent left unverified is not a verdict.
    await clearVerifierOutput(runDir);
    const error = outcome.error ?? `verifier error: the ${ctx.runner.name} runner has no verifier phase`;
    return { status: outcome.timedOut ? "timeout" : "error", outcome, error, hasVerifier: true };
  }
  const verifier = outcome.verifier ? phaseOf(outcome.verifier) : undefined;
  const scored = await ctx.grade({ runDir, scenario, exitCode: outcome.exitCode, ...(outcome.sentinelSeen === undefined ? {} : { sentinelSeen: outcome.sentinelSeen }), ...(verifier ? { verifier } : {}) });
  const attempt: Attempt = { status: scored.status, outcome, score: scored.score, hasVerifier: verifier !== undefined };
  if (verifier) attempt.verifier = verifier;
  if (scored.reward !== undefined) attempt.reward = scored.reward;
  if (scored.status === "error") attempt.error = scored.score.reason;
  if (outcome.verifier?.retryable && scored.status === "error") attempt.outcome = { ...outcome, retryable: true };
  // The verifier still ran and its verdict is recorded, but the status says the agent ran out of time.
  if (outcome.timedOut) return { ...attempt, status: "timeout", error: timedOut };
  return attempt;
}

/** Run the unit to a terminal result (written to result.json), or undefined when aborted (no result.json). */
export async function runUnit(scenario: ScenarioInstance, rep: number, runDir: string, hash: string, ctx: UnitContext): Promise<RunResult | undefined> {
  const result = await runToEnd(scenario, rep, runDir, hash, ctx);
  // bench writes result.json only at the end: one in the folder of an interrupted run is the agent's,
  // and a resume would take it for the run's verdict.
  if (result === undefined) await rm(join(runDir, RESULT_FILE), { force: true }).catch(() => {});
  return result;
}

async function runToEnd(scenario: ScenarioInstance, rep: number, runDir: string, hash: string, ctx: UnitContext): Promise<RunResult | undefined> {
  let last: Attempt | undefined;
  let attempts = 0;
  const meter = ctx.usage?.meter(rep);
  while (attempts === 0 || ((last?.status === "error" || last?.status === "timeout") && !last.budget && attempts <= ctx.retryErrors)) {
    if (ctx.signal?.aborted) return undefined;
    attempts++;
    ctx.onAttempt(attempts);
    last = await attempt(scenario, rep, runDir, ctx, meter, last);
    if (!last) return undefined;
  }
  if (!last) return undefined;
  if (scenario.harbor?.agent === "oracle" && last.status !== "passed") last = brokenTask(last);
  const { outcome } = last;
  const finishedAt = outcome.verifier?.finishedAt ?? outcome.finishedAt;
  const result: RunResult = {
    schema: 1, scenario: scenario.scenario, id: scenario.id, rep, status: last.status,
    exitCode: outcome.exitCode, timedOut: outcome.timedOut,
    startedAt: outcome.startedAt.toISOString(), finishedAt: finishedAt.toISOString(),
    durationMs: finishedAt.getTime() - outcome.startedAt.getTime(),
    attempts, scenarioHash: hash, image: outcome.image, runner: ctx.runner.name,
  };
  if (last.reward !== undefined) result.reward = last.reward;
  if (last.brokenTask) result.brokenTask = true;
  if (last.hasVerifier) {
    const agent: PhaseRecord = { exitCode: outcome.exitCode, timedOut: outcome.timedOut, durationMs: durationMs(outcome) };
    if (outcome.error !== undefined) agent.error = outcome.error;
    result.phases = { agent, ...(last.verifier ? { verifier: last.verifier } : {}) };
  }
  if (last.score) result.score = last.score;
  if (last.score?.metrics) result.metrics = last.score.metrics;
  if (last.error !== undefined) result.error = last.error;
  if (last.status === "error" && outcome.retryable === true) result.retryable = true;
  if (scenario.category) result.category = scenario.category;
  if (scenario.difficulty !== undefined) result.difficulty = scenario.difficulty;
  if (scenario.suite !== undefined) result.suite = scenario.suite;
  if (meter) result.usage = await writeUsageFile(runDir, meter, ctx.secrets);
  const log = await stat(join(runDir, LOG_FILE)).catch(() => undefined);
  if (log?.isFile()) result.logBytes = log.size;
  if (outcome.logTruncated && outcome.sentinelSeen !== undefined) result.sentinelSeen = outcome.sentinelSeen;
  const masked = maskValue(result, ctx.secrets);
  await writeResult(runDir, masked);
  return masked;
}
