import "./cjs-globals.ts";
import * as core from "@actions/core";
import { cleanContainers, connectDocker, describeError, readManifestSummary } from "../sdk/index.ts";

/**
 * Post step: remove the containers a cancelled or crashed run left behind. Scoped to this step's run
 * id, read from Results/run.json (written before the first container starts), never anything else.
 */
async function post(): Promise<void> {
  if (core.getState("runtime") !== "docker") return;
  const resultsDir = core.getState("results-dir");
  // No manifest: the run never started a container.
  const runId = resultsDir ? (await readManifestSummary(resultsDir))?.runId : undefined;
  if (!resultsDir || !runId) return core.info("No bench-action run to clean up");
  const removed = await cleanContainers(connectDocker(), { runId });
  core.info(removed > 0 ? `Removed ${removed} leftover container(s) of run ${runId}` : `No leftover containers of run ${runId}`);
}
post().catch((error: unknown) => core.warning(`Container cleanup failed: ${describeError(error)}`));
