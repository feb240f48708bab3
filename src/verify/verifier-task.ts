/**
 * What the verifier phase of one run does (docs/verifier.md): a scenario's `verify`, or the command of
 * its grounds (`score.command`), which runs in the sandbox too, never on the host.
 */
import type { ScenarioInstance, TemplateEntry, VerifyMode } from "../types.ts";
import { planTemplate, type PlanIssue, type PlanStep, type WalkCache } from "../scenario/template-plan.ts";
import { DEFAULT_GROUND_TIMEOUT_S } from "../score/grounds.ts";

/** Where run folders keep the verifier's output: its console and a copy of the logs folder. */
export const VERIFIER_LOG_FILE = "verifier_log.txt";
export const VERIFIER_OUTPUT_DIR = "verifier";
/** In containers; natively these are temp folders named by the same variables. */
export const TESTS_PATH = "/tests";
export const VERIFIER_LOGS_PATH = "/logs/verifier";
export const DEFAULT_VERIFY_TIMEOUT_S = 600;
export const DEFAULT_VERIFY_COMMAND = 'sh "$BENCH_TESTS/test.sh"';

/** What a runner needs to run a verifier: its command, timeout, mode, env and grader files. */
export interface VerifierTask {
  /** "verify": the scenario's verifier decides; "grounds": the grounds' command runs, the grounds decide. */
  origin: "verify" | "grounds";
  /** Shell command of the verifier. */
  command: string;
  /** Hard limit of the verifier phase. */
  timeoutMs: number;
  /** shared or separate (docs/verifier.md). */
  mode: VerifyMode;
  /** The verifier's own variables (the runner adds BENCH_TESTS, BENCH_VERIFIER_LOGS, BENCH_WORKSPACE and a minimal allowlist). */
  env: Record<string, string>;
  /** Grader file copies: absolute source → path relative to the tests folder. */
  files: PlanStep[];
  /** Where the reward comes from: reward.txt/reward.json, or the exit code. */
  reward: "file" | "exit-code";
}

const asEntries = (files: string | TemplateEntry[] | undefined): TemplateEntry[] => (files === undefined ? [] : typeof files === "string" ? [files] : files);

/** Plan the grader files of `verify.files` (relative to the scenario's folder); issues use `/verify/files` pointers. */
export async function planGraderFiles(scenario: Pick<ScenarioInstance, "verify" | "baseDir">, cache?: WalkCache): Promise<{ steps: PlanStep[]; issues: PlanIssue[] }> {
  const entries = asEntries(scenario.verify?.files);
  if (entries.length === 0) return { steps: [], issues: [] };
  const plan = await planTemplate(entries, scenario.baseDir, { globalTemplate: null, ...(cache ? { cache } : {}) });
  const issues = plan.issues.map((issue) => ({
    ...(issue.pointer === undefined ? {} : { pointer: issue.pointer.replace(/^\/template/, "/verify/files") }),
    message: issue.message.replace(/^template not found/, "grader file not found"),
  }));
  return { steps: plan.steps, issues };
}

/** The verifier phase of `scenario`, or undefined when it has none. Throws when its grader files moved since loading. */
export async function verifierTask(scenario: ScenarioInstance): Promise<VerifierTask | undefined> {
  const verify = scenario.verify;
  if (verify) {
    const { steps, issues } = await planGraderFiles(scenario);
    if (issues.length) throw new Error(`verify.files: ${issues.map((i) => i.message).join("; ")}`);
    return {
      origin: "verify", command: verify.command ?? DEFAULT_VERIFY_COMMAND,
      timeoutMs: (verify.timeout ?? DEFAULT_VERIFY_TIMEOUT_S) * 1000, mode: verify.mode ?? "shared",
      env: { ...verify.env }, files: steps, reward: verify.reward ?? "file",
    };
  }
  const command = scenario.score?.command;
  if (!command) return undefined;
  const timeoutS = typeof scenario.score?.timeout === "number" ? scenario.score.timeout : DEFAULT_GROUND_TIMEOUT_S;
  return { origin: "grounds", command, timeoutMs: timeoutS * 1000, mode: "shared", env: {}, files: [], reward: "exit-code" };
}
