import "./cjs-globals.ts";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import * as core from "@actions/core";
import { cleanContainers, connectDocker, describeError } from "../sdk/index.ts";

/**
 * Post step: remove the containers a cancelled or crashed run left behind. Scoped to this step's run
 * id, read from Results/run.json (written before the first container starts), never anything else.
 */
async function post(): Promise<void> {
  if (core.getState("runtime") !== "docker") return;
  const resultsDir = core.getState("results-dir");
  let runId: string | undefined;
  try {
    runId = (JSON.parse(await readFile(join(resultsDir, "run.json"), "utf8")) as { runId?: string }).runId;
  } catch {
    // no manifest: the run never started a container
  }
  if (!resultsDir || !runId) return core.info("No bench-action run to clean up");
  const removed = await cleanContainers(connectDocker(), { runId });
  core.info(removed > 0 ? `Removed ${removed} leftover container(s) of run ${runId}` : `No leftover containers of run ${runId}`);
}
post().catch((error: unknown) => core.warning(`Container cleanup failed: ${describeError(error)}`));
