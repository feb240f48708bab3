import { existsSync } from "node:fs";
import { join } from "node:path";
import { ConfigError, resultsTrees } from "../sdk/index.ts";
import type { ActionContext } from "./context.ts";
import { latestAttempts } from "./shard-artifacts.ts";
import type { ArtifactStore, GitHubApi } from "./types.ts";

export interface ReportSource {
  /** Results trees to merge (one per shard) or a single tree. */
  dirs: string[];
  from: string;
}

/**
 * Where `mode: report` reads results: `resultsDir` when it exists locally (a Results tree, or one
 * folder per downloaded shard), otherwise every results artifact of this run — or of the run that
 * triggered a `workflow_run` event — downloaded into `resultsDir/<artifact name>/`.
 */
export async function findReportSource(
  resultsDir: string, artifactName: string, ctx: ActionContext, artifacts: ArtifactStore, github: () => GitHubApi,
): Promise<ReportSource> {
  if (existsSync(resultsDir)) return { dirs: await resultsTrees(resultsDir), from: `local folder ${resultsDir}` };
  const runId = ctx.triggeringRun?.id;
  const listed = runId === undefined
    ? await artifacts.listCurrentRun()
    : (await github().listRunArtifacts(runId)).filter((a) => !a.expired);
  // A re-run's artifacts carry -attempt-<k>: each shard's latest attempt is the one to merge.
  const wanted = latestAttempts(artifactName, listed);
  const from = runId === undefined ? "this run" : `run ${runId}`;
  if (wanted.length === 0) {
    throw new ConfigError("report input", [`no '${artifactName}' or '${artifactName}-shard-<i>-of-<n>' artifact in ${from}, and results-dir ${resultsDir} does not exist`]);
  }
  const dirs: string[] = [];
  for (const artifact of wanted) {
    const dir = join(resultsDir, artifact.name);
    await artifacts.download(artifact.id, dir, runId);
    dirs.push(dir);
  }
  return { dirs, from: `${wanted.length} artifact(s) of ${from}: ${wanted.map((a) => a.name).join(", ")}` };
}
