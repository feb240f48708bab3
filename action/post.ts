import "./cjs-globals.ts";
import * as core from "@actions/core";
import { cleanContainers, connectDocker, describeError } from "../sdk/index.ts";

/** Post step: remove bench-action containers left by a cancelled or crashed run (by label only). */
async function post(): Promise<void> {
  if (core.getState("runtime") !== "docker") return;
  const removed = await cleanContainers(connectDocker());
  core.info(removed > 0 ? `Removed ${removed} leftover bench-action container(s)` : "No leftover bench-action containers");
}
post().catch((error: unknown) => core.warning(`Container cleanup failed: ${describeError(error)}`));
