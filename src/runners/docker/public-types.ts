/**
 * The Docker types at the SDK's public surface, declared here narrowly so that a consumer's
 * TypeScript (strict, without skipLibCheck) needs no @types/dockerode, which is only a dev
 * dependency of bench-action. A dockerode `Docker` instance is a DockerClient; inside, the runner
 * uses it as dockerode's type (as-docker.ts). README.md (SDK).
 */

/** A Docker engine client: a dockerode `Docker` instance (`connectDocker()` makes one). */
export interface DockerClient {
  /** dockerode's connection (socketPath, or protocol, host and port). */
  readonly modem: object;
  /** Checks the engine answers. */
  ping(): Promise<unknown>;
}

/** `docker inspect` of a finished container, as the engine returns it (dockerode's ContainerInspectInfo). */
export interface ContainerInspection {
  /** The container's id. */
  readonly Id: string;
  /** The container's configuration. */
  readonly Config: object;
  /** The container's host configuration (limits, mounts, network). */
  readonly HostConfig: object;
  /** The container's mounts. */
  readonly Mounts?: readonly object[];
}

/** The images a DockerRunner resolved and built. */
export interface DockerImages {
  /** Tags built (not found already present), in build order. */
  readonly built: readonly string[];
  /** The image a task runs in: its own, else the default; derived when it has requirements. */
  resolve(task: { image?: string; hasRequirements: boolean; runDir: string }, signal?: AbortSignal): Promise<string>;
}
