/** Runs each task in a fresh container: run folder at /workspace, killed on timeout, always removed. */
import { join } from "node:path";
import { tmpdir } from "node:os";
import type Docker from "dockerode";
import { describeError } from "../errors.ts";
import type { DockerSettings } from "../types.ts";
import { LogSink } from "./log-sink.ts";
import type { Runner, RunnerOutcome, RunTask } from "./runner.ts";
import { checkEngine, connectDocker } from "./docker/engine.ts";
import { cleanContainers, statusCode } from "./docker/cleanup.ts";
import { containerConfig } from "./docker/container-config.ts";
import { DEFAULT_DOCKERFILE, ImageCache } from "./docker/images.ts";
import { pumpDemuxed } from "./docker/demux.ts";

export interface DockerRunnerOptions {
  /** Engine client; default `new Docker()` (honours DOCKER_HOST). */
  docker?: Docker;
  /** Image for tasks that name none (`--docker-image`); default built from templates/Dockerfile. */
  defaultImage?: string;
  settings?: DockerSettings;
  /** Where image build logs go; default `<tmpdir>/bench-action-builds`. */
  buildLogDir?: string;
  /** Dockerfile of the default image; default templates/Dockerfile. */
  dockerfile?: string;
  /** Called with each container's inspect data after it exited, before removal (tests, audits). */
  onInspect?: (info: Docker.ContainerInspectInfo, task: RunTask) => void;
}

/** After the container exits, how long the attach stream may take to deliver its last bytes. */
const DRAIN_MS = 10_000;

export class DockerRunner implements Runner {
  readonly name = "docker";
  readonly docker: Docker;
  readonly images: ImageCache;
  readonly #settings: DockerSettings;
  readonly #onInspect: DockerRunnerOptions["onInspect"];
  readonly #runIds = new Set<string>();

  constructor(options: DockerRunnerOptions = {}) {
    this.docker = options.docker ?? connectDocker();
    this.#settings = options.settings ?? {};
    this.#onInspect = options.onInspect;
    this.images = new ImageCache(this.docker, {
      ...(options.defaultImage === undefined ? {} : { defaultImage: options.defaultImage }),
      dockerfile: options.dockerfile ?? DEFAULT_DOCKERFILE,
      buildLogDir: options.buildLogDir ?? join(tmpdir(), "bench-action-builds"),
    });
  }

  /** Checks the engine (RunnerError naming DOCKER_HOST and --native) and builds the images. */
  async prepare(tasks: readonly RunTask[], signal?: AbortSignal): Promise<void> {
    await checkEngine(this.docker);
    for (const task of tasks) this.#runIds.add(task.runId);
    // Build failures surface as each affected run's `error` outcome, not here.
    for (const task of tasks) {
      if (signal?.aborted) return;
      await this.images.resolve(task).catch(() => {});
    }
  }

  async run(task: RunTask, signal?: AbortSignal): Promise<RunnerOutcome> {
    this.#runIds.add(task.runId);
    const startedAt = new Date();
    const sink = new LogSink(join(task.runDir, "console_log.txt"), { capBytes: task.logCapBytes, secrets: task.secrets });
    const state = { timedOut: false, aborted: signal?.aborted ?? false };
    let image: string | null = task.image ?? null;
    let exitCode: number | null = null;
    let error: string | undefined;
    let container: Docker.Container | undefined;
    let stream: NodeJS.ReadableStream | undefined;
    let timer: NodeJS.Timeout | undefined;
    const kill = () => void container?.kill().catch(() => {});
    const onAbort = () => {
      state.aborted = true;
      kill();
    };
    signal?.addEventListener("abort", onAbort, { once: true });
    try {
      if (state.aborted) throw new Error("aborted before start");
      image = await this.images.resolve(task);
      container = await this.#create(task, image);
      if (signal?.aborted) throw new Error("aborted before start");
      stream = await container.attach({ stream: true, stdout: true, stderr: true });
      const pump = pumpDemuxed(stream as AsyncIterable<Buffer>, (payload) => sink.write(payload));
      pump.catch(() => {});
      timer = setTimeout(() => {
        state.timedOut = true;
        kill();
      }, task.timeoutMs);
      await container.start();
      const waited = (await container.wait()) as { StatusCode: number };
      exitCode = state.timedOut || state.aborted ? null : waited.StatusCode;
      await drain(pump, DRAIN_MS);
      if (this.#onInspect) this.#onInspect(await container.inspect(), task);
    } catch (caught) {
      if (!state.aborted) error = describeError(caught);
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      if (container) await container.remove({ force: true }).catch(() => {});
      (stream as { destroy?: () => void } | undefined)?.destroy?.();
    }
    const stats = await sink.close();
    return {
      exitCode,
      timedOut: state.timedOut,
      ...(error === undefined ? {} : { error }),
      ...(state.aborted ? { aborted: true } : {}),
      startedAt,
      finishedAt: new Date(),
      image,
      logBytes: stats.bytesWritten,
      logTruncated: stats.truncated,
    };
  }

  /** Kills and removes every container of the runs this runner saw. */
  async close(): Promise<void> {
    for (const runId of this.#runIds) await cleanContainers(this.docker, { runId }).catch(() => 0);
  }

  async #create(task: RunTask, image: string): Promise<Docker.Container> {
    try {
      return await this.docker.createContainer(containerConfig(task, image, this.#settings));
    } catch (caught) {
      if (statusCode(caught) === 404) throw new Error(`Docker image '${image}' not found (nothing is pulled: build or load it first)`);
      throw new Error(`Creating the container (image '${image}') failed`, { cause: caught });
    }
  }
}

async function drain(pump: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([pump, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}
