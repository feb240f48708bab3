/**
 * `container.wait()` that cannot hang: dockerd answers the wait's headers at once and the exit code
 * when the container ends; when the engine dies in between (SIGKILL, crash), docker-modem ignores
 * the aborted response and dockerode's promise never settles. Here that rejects with ECONNRESET.
 */
import type Docker from "dockerode";

const WAIT_STATUS = { 200: true, 400: "bad parameter", 404: "no such container", 500: "server error" };

function connectionLost(cause?: unknown): Error {
  const error = new Error("the engine closed the connection before the container's exit code arrived", { cause });
  return Object.assign(error, { code: "ECONNRESET" });
}

/** The exit code of container `id` once it stopped (like `docker wait`). */
export async function waitExit(docker: Docker, id: string): Promise<number> {
  const response = await new Promise<NodeJS.ReadableStream>((resolve, reject) => {
    const options = { path: `/containers/${id}/wait?`, method: "POST", isStream: true, statusCodes: WAIT_STATUS, options: {} };
    docker.modem.dial(options, (error: unknown, stream: unknown) => (error ? reject(error) : resolve(stream as NodeJS.ReadableStream)));
  });
  let body = "";
  try {
    for await (const chunk of response as AsyncIterable<Buffer | string>) body += chunk.toString();
  } catch (error) {
    throw connectionLost(error);
  }
  let parsed: { StatusCode?: unknown };
  try {
    parsed = JSON.parse(body) as typeof parsed;
  } catch {
    throw connectionLost();
  }
  if (typeof parsed.StatusCode !== "number") throw connectionLost();
  return parsed.StatusCode;
}
