/** Removing bench-action containers by label, never anything else. */
import { asDocker } from "./as-docker.ts";
import type { DockerClient } from "./public-types.ts";
import { LABEL_RUN_ID } from "./container-config.ts";
import { VERIFY_IMAGE_REPO } from "./verifier-container.ts";

/**
 * Kills and removes every container labelled `bench-action.run-id` (only those of `runId` when
 * given), running or not. Returns how many were removed.
 */
export async function cleanContainers(client: DockerClient, filter: { runId?: string } = {}): Promise<number> {
  const docker = asDocker(client);
  const label = filter.runId === undefined ? LABEL_RUN_ID : `${LABEL_RUN_ID}=${filter.runId}`;
  const containers = await docker.listContainers({ all: true, filters: { label: [label] } });
  const removed = await Promise.all(
    containers.map(async (info) => {
      try {
        await docker.getContainer(info.Id).remove({ force: true, v: true });
        return 1;
      } catch (error) {
        // Already gone (removed by its own run meanwhile) is fine; anything else is not.
        if (statusCode(error) === 404 || statusCode(error) === 409) return 0;
        throw error;
      }
    }),
  );
  return removed.reduce<number>((a, b) => a + b, 0);
}

/**
 * Removes the temporary images shared-mode verifiers run from (repository bench-action-verify, labelled
 * with their run id; only those of `runId` when given) that a crash or an interruption left. Returns how many.
 */
export async function cleanVerifyImages(client: DockerClient, filter: { runId?: string } = {}): Promise<number> {
  const docker = asDocker(client);
  const label = filter.runId === undefined ? LABEL_RUN_ID : `${LABEL_RUN_ID}=${filter.runId}`;
  const images = await docker.listImages({ filters: { label: [label], reference: [VERIFY_IMAGE_REPO] } });
  let removed = 0;
  for (const image of images) {
    try {
      await docker.getImage(image.Id).remove({ force: true });
      removed++;
    } catch (error) {
      if (statusCode(error) !== 404 && statusCode(error) !== 409) throw error;
    }
  }
  return removed;
}

export function statusCode(error: unknown): number | undefined {
  const code = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof code === "number" ? code : undefined;
}

/**
 * Removes labelled containers of other (earlier) invocations that are not running and have been so
 * for over `olderThanMs`: those a stopped or restarted engine left behind after their own bench
 * could not remove them. A concurrent bench's container is running or just ended, so it is kept.
 */
export async function sweepStale(client: DockerClient, ownRunIds: ReadonlySet<string>, olderThanMs = 60_000): Promise<number> {
  const docker = asDocker(client);
  const containers = await docker.listContainers({ all: true, filters: { label: [LABEL_RUN_ID], status: ["created", "exited", "dead"] } });
  const cutoff = Date.now() - olderThanMs;
  let removed = 0;
  for (const info of containers) {
    if (ownRunIds.has(info.Labels[LABEL_RUN_ID] ?? "")) continue;
    const state = await docker.getContainer(info.Id).inspect().then((i) => i.State, () => undefined);
    const since = state?.Status === "created" ? info.Created * 1000 : Date.parse(state?.FinishedAt ?? "");
    if (state === undefined || state.Running || !(since < cutoff)) continue;
    removed += await docker.getContainer(info.Id).remove({ force: true, v: true }).then(() => 1, () => 0);
  }
  return removed;
}
