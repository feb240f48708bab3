import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { describeError, type BaselineInfo } from "../sdk/index.ts";
import type { ActionContext } from "./context.ts";
import type { ActionInputs } from "./inputs.ts";
import { isResultsArtifact, latestAttempts } from "./shard-artifacts.ts";
import type { ArtifactStore, GitHubApi, WorkflowRun } from "./types.ts";

export interface BaselineSource {
  info: BaselineInfo;
  /** Results folders or tabulation files to tabulate as the base. */
  paths: string[];
}

export interface BaselineDeps {
  github: () => GitHubApi;
  artifacts: ArtifactStore;
  now: Date;
  /** Scratch folder for downloads. */
  tempDir: string;
  cwd: string;
}

const age = (from: string, now: Date): string => {
  const minutes = Math.max(0, Math.round((now.getTime() - Date.parse(from)) / 60_000));
  if (minutes < 120) return `${minutes} min old`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} h old` : `${Math.round(hours / 24)} days old`;
};

/** Find the baseline the inputs ask for. Missing or expired is a note, never a failure. */
export async function findBaseline(inputs: ActionInputs, ctx: ActionContext, deps: BaselineDeps): Promise<BaselineSource> {
  const b = inputs.baseline;
  if (b.kind === "none") return { info: { state: "none", note: "none (baseline: none)" }, paths: [] };
  if (b.kind === "file") {
    const path = resolve(deps.cwd, b.path);
    if (!existsSync(path)) return { info: { state: "missing", note: `\`${b.path}\` does not exist` }, paths: [] };
    return { info: { state: "found", note: `\`${b.path}\`` }, paths: [path] };
  }
  if (b.kind === "artifact") {
    const name = `${inputs.artifactName}-baseline`;
    const found = (await deps.artifacts.listCurrentRun()).filter((a) => a.name === name);
    if (found.length === 0) return { info: { state: "missing", note: `no artifact \`${name}\` in this run` }, paths: [] };
    const dir = join(deps.tempDir, name);
    await deps.artifacts.download(found[0]!.id, dir);
    return { info: { state: "found", note: `artifact \`${name}\` of this run` }, paths: [dir] };
  }
  const branch = baselineBranch(inputs, ctx);
  if (ctx.eventName === "push" && ctx.ref === `refs/heads/${branch}`) {
    return { info: { state: "self", note: `this run is on \`${branch}\`: it is the baseline` }, paths: [] };
  }
  return latestOnBranch(inputs, ctx, deps, branch);
}

/** The branch `auto` compares with: baseline-branch, else the PR's base, else the default branch. */
export function baselineBranch(inputs: ActionInputs, ctx: ActionContext): string {
  return inputs.baselineBranch ?? ctx.pr?.baseRef ?? ctx.defaultBranch ?? "main";
}

/** Events whose runs on the base branch can be a baseline: never pull_request (a fork's `main` is also "main"). */
export const BASELINE_EVENTS = ["push", "schedule", "workflow_dispatch"] as const;
/** Successful runs listed (one page), and of those, runs whose artifacts are looked at, before giving up. */
export const RUNS_LISTED = 50;
export const RUNS_OPENED = 10;

/**
 * The results artifacts of this workflow's latest usable run on `branch`, downloaded: a successful
 * push / schedule / workflow_dispatch run of this repository (never a pull request's, never a fork's),
 * walking back over runs without a live artifact (bounded). A failed lookup is a `failed` state with the
 * reason, never a throw; the note says which newer runs were skipped and why.
 */
export async function latestOnBranch(inputs: ActionInputs, ctx: ActionContext, deps: BaselineDeps, branch: string): Promise<BaselineSource> {
  try {
    return await latestRunArtifacts(inputs, ctx, deps, branch);
  } catch (error) {
    return { info: { state: "failed", note: `could not be fetched from \`${branch}\`: ${describeError(error).split("\n")[0]}` }, paths: [] };
  }
}

/** Why a run cannot be the baseline, or undefined when it can. */
export function notABaseline(run: WorkflowRun, repository: string): string | undefined {
  const from = run.head_repository ?? "an unknown repository";
  if (!(BASELINE_EVENTS as readonly string[]).includes(run.event)) {
    return run.head_repository === repository ? `a ${run.event} run` : `a ${run.event} run from ${from}`;
  }
  if (run.head_repository !== repository || run.repository !== repository) return `its commit comes from ${from}`;
  return undefined;
}

async function latestRunArtifacts(inputs: ActionInputs, ctx: ActionContext, deps: BaselineDeps, branch: string): Promise<BaselineSource> {
  const api = deps.github();
  // A workflow_run report compares with the triggering workflow's runs: that is where results live.
  const workflow = ctx.triggeringRun?.workflowId ?? ctx.workflowFile ?? (await api.getRun(ctx.runId)).workflow_id;
  const runs = (await api.listSuccessfulRuns(workflow, branch, RUNS_LISTED)).filter((r) => r.id !== ctx.runId && r.id !== ctx.triggeringRun?.id);
  const repository = `${ctx.owner}/${ctx.repo}`;
  const skipped: string[] = [];
  let opened = 0;
  let expired = 0;
  for (const run of runs) {
    const why = notABaseline(run, repository);
    if (why) {
      skipped.push(`run ${run.id} (${why})`);
      continue;
    }
    if (opened === RUNS_OPENED) break;
    opened++;
    const matching = (await api.listRunArtifacts(run.id)).filter((a) => isResultsArtifact(inputs.artifactName, a.name));
    const live = latestAttempts(inputs.artifactName, matching.filter((a) => !a.expired));
    if (live.length === 0) {
      if (matching.length > 0) expired++;
      skipped.push(`run ${run.id} (${matching.length === 0 ? `no \`${inputs.artifactName}\` artifact` : "its artifact has expired"})`);
      continue;
    }
    const runUrl = `${ctx.serverUrl}/${ctx.owner}/${ctx.repo}/actions/runs/${run.id}`;
    const where = `\`${branch}\` @ \`${run.head_sha.slice(0, 7)}\` ([run ${run.id}](${runUrl}), ${age(run.created_at, deps.now)})`;
    const paths: string[] = [];
    for (const artifact of live) {
      const dir = join(deps.tempDir, "baseline", artifact.name);
      await deps.artifacts.download(artifact.id, dir, run.id);
      paths.push(dir);
    }
    const note = skipped.length === 0 ? where : `${where}; skipped newer: ${listed(skipped)}`;
    return { info: { state: "found", note, sha: run.head_sha, createdAt: run.created_at, runUrl }, paths };
  }
  const events = "push, schedule or workflow_dispatch";
  if (opened === 0) {
    const note = `no successful ${events} run of this workflow on \`${branch}\` yet`;
    return { info: { state: "missing", note: skipped.length === 0 ? note : `${note} (skipped: ${listed(skipped)})` }, paths: [] };
  }
  const bound = opened === RUNS_OPENED ? ` (gave up after ${RUNS_OPENED} runs)` : "";
  const note = `no live \`${inputs.artifactName}\` artifact in ${opened} successful ${events} run(s) on \`${branch}\`${bound}: ${listed(skipped)}`;
  return { info: { state: expired === opened ? "expired" : "missing", note }, paths: [] };
}

/** At most five reasons, then a count. */
const listed = (items: string[]): string => items.length <= 5 ? items.join(", ") : `${items.slice(0, 5).join(", ")} and ${items.length - 5} more`;
