/**
 * The other services of a Harbor task's docker-compose.yaml (docs/harbor.md), run through the
 * engine's API: one network per run (internal when the task has no internet), each service started
 * in depends_on order with its name as its network alias, the agent's and the verifier's containers
 * joined to that network; everything labelled with the run id and removed after the verifier.
 * Services get the agent's hardened limits (docs/docker.md, "Hardened defaults"): the agent can make
 * a service fork or allocate, so a service is no way around the pids limit or the memory cap.
 */
import { randomBytes } from "node:crypto";
import type Docker from "dockerode";
import { describeError } from "../../errors.ts";
import type { ComposeSpec } from "../../harbor/compose-file.ts";
import type { DockerSettings } from "../../types.ts";
import type { RunTask } from "../runner.ts";
import { LABEL_RUN_ID, LABEL_SCENARIO, LABEL_TASK, limitsConfig } from "./container-config.ts";
import type { ImageCache } from "./images.ts";

export const LABEL_SERVICE = "bench-action.service";

export interface RunningServices {
  /** The network the agent's and the verifier's containers join. */
  network: string;
  stop(): Promise<void>;
}

/** Start the services; on failure everything started is removed and the error says which service. */
export async function startServices(docker: Docker, images: ImageCache, task: RunTask, compose: ComposeSpec, buildTimeoutMs: number, settings: DockerSettings, signal?: AbortSignal): Promise<RunningServices> {
  const labels = { [LABEL_RUN_ID]: task.runId, [LABEL_SCENARIO]: task.scenario, [LABEL_TASK]: task.taskId };
  const name = `bench-${task.runId}-${task.taskId}-${task.rep}-${randomBytes(3).toString("hex")}`.replace(/[^a-zA-Z0-9_.-]/g, "_").slice(0, 120);
  const network = await docker.createNetwork({ Name: name, Internal: task.environment?.noInternet === true, Labels: labels, CheckDuplicate: true });
  const containers: Docker.Container[] = [];
  const stop = async (): Promise<void> => {
    for (const container of containers.reverse()) await container.remove({ force: true, v: true }).catch(() => {});
    await network.remove().catch(() => {});
  };
  try {
    for (const service of compose.services) {
      try {
        const image = service.build ? await images.contextImage({ ...service.build, timeoutMs: buildTimeoutMs }, signal) : (service.image as string);
        const container = await docker.createContainer({
          Image: image,
          Env: Object.entries(service.environment).map(([key, value]) => `${key}=${value}`),
          Labels: { ...labels, [LABEL_SERVICE]: service.name },
          HostConfig: { ...limitsConfig(settings), NetworkMode: name },
          NetworkingConfig: { EndpointsConfig: { [name]: { Aliases: [service.name] } } },
        });
        containers.push(container);
        await container.start();
      } catch (error) {
        throw new Error(`compose service "${service.name}" could not start: ${describeError(error).replaceAll("\n  caused by: ", ": ")}`, { cause: error });
      }
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { network: name, stop };
}

/** Networks a run left (a crash between create and remove). */
export async function removeRunNetworks(docker: Docker, runId: string): Promise<void> {
  const networks = await docker.listNetworks({ filters: { label: [`${LABEL_RUN_ID}=${runId}`] } }).catch(() => []);
  for (const info of networks) await docker.getNetwork(info.Id).remove().catch(() => {});
}
