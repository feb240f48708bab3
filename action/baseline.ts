import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { describeError } from "../sdk/index.ts";
import type { ActionContext } from "./context.ts";
import type { ActionInputs } from "./inputs.ts";
import type { BaselineInfo } from "./report-view.ts";
import { isResultsArtifact } from "./shard-artifacts.ts";
import type { ArtifactStore, GitHubApi } from "./types.ts";

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

/**
 * The results artifacts of this workflow's latest successful run on `branch`, downloaded. A failed
 * lookup is a `failed` state with the reason, never a throw.
 */
export async function latestOnBranch(inputs: ActionInputs, ctx: ActionContext, deps: BaselineDeps, branch: string): Promise<BaselineSource> {
  try {
    return await latestRunArtifacts(inputs, ctx, deps, branch);
  } catch (error) {
    return { info: { state: "failed", note: `could not be fetched from \`${branch}\`: ${describeError(error).split("\n")[0]}` }, paths: [] };
  }
}

async function latestRunArtifacts(inputs: ActionInputs, ctx: ActionContext, deps: BaselineDeps, branch: string): Promise<BaselineSource> {
  const api = deps.github();
  // A workflow_run report compares with the triggering workflow's runs: that is where results live.
  const workflow = ctx.triggeringRun?.workflowId ?? ctx.workflowFile ?? (await api.getRun(ctx.runId)).workflow_id;
  const runs = (await api.listSuccessfulRuns(workflow, branch)).filter((r) => r.id !== ctx.runId && r.id !== ctx.triggeringRun?.id);
  const run = runs[0];
  if (!run) return { info: { state: "missing", note: `no successful run of this workflow on \`${branch}\` yet` }, paths: [] };
  const runUrl = `${ctx.serverUrl}/${ctx.owner}/${ctx.repo}/actions/runs/${run.id}`;
  const where = `\`${branch}\` @ \`${run.head_sha.slice(0, 7)}\` ([run ${run.id}](${runUrl}), ${age(run.created_at, deps.now)})`;
  const matching = (await api.listRunArtifacts(run.id)).filter((a) => isResultsArtifact(inputs.artifactName, a.name));
  const live = matching.filter((a) => !a.expired);
  const base = { sha: run.head_sha, createdAt: run.created_at, runUrl };
  if (matching.length === 0) return { info: { ...base, state: "missing", note: `${where} has no \`${inputs.artifactName}\` artifact` }, paths: [] };
  if (live.length === 0) return { info: { ...base, state: "expired", note: `${where}: its results artifact has expired` }, paths: [] };
  const paths: string[] = [];
  for (const artifact of live) {
    const dir = join(deps.tempDir, "baseline", artifact.name);
    await deps.artifacts.download(artifact.id, dir, run.id);
    paths.push(dir);
  }
  return { info: { ...base, state: "found", note: where }, paths };
}
