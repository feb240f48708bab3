/**
 * Runs each task in a fresh container: run folder at /workspace (bind-mounted, or copied in and out
 * for a remote engine: workspace-copy.ts), killed on timeout, always removed.
 * A run the engine broke (connection lost, container stopped from outside) ends `error` + retryable;
 * after that, each run first waits up to `engineWaitMs` for the engine to answer again.
 */
import { randomBytes } from "node:crypto";
import { open } from "node:fs/promises";
import { join } from "node:path";
import { tmpdir } from "node:os";
import type Docker from "dockerode";
import { describeError } from "../errors.ts";
import type { DockerSettings } from "../types.ts";
import { LogSink } from "./log-sink.ts";
import type { Runner, RunnerOutcome, RunTask, VerifierOutcome } from "./runner.ts";
import { checkEngine, connectDocker, engineAddress } from "./docker/engine.ts";
import { EngineGate } from "./docker/engine-gate.ts";
import { cleanContainers, cleanVerifyImages, statusCode, sweepStale } from "./docker/cleanup.ts";
import { answerLost, EngineLostError, engineLostReason, isEngineError } from "./docker/engine-errors.ts";
import { killedBySignal, outsideStopReason } from "./docker/external-stop.ts";
import { containerConfig, effectiveLimits, LABEL_RUN_ID } from "./docker/container-config.ts";
import { forkFailedReason, oomReason, pidsReason } from "./docker/limit-reasons.ts";
import { runDockerVerifier } from "./docker/docker-verifier.ts";
import { VERIFY_IMAGE_REPO } from "./docker/verifier-container.ts";
import { DEFAULT_DOCKERFILE, ImageCache } from "./docker/images.ts";
import { pumpDemuxed } from "./docker/demux.ts";
import { waitExit } from "./docker/wait-exit.ts";
import { workspaceMode, type WorkspaceMode } from "./docker/workspace-mode.ts";
import { asDocker } from "./docker/as-docker.ts";
import type { ContainerInspection, DockerClient, DockerImages } from "./docker/public-types.ts";
import { copyOptions, downloadWorkspace, uploadWorkspace, WorkspaceCopyError } from "./docker/workspace-copy.ts";
import { timerMs } from "../options/values.ts";
import { dockerProxyEndpoint } from "./docker/proxy-endpoint.ts";
import { environmentSettings, environmentWorkdir, TASK_WORKDIR_VAR } from "./docker/task-environment.ts";
import { removeRunNetworks, startServices, type RunningServices } from "./docker/compose-services.ts";
import type { ProxyEndpoint } from "../usage/usage-session.ts";

/** Options of DockerRunner: the client, the default image, the docker settings, image build inputs, and callbacks. */
export interface DockerRunnerOptions {
  /** Engine client (a dockerode `Docker`); default `connectDocker()` (honours DOCKER_HOST). */
  docker?: DockerClient;
  /** Image for tasks that name none (`--docker-image`); default built from templates/Dockerfile. */
  defaultImage?: string;
  /** Network, limits, socket, user and mounts of the containers. */
  settings?: DockerSettings;
  /** Where image build logs go; default `<tmpdir>/bench-action-builds`. */
  buildLogDir?: string;
  /** Dockerfile of the default image; default templates/Dockerfile. */
  dockerfile?: string;
  /** Called with each container's inspect data after it exited, before removal (tests, audits). */
  onInspect?: (info: ContainerInspection, task: RunTask) => void;
  /** Once the engine was seen unreachable, how long each run waits for it to answer again; default 60 000 ms. */
  engineWaitMs?: number;
  /** Progress worth telling the user: image builds starting and ending (runScenarios: `notice` events). */
  onNotice?: (message: string) => void;
}

export const DEFAULT_ENGINE_WAIT_MS = 60_000;

/** One container's outcome, whether it got as far as starting (else it is safe to start over), whether the engine failed (5xx). */
interface Attempt {
  outcome: RunnerOutcome;
  started: boolean;
  serverError: boolean;
  /** Shared-mode verifiers: the agent's container committed after its exit (an image id), or why that failed. */
  committed?: { image: string } | { error: string };
}

/** After the container exits, how long the attach stream may take to deliver its last bytes. */
const DRAIN_MS = 10_000;

/** Runs each task in a fresh container (run folder at /workspace), killed on timeout, always removed. */
export class DockerRunner implements Runner {
  /** The runner's name, recorded in result.json. */
  readonly name = "docker";
  readonly #docker: Docker;
  /** The images this runner resolved and built. */
  readonly images: DockerImages;
  readonly #images: ImageCache;
  /** How run folders reach /workspace: settings.workspace, or for "auto" `copy` on a remote engine. */
  readonly workspace: WorkspaceMode;
  readonly #settings: DockerSettings;
  readonly #onNotice: DockerRunnerOptions["onNotice"];
  readonly #onInspect: DockerRunnerOptions["onInspect"];
  readonly #runIds = new Set<string>();
  readonly #engine: EngineGate;
  #engineCpus: Promise<number | undefined> | undefined;
  readonly #workdirs = new Map<string, Promise<string>>();
  /** Compose tasks: the network their services run on, joined by the agent and the verifier. */
  readonly #networks = new Map<RunTask, string>();

  /** The engine client runs go to. */
  get docker(): DockerClient {
    return this.#docker;
  }

  /** A runner over `options.docker` (default connectDocker()). */
  constructor(options: DockerRunnerOptions = {}) {
    this.#docker = asDocker(options.docker ?? connectDocker());
    this.#settings = options.settings ?? {};
    this.#onInspect = options.onInspect;
    this.#onNotice = options.onNotice;
    this.workspace = workspaceMode(this.#settings.workspace, this.#docker);
    this.#engine = new EngineGate(this.#docker, options.engineWaitMs ?? DEFAULT_ENGINE_WAIT_MS);
    this.images = this.#images = new ImageCache(this.#docker, {
      ...(options.defaultImage === undefined ? {} : { defaultImage: options.defaultImage }),
      dockerfile: options.dockerfile ?? DEFAULT_DOCKERFILE,
      buildLogDir: options.buildLogDir ?? join(tmpdir(), "bench-action-builds"),
      ...(options.onNotice === undefined ? {} : { onNotice: options.onNotice }),
    });
  }

  /** Checks the engine (RunnerError naming DOCKER_HOST and --native) and builds the images. */
  async prepare(tasks: readonly RunTask[], signal?: AbortSignal): Promise<void> {
    await checkEngine(this.#docker);
    if (this.workspace === "copy" && this.#settings.workspace !== "copy") {
      this.#onNotice?.(`Docker engine at ${engineAddress(this.#docker)} is remote: run folders are copied into and out of the containers`);
    }
    for (const task of tasks) this.#runIds.add(task.runId);
    await sweepStale(this.#docker, this.#runIds).catch(() => 0);
    // Build failures surface as each affected run's `error` outcome, not here.
    for (const task of tasks) {
      if (signal?.aborted) return;
      await this.images.resolve(task, signal).catch(() => {});
    }
  }

  /** Runs one task (and its verifier) in a fresh container; the outcome is data. */
  async run(task: RunTask, signal?: AbortSignal): Promise<RunnerOutcome> {
    this.#runIds.add(task.runId);
    const compose = task.environment?.compose;
    if (!compose) return this.#run(task, signal);
    const startedAt = new Date();
    let services: RunningServices;
    try {
      services = await startServices(this.#docker, this.#images, task, compose, task.environment?.build?.timeoutMs ?? 600_000, this.#settings, signal);
    } catch (error) {
      if (signal?.aborted) return { ...idle(startedAt, task), aborted: true };
      return { ...idle(startedAt, task), error: describeError(error).replaceAll("\n  caused by: ", ": "), ...(isEngineError(error) ? { retryable: true } : {}) };
    }
    this.#networks.set(task, services.network);
    try {
      return await this.#run(task, signal);
    } finally {
      this.#networks.delete(task);
      await services.stop();
    }
  }

  async #run(task: RunTask, signal?: AbortSignal): Promise<RunnerOutcome> {
    for (let tries = 0; ; tries++) {
      const startedAt = new Date();
      const blocked = await this.#engine.ready(signal);
      if (blocked === "aborted") return { ...idle(startedAt, task), aborted: true };
      if (blocked !== undefined) return { ...idle(startedAt, task), error: blocked, retryable: true };
      const { outcome, started, serverError, committed } = await this.#attempt(task, signal);
      // The engine went away (or failed, as a stopping one does) before the container started:
      // nothing ran, so wait for it and start over once. A start whose answer was lost counts as started.
      if (!started && tries === 0 && !outcome.aborted && (outcome.retryable || serverError)) {
        this.#engine.markLost();
        continue;
      }
      if (!task.verifier || outcome.aborted || outcome.error !== undefined) {
        if (committed && "image" in committed) await this.#removeImage(committed.image);
        return outcome;
      }
      return { ...outcome, verifier: await this.#verify(task, task.verifier, outcome, committed, signal) };
    }
  }

  /** The verifier phase: from the committed agent container (shared) or the agent's image (separate). */
  async #verify(task: RunTask, verifier: NonNullable<RunTask["verifier"]>, agent: RunnerOutcome, committed: Attempt["committed"], signal?: AbortSignal): Promise<VerifierOutcome> {
    const now = new Date();
    try {
      if (verifier.mode === "shared" && !(committed && "image" in committed)) {
        const why = committed && "error" in committed ? committed.error : "the agent's container was not kept";
        return { exitCode: null, timedOut: false, startedAt: now, finishedAt: now, mode: verifier.mode, error: `verifier could not run: ${why}` };
      }
      const image = verifier.mode === "shared" ? (committed as { image: string }).image : (agent.image ?? task.image ?? "");
      const own = task.environment ? await this.#environment(task, image) : undefined;
      const ctx = { docker: this.#docker, settings: own?.settings ?? this.#settings, workspace: this.workspace, ...(own ? { workdir: own.workdir } : {}) };
      const outcome = await runDockerVerifier(ctx, task, verifier, image, signal);
      if (outcome.retryable) this.#engine.markLost();
      return outcome;
    } finally {
      if (committed && "image" in committed) await this.#removeImage(committed.image);
    }
  }

  async #removeImage(id: string): Promise<void> {
    await this.#docker.getImage(id).remove({ force: true }).catch(() => {});
  }

  async #attempt(task: RunTask, signal?: AbortSignal): Promise<Attempt> {
    const startedAt = new Date();
    const sink = new LogSink(join(task.runDir, "console_log.txt"), { capBytes: task.logCapBytes, secrets: task.secrets });
    const state: { timedOut: boolean; aborted: boolean; limit?: string } = { timedOut: false, aborted: signal?.aborted ?? false };
    const limits = effectiveLimits(this.#settings);
    let image: string | null = task.image ?? null;
    let exitCode: number | null = null;
    let error: string | undefined;
    let retryable = false;
    let started = false;
    let serverError = false;
    let container: Docker.Container | undefined;
    let stream: NodeJS.ReadableStream | undefined;
    let timer: NodeJS.Timeout | undefined;
    let committed: Attempt["committed"];
    const kill = () => void container?.kill().catch(() => {});
    const onAbort = () => {
      state.aborted = true;
      kill();
    };
    signal?.addEventListener("abort", onAbort, { once: true });
    try {
      if (state.aborted) throw new Error("aborted before start");
      image = await this.images.resolve(task, signal);
      container = await this.#create(task, image, task.environment ? await this.#environment(task, image) : undefined);
      if (signal?.aborted) throw new Error("aborted before start");
      if (this.workspace === "copy") await uploadWorkspace(container, task.runDir, copyOptions(this.#settings, signal));
      stream = await container.attach({ stream: true, stdout: true, stderr: true });
      const pump = pumpDemuxed(stream as AsyncIterable<Buffer>, (payload) => sink.write(payload));
      pump.catch(() => {});
      timer = setTimeout(() => {
        state.timedOut = true;
        const running = container;
        if (running) void pidsReason(running, limits.pids).then((reason) => void (state.limit = reason), () => {}).finally(kill);
        else kill();
      }, timerMs(task.timeoutMs));
      await container.start().catch((caught: unknown) => {
        // A start whose answer was lost (the engine died meanwhile) may have run the command: not started over.
        started = answerLost(caught);
        throw caught;
      });
      started = true;
      const waited = await waitExit(this.#docker, container.id);
      exitCode = state.timedOut || state.aborted ? null : waited;
      await drain(pump, DRAIN_MS);
      state.limit ??= oomReason(await container.inspect().catch(() => undefined), limits.memoryBytes);
      if (state.limit !== undefined) await sink.write(`\n[bench-action: ${state.limit}]\n`).catch(() => {});
      if (exitCode !== null && killedBySignal(exitCode)) {
        const stop = await outsideStopReason(this.#docker, container.id, startedAt, exitCode);
        if (stop !== undefined) throw new EngineLostError(stop);
      }
      // After a timeout kill too: the files written so far are part of the result.
      if (this.workspace === "copy" && !state.aborted) await downloadWorkspace(container, task.runDir, copyOptions(this.#settings, signal));
      if (this.#onInspect) this.#onInspect(await container.inspect() as ContainerInspection, task);
    } catch (caught) {
      // A failed copy's message already holds its cause's.
      const detail = caught instanceof WorkspaceCopyError ? caught.message : describeError(caught).replaceAll("\n  caused by: ", ": ");
      if (!state.aborted && isEngineError(caught)) {
        this.#engine.markLost();
        retryable = true;
        error = caught instanceof EngineLostError ? caught.message : engineLostReason(detail);
      } else if (!state.aborted) error = caught instanceof WorkspaceCopyError ? caught.message : describeError(caught);
      serverError = (statusCode(caught) ?? statusCode((caught as { cause?: unknown }).cause) ?? 0) >= 500;
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      // Shared-mode verifiers run in this container's state once its processes are gone (it exited or was killed).
      if (container && started && task.verifier?.mode === "shared" && !state.aborted && error === undefined) {
        // The image would keep the run's variables (ENV.yaml values) in its config, also on the engine after a
        // crash: committed with each one blanked, it holds their names only.
        const query = { container: container.id, repo: VERIFY_IMAGE_REPO, tag: randomBytes(8).toString("hex"), pause: false };
        const blanked = Object.keys(task.env).map((key) => `${key}=`);
        committed = await container.commit({ _query: query, _body: blanked.length ? { Env: blanked } : {} }).then(
          (made: { Id: string }) => ({ image: made.Id }),
          (caught: unknown) => ({ error: `committing the agent's container failed: ${describeError(caught)}` }),
        );
      }
      if (container) await container.remove({ force: true }).catch(() => {});
      (stream as { destroy?: () => void } | undefined)?.destroy?.();
    }
    const stats = await sink.close();
    // A fork that failed at the limit, whatever the exit code (a bomb's parent often exits 0 once its children die).
    if (error === undefined && exitCode !== null && !state.aborted) {
      const reason = forkFailedReason(await logTail(join(task.runDir, "console_log.txt")), limits.pids);
      if (reason !== undefined) error = reason;
    }
    // A run stopped by its limits ends `error` with the reason, also when that made it time out.
    if (error === undefined && state.limit !== undefined && !state.aborted) error = state.limit;
    const outcome: RunnerOutcome = {
      exitCode,
      timedOut: state.timedOut && state.limit === undefined,
      ...(error === undefined ? {} : { error }),
      ...(retryable ? { retryable: true } : {}),
      ...(state.aborted ? { aborted: true } : {}),
      startedAt,
      finishedAt: new Date(),
      image,
      logBytes: stats.bytesWritten,
      logTruncated: stats.truncated, sentinelSeen: stats.sentinelSeen,
    };
    return { outcome, started, serverError, ...(committed ? { committed } : {}) };
  }

  /** The bridge gateway (containers see it as host.docker.internal), or loopback with --network host. */
  proxyEndpoint(): Promise<ProxyEndpoint> {
    return dockerProxyEndpoint(this.#docker, this.#settings, this.workspace);
  }

  /** Kills and removes every container of the runs this runner saw (an engine still down leaves them to the next prepare). */
  async close(): Promise<void> {
    for (const runId of this.#runIds) {
      await cleanContainers(this.#docker, { runId }).catch(() => 0);
      // Committed images a crashed verification left (each carries its container's run-id label).
      await cleanVerifyImages(this.#docker, { runId }).catch(() => 0);
      await removeRunNetworks(this.#docker, runId);
    }
  }

  /** A Harbor task's limits over the settings, and its working folder (read from `image` when task.toml names none). */
  async #environment(task: RunTask, image: string): Promise<{ settings: DockerSettings; workdir: string }> {
    const environment = task.environment ?? {};
    this.#engineCpus ??= this.#docker.info().then((info: { NCPU?: number }) => info.NCPU, () => undefined);
    let workdir = this.#workdirs.get(image);
    if (!workdir) this.#workdirs.set(image, (workdir = environmentWorkdir(this.#docker, image, environment)));
    const settings = environmentSettings(this.#settings, environment, await this.#engineCpus);
    const network = this.#networks.get(task);
    // The engine takes a network's name as a network mode; DockerSettings only names the built-in ones.
    if (network !== undefined) settings.network = network as DockerSettings["network"];
    return { settings, workdir: await workdir };
  }

  async #create(task: RunTask, image: string, own?: { settings: DockerSettings; workdir: string }): Promise<Docker.Container> {
    try {
      const config = containerConfig(task, image, own?.settings ?? this.#settings, this.workspace);
      const composeEnv = Object.entries(task.environment?.compose?.main.environment ?? {}).map(([key, value]) => `${key}=${value}`);
      if (own) config.Env = [...(config.Env ?? []), ...composeEnv, `${TASK_WORKDIR_VAR}=${own.workdir}`];
      return await this.#docker.createContainer(config);
    } catch (caught) {
      if (statusCode(caught) === 404) throw new Error(`Docker image '${image}' not found (nothing is pulled: build or load it first)`);
      throw new Error(`Creating the container (image '${image}') failed`, { cause: caught });
    }
  }
}

/** An outcome for a run that never reached the engine. */
function idle(startedAt: Date, task: RunTask): RunnerOutcome {
  return { exitCode: null, timedOut: false, startedAt, finishedAt: new Date(), image: task.image ?? null, logBytes: 0, logTruncated: false };
}

/** The last 16 KiB of a file ("" when unreadable). */
async function logTail(path: string, bytes = 16 * 1024): Promise<string> {
  const handle = await open(path, "r").catch(() => undefined);
  if (!handle) return "";
  try {
    const { size } = await handle.stat();
    const length = Math.min(bytes, size);
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, size - length);
    return buffer.toString("utf8");
  } finally {
    await handle.close();
  }
}

async function drain(pump: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([pump, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}
