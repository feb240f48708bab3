/** Removing bench-action containers by label, never anything else. */
import type Docker from "dockerode";
import { LABEL_RUN_ID } from "./container-config.ts";

/**
 * Kills and removes every container labelled `bench-action.run-id` (only those of `runId` when
 * given), running or not. Returns how many were removed.
 */
export async function cleanContainers(docker: Docker, filter: { runId?: string } = {}): Promise<number> {
  const label = filter.runId === undefined ? LABEL_RUN_ID : `${LABEL_RUN_ID}=${filter.runId}`;
  const containers = await docker.listContainers({ all: true, filters: { label: [label] } });
  const removed = await Promise.all(
    containers.map(async (info) => {
      try {
        await docker.getContainer(info.Id).remove({ force: true });
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

export function statusCode(error: unknown): number | undefined {
  const code = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof code === "number" ? code : undefined;
}
