/**
 * How the run folder reaches the container: `bind` mounts it (the engine must see the same
 * filesystem), `copy` uploads it before the start and downloads /workspace after the exit
 * (remote engines: DOCKER_HOST=tcp://…, ssh://…). `auto` picks `copy` for a remote engine.
 */
import type { DockerClient } from "./public-types.ts";

/** docker.workspace as written: "auto", "bind" or "copy". */
export type WorkspaceSetting = "auto" | "bind" | "copy";
/** How the run folder reaches the container: bind-mounted, or copied in and out. */
export type WorkspaceMode = "bind" | "copy";

/** The client's connection fields (docker-modem): a socketPath, or a host/port/protocol. */
export interface ModemAddress {
  /** Unix socket path of a local engine. */
  socketPath?: unknown;
  /** Host of a TCP/SSH engine. */
  host?: unknown;
  /** Port of a TCP engine. */
  port?: unknown;
  /** Protocol: http, https or ssh. */
  protocol?: unknown;
}

const REMOTE_SCHEME = /^(tcp|https?|ssh):\/\//i;
/** "http" is docker-modem's default even for the local socket, so it says nothing. */
const REMOTE_PROTOCOLS = new Set(["https", "ssh"]);

/**
 * True when the client talks to an engine over the network: a modem with a host, a port or the
 * https/ssh protocol; false for a unix socket or a Windows named pipe. A modem that says
 * neither falls back to the DOCKER_HOST scheme.
 */
export function isRemoteEngine(modem: ModemAddress, dockerHost: string | undefined = process.env.DOCKER_HOST): boolean {
  if (typeof modem.socketPath === "string" && modem.socketPath !== "") return false;
  if (typeof modem.host === "string" && modem.host !== "") return true;
  if (modem.port !== undefined && modem.port !== null && modem.port !== "") return true;
  if (typeof modem.protocol === "string" && REMOTE_PROTOCOLS.has(modem.protocol)) return true;
  return dockerHost !== undefined && REMOTE_SCHEME.test(dockerHost);
}

/** The mode a run uses: the setting when explicit, else `copy` for a remote engine and `bind` otherwise. */
export function workspaceMode(setting: WorkspaceSetting | undefined, docker: Pick<DockerClient, "modem">, dockerHost?: string): WorkspaceMode {
  if (setting === "bind" || setting === "copy") return setting;
  return isRemoteEngine(docker.modem as ModemAddress, dockerHost ?? process.env.DOCKER_HOST) ? "copy" : "bind";
}
