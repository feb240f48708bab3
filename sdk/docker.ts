/**
 * The Docker runtime: the runner that runs each task in a fresh container, the engine client and
 * its check, container labels and cleanup, the workspace mode, and the Debian-built base image.
 * @module
 */
export { DockerRunner } from "../src/runners/docker-runner.ts";
export type { DockerRunnerOptions } from "../src/runners/docker-runner.ts";
export type { DockerClient, ContainerInspection, DockerImages } from "../src/runners/docker/public-types.ts";
export { connectDocker, checkEngine, engineAddress } from "../src/runners/docker/engine.ts";
export { cleanContainers, cleanVerifyImages } from "../src/runners/docker/cleanup.ts";
export { LABEL_RUN_ID, LABEL_SCENARIO, LABEL_TASK } from "../src/runners/docker/labels.ts";
export { workspaceMode, isRemoteEngine } from "../src/runners/docker/workspace-mode.ts";
export type { WorkspaceMode, WorkspaceSetting, ModemAddress } from "../src/runners/docker/workspace-mode.ts";
export { LOCAL_BASE_IMAGE } from "../src/runners/docker/base-images.ts";
