/** The create-container request for one run: mounts, env, labels, network, limits. */
import type Docker from "dockerode";
import { RunnerError } from "../../errors.ts";
import { DEFAULT_MEMORY, DEFAULT_PIDS_LIMIT } from "../../options/run-options.ts";
import { mount, sizeBytes } from "../../options/values.ts";
import type { DockerSettings } from "../../types.ts";
import type { RunTask } from "../runner.ts";
import type { WorkspaceMode } from "./workspace-mode.ts";

export { LABEL_RUN_ID, LABEL_SCENARIO, LABEL_TASK } from "./labels.ts";
import { LABEL_RUN_ID, LABEL_SCENARIO, LABEL_TASK } from "./labels.ts";
export const WORKSPACE = "/workspace";
export const DOCKER_SOCKET = "/var/run/docker.sock";

/** Bytes from a number or a Docker-style size ("512m", "2g", "1048576"), by the option table's size rule. */
export function parseMemory(value: number | string): number {
  if (typeof value === "number") return value;
  const bytes = sizeBytes(value.trim());
  if (bytes === undefined) throw new RunnerError(`Invalid Docker memory limit '${value}' (use bytes or e.g. 512m, 2g)`);
  return bytes;
}

/** "SRC:DST[:ro|rw]" → a Binds entry; rejects anything else. */
export function parseMount(spec: string): string {
  if (!mount.accepts(spec)) {
    throw new RunnerError(`Invalid mount '${spec}' (expected SRC:DST or SRC:DST:ro with an absolute DST)`);
  }
  return spec;
}

/** Hardened defaults (docs/docker.md): a process limit and a memory cap (stated in the option table), the capabilities run.sh needs. */
export { DEFAULT_MEMORY, DEFAULT_PIDS_LIMIT };
/**
 * Kept of Docker's default set: file ownership and permission overrides (a root run.sh writing into a
 * run folder another user owns, pip), setuid/setgid for images that switch users, kill, low ports.
 * Dropped: MKNOD, NET_RAW, SETFCAP, SETPCAP, SYS_CHROOT, AUDIT_WRITE.
 */
export const DEFAULT_CAPABILITIES: readonly string[] = ["CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "NET_BIND_SERVICE", "SETGID", "SETUID"];

/** The pids limit and memory cap a container gets (settings, else the defaults). */
export function effectiveLimits(settings: DockerSettings): { pids: number; memoryBytes: number } {
  return { pids: settings.pidsLimit ?? DEFAULT_PIDS_LIMIT, memoryBytes: parseMemory(settings.memory ?? DEFAULT_MEMORY) };
}

/** Network, limits and privileges, shared by the agent's and the verifier's containers. */
export function limitsConfig(settings: DockerSettings): Docker.HostConfig {
  const limits = effectiveLimits(settings);
  const hostConfig: Docker.HostConfig = {
    NetworkMode: settings.network ?? "bridge",
    Memory: limits.memoryBytes,
    // Swap is not a way around the cap.
    MemorySwap: limits.memoryBytes,
    PidsLimit: limits.pids,
    CapDrop: ["ALL"],
    CapAdd: [...new Set([...DEFAULT_CAPABILITIES, ...(settings.capAdd ?? [])])],
  };
  if (!settings.newPrivileges) hostConfig.SecurityOpt = ["no-new-privileges"];
  if (settings.cpus !== undefined) hostConfig.NanoCpus = Math.round(settings.cpus * 1e9);
  return hostConfig;
}

/** `workspace`: "bind" mounts the run folder at /workspace; "copy" mounts nothing there (see workspace-copy.ts). */
export function containerConfig(task: RunTask, image: string, settings: DockerSettings, workspace: WorkspaceMode = "bind"): Docker.ContainerCreateOptions {
  const binds = [...(workspace === "bind" ? [`${task.runDir}:${WORKSPACE}`] : []), ...(settings.mounts ?? []).map(parseMount)];
  if (settings.socket) binds.push(`${DOCKER_SOCKET}:${DOCKER_SOCKET}`);
  const hostConfig: Docker.HostConfig = { Binds: binds, ...limitsConfig(settings) };
  if (task.extraHosts?.length) hostConfig.ExtraHosts = [...task.extraHosts];
  return {
    Image: image,
    Cmd: ["sh", "run.sh"],
    WorkingDir: WORKSPACE,
    Env: Object.entries(task.env).map(([key, value]) => `${key}=${value}`),
    Labels: { [LABEL_RUN_ID]: task.runId, [LABEL_SCENARIO]: task.scenario, [LABEL_TASK]: task.taskId },
    ...(settings.user === undefined ? {} : { User: settings.user }),
    Tty: false,
    OpenStdin: false,
    AttachStdout: true,
    AttachStderr: true,
    HostConfig: hostConfig,
  };
}
