/**
 * Copy mode (remote engines): the run folder goes into the created container as a tar at
 * /workspace, and after the exit /workspace comes back over the run folder, through safeExtract.
 * console_log.txt and result.json are never copied in either direction: the host writes them.
 */
import { join } from "node:path";
import type { Readable } from "node:stream";
import type Docker from "dockerode";
import { pack } from "tar-fs";
import { describeError } from "../../errors.ts";
import { timerMs } from "../../options/values.ts";
import type { DockerSettings } from "../../types.ts";
import { ExtractLimitError, safeExtract, type ExtractStats, type TarHeader } from "./safe-extract.ts";

export const HOST_ONLY_FILES: readonly string[] = ["console_log.txt", "result.json"];
export const DEFAULT_COPY_LIMIT_BYTES = 1024 ** 3;
export const DEFAULT_COPY_TIMEOUT_MS = 10 * 60_000;
const PREFIX = "workspace";

export interface CopyOptions {
  /** Most bytes of files copied back (default 1 GiB). */
  limitBytes?: number;
  /** Each direction's time limit (default 10 min). */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** The copy options of a runner's settings. */
export function copyOptions(settings: DockerSettings, signal?: AbortSignal): CopyOptions {
  return {
    ...(settings.copyLimitBytes === undefined ? {} : { limitBytes: settings.copyLimitBytes }),
    ...(settings.copyTimeoutMs === undefined ? {} : { timeoutMs: settings.copyTimeoutMs }),
    ...(signal === undefined ? {} : { signal }),
  };
}

/** A copy that failed; the message is the run's `error` text, `cause` keeps the engine's error. */
export class WorkspaceCopyError extends Error {
  override readonly name = "WorkspaceCopyError";
}

/** Uploads the run folder as /workspace (entries under `workspace/`, extracted at `/`, so the image needs no /workspace). */
export async function uploadWorkspace(container: Docker.Container, runDir: string, options: CopyOptions = {}): Promise<void> {
  const hostOnly = new Set(HOST_ONLY_FILES.map((name) => join(runDir, name)));
  const archive = pack(runDir, {
    ignore: (name: string) => hostOnly.has(name),
    map: (header: TarHeader) => ({ ...header, name: header.name === "." ? PREFIX : `${PREFIX}/${header.name}` }),
    strict: false,
  });
  try {
    // A folder that cannot be read fails the archive stream, which the request does not see: race it.
    const unreadable = new Promise<never>((_, reject) => archive.on("error", reject));
    await bounded(options, (signal) => Promise.race([container.putArchive(archive, { path: "/", abortSignal: signal }), unreadable]), () => archive.destroy());
  } catch (caught) {
    throw new WorkspaceCopyError(`Copying the run folder into the container failed: ${detail(caught)}`, { cause: caught });
  } finally {
    archive.destroy();
  }
}

/** Downloads /workspace over the run folder; stops at `limitBytes`. */
export async function downloadWorkspace(container: Docker.Container, runDir: string, options: CopyOptions = {}): Promise<ExtractStats> {
  const limitBytes = options.limitBytes ?? DEFAULT_COPY_LIMIT_BYTES;
  let archive: Readable | undefined;
  try {
    return await bounded(options, async (signal) => {
      archive = (await container.getArchive({ path: `/${PREFIX}`, abortSignal: signal })) as Readable;
      if (signal.aborted) throw signal.reason;
      return await safeExtract(archive, runDir, { prefix: PREFIX, limitBytes, protectedNames: HOST_ONLY_FILES });
    }, (reason) => archive?.destroy(reason));
  } catch (caught) {
    const why = caught instanceof ExtractLimitError
      ? `/workspace holds more than ${limitBytes} bytes of files (docker copyLimitBytes); the copy stopped at the limit`
      : detail(caught);
    throw new WorkspaceCopyError(`Copying /workspace back from the container failed: ${why}`, { cause: caught });
  } finally {
    archive?.destroy();
  }
}

/** Runs `work` with a signal that aborts after `timeoutMs` or with `options.signal`; `stop` cuts streams off. */
async function bounded<T>(options: CopyOptions, work: (signal: AbortSignal) => Promise<T>, stop: (reason: Error) => void): Promise<T> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_COPY_TIMEOUT_MS;
  const controller = new AbortController();
  const abort = (reason: Error) => {
    if (controller.signal.aborted) return;
    controller.abort(reason);
    stop(reason);
  };
  const timer = setTimeout(() => abort(new Error(`timed out after ${timeoutMs / 1000} s`)), timerMs(timeoutMs));
  const onAbort = () => abort(new Error("aborted"));
  options.signal?.addEventListener("abort", onAbort, { once: true });
  try {
    if (options.signal?.aborted) onAbort();
    const result = await work(controller.signal);
    if (controller.signal.aborted) throw controller.signal.reason;
    return result;
  } catch (caught) {
    throw controller.signal.aborted ? controller.signal.reason : caught;
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener("abort", onAbort);
    // Cancels a request still pending after a failure elsewhere (no-op once it finished).
    controller.abort();
  }
}

function detail(error: unknown): string {
  return describeError(error).replaceAll("\n  caused by: ", ": ");
}
