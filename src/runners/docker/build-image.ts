/** One `docker build` through dockerode, its output streamed to a log file. */
import { createWriteStream } from "node:fs";
import { mkdir, readFile, readdir } from "node:fs/promises";
import { once } from "node:events";
import { join, relative } from "node:path";
import type Docker from "dockerode";
import { AbortedError, RunnerError } from "../../errors.ts";

export interface BuildRequest {
  /** Folder holding the Dockerfile and everything it copies. */
  contextDir: string;
  tag: string;
  /** The build log file; its tail goes into the error on failure. */
  logPath: string;
  labels?: Record<string, string>;
  buildargs?: Record<string, string>;
}

async function listFiles(dir: string, root = dir): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(path, root)));
    else out.push(relative(root, path));
  }
  return out;
}

async function tail(path: string, lines = 20): Promise<string> {
  const text = await readFile(path, "utf8").catch(() => "");
  return text.trimEnd().split("\n").slice(-lines).join("\n");
}

/**
 * Builds `tag`; throws a RunnerError with the log's tail when the build fails. `signal` cancels the
 * build: the request's connection is closed, which makes the engine stop the build and remove its
 * step container, and an AbortedError is thrown at once.
 */
export async function buildImage(docker: Docker, request: BuildRequest, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) throw new AbortedError("Image build aborted");
  await mkdir(join(request.logPath, ".."), { recursive: true });
  const log = createWriteStream(request.logPath);
  let failure: string | undefined;
  let aborted = false;
  let onAbort: (() => void) | undefined;
  try {
    const src = await listFiles(request.contextDir);
    const stream = await docker.buildImage(
      { context: request.contextDir, src },
      { t: request.tag, rm: true, forcerm: true, pull: false, labels: request.labels ?? {}, buildargs: request.buildargs ?? {} },
    );
    await new Promise<void>((resolve, reject) => {
      onAbort = () => {
        aborted = true;
        (stream as NodeJS.ReadableStream & { destroy(): void }).destroy();
        reject(new AbortedError("Image build aborted"));
      };
      if (signal?.aborted) onAbort();
      else signal?.addEventListener("abort", onAbort, { once: true });
      docker.modem.followProgress(
        stream,
        (error: Error | null) => (error ? reject(error) : resolve()),
        (event: { stream?: string; status?: string; error?: string; errorDetail?: { message?: string } }) => {
          if (event.stream) log.write(event.stream);
          if (event.status) log.write(`${event.status}\n`);
          if (event.error) {
            failure = event.errorDetail?.message ?? event.error;
            log.write(`ERROR: ${failure}\n`);
          }
        },
      );
    });
  } catch (error) {
    if (!aborted) failure ??= error instanceof Error ? error.message : String(error);
    log.write(aborted ? "ABORTED: the build was cancelled\n" : `ERROR: ${failure}\n`);
  } finally {
    if (onAbort) signal?.removeEventListener("abort", onAbort);
    log.end();
    await once(log, "close");
  }
  if (aborted) throw new AbortedError("Image build aborted");
  if (failure !== undefined) {
    throw new RunnerError(
      `Building image ${request.tag} failed: ${failure}\n--- last lines of ${request.logPath} ---\n${await tail(request.logPath)}`,
    );
  }
}
