/** Connecting to the Docker engine and checking that it answers. */
import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import Docker from "dockerode";
import { RunnerError } from "../../errors.ts";
import { asDocker } from "./as-docker.ts";
import type { DockerClient } from "./public-types.ts";

/** A client for the engine DOCKER_HOST names (dockerode reads it), else the local socket. */
export function connectDocker(): DockerClient {
  return new Docker();
}

/** docker-modem's default socket: Docker Desktop's per-user one when it exists, else the system one. */
function defaultSocket(): string {
  const user = join(homedir(), ".docker", "run", "docker.sock");
  return existsSync(user) ? user : "/var/run/docker.sock";
}

/** Where a client talks to, for messages: `unix:///var/run/docker.sock`, `tcp://host:2376`, … */
export function engineAddress(docker: DockerClient): string {
  const modem = docker.modem as { socketPath?: unknown; socketPathCache?: unknown; host?: unknown; port?: unknown; protocol?: unknown };
  if (typeof modem.socketPath === "string") return `unix://${modem.socketPath}`;
  // Without DOCKER_HOST, docker-modem picks the socket at the first request (socketPath is then a function).
  if (typeof modem.socketPath === "function") return `unix://${typeof modem.socketPathCache === "string" ? modem.socketPathCache : defaultSocket()}`;
  const protocol = typeof modem.protocol === "string" ? modem.protocol : "http";
  return `${protocol}://${String(modem.host)}${modem.port === undefined ? "" : `:${String(modem.port)}`}`;
}

/**
 * Pings the engine; throws a RunnerError naming the address, DOCKER_HOST and `--native` when
 * nothing answers within `timeoutMs`.
 */
export async function checkEngine(docker: DockerClient, timeoutMs = 10_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([asDocker(docker).ping(), timeout]);
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

/** How often waitForEngine pings. */
export const ENGINE_POLL_MS = 500;

/**
 * Pings every ENGINE_POLL_MS until the engine answers (true) or `waitMs` passed / `signal` aborted
 * (false). Each ping is bounded, so an engine that accepts but never answers cannot hang a run.
 */
export async function waitForEngine(docker: DockerClient, waitMs: number, signal?: AbortSignal): Promise<boolean> {
  const end = Date.now() + waitMs;
  for (;;) {
    if (signal?.aborted) return false;
    const left = end - Date.now();
    const answered = await checkEngine(docker, Math.max(1, Math.min(2000, left))).then(() => true, () => false);
    if (answered) return true;
    const remaining = end - Date.now();
    if (remaining <= 0 || signal?.aborted) return false;
    await pause(Math.min(ENGINE_POLL_MS, remaining), signal);
  }
}

/** Resolves after `ms`, or at once when `signal` aborts. */
export function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });
}
