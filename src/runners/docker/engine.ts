/** Connecting to the Docker engine and checking that it answers. */
import Docker from "dockerode";
import { RunnerError } from "../../errors.ts";

/** A client for the engine DOCKER_HOST names (dockerode reads it), else the local socket. */
export function connectDocker(): Docker {
  return new Docker();
}

/** Where a client talks to, for messages: `unix:///var/run/docker.sock`, `tcp://host:2376`, … */
export function engineAddress(docker: Docker): string {
  const modem = docker.modem as { socketPath?: unknown; host?: unknown; port?: unknown; protocol?: unknown };
  if (typeof modem.socketPath === "string") return `unix://${modem.socketPath}`;
  const protocol = typeof modem.protocol === "string" ? modem.protocol : "http";
  return `${protocol}://${String(modem.host)}${modem.port === undefined ? "" : `:${String(modem.port)}`}`;
}

/**
 * Pings the engine; throws a RunnerError naming the address, DOCKER_HOST and `--native` when
 * nothing answers within `timeoutMs`.
 */
export async function checkEngine(docker: Docker, timeoutMs = 10_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([docker.ping(), timeout]);
  } catch (error) {
    throw new RunnerError(
      `No Docker engine answered at ${engineAddress(docker)}. Start Docker (the default socket is ` +
        `/var/run/docker.sock), set DOCKER_HOST to a reachable engine, or pass --native to run without Docker.`,
      { cause: error },
    );
  } finally {
    clearTimeout(timer);
  }
}
