/**
 * The verifier phase in Docker (docs/verifier.md): a fresh container per verification, grader files
 * uploaded into a fresh /tests volume before the start, /logs/verifier copied out after the exit into
 * the run folder's verifier/, the container and its volumes always removed.
 */
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type Docker from "dockerode";
import { pack } from "tar-fs";
import { describeError } from "../../errors.ts";
import { timerMs } from "../../options/values.ts";
import { maskText } from "../../secrets/mask.ts";
import type { DockerSettings } from "../../types.ts";
import { clearVerifierOutput, stageGraderFiles } from "../../verify/stage-files.ts";
import { VERIFIER_LOG_FILE, VERIFIER_LOGS_PATH, VERIFIER_OUTPUT_DIR } from "../../verify/verifier-task.ts";
import { LogSink } from "../log-sink.ts";
import type { RunTask, VerifierOutcome, VerifierTask } from "../runner.ts";
import { pumpDemuxed } from "./demux.ts";
import { isEngineError } from "./engine-errors.ts";
import { safeExtract } from "./safe-extract.ts";
import { verifierContainerConfig } from "./verifier-container.ts";
import { waitExit } from "./wait-exit.ts";
import { copyOptions, uploadWorkspace } from "./workspace-copy.ts";
import type { WorkspaceMode } from "./workspace-mode.ts";

/** Most bytes copied back from /logs/verifier. */
export const VERIFIER_LOGS_LIMIT_BYTES = 64 * 1024 * 1024;
const DRAIN_MS = 5_000;

const openLogs = (header: { name: string; mode?: number }) => (header.name === "logs/verifier" ? { ...header, mode: 0o777 } : header);

export interface DockerVerifierContext {
  docker: Docker;
  settings: DockerSettings;
  workspace: WorkspaceMode;
  /** Where the verifier starts (a Harbor task's working folder); default /workspace. */
  workdir?: string;
}

/** Run `verifier` from `image` (the committed agent container for shared mode, the agent's image for separate). */
export async function runDockerVerifier(ctx: DockerVerifierContext, task: RunTask, verifier: VerifierTask, image: string, signal?: AbortSignal): Promise<VerifierOutcome> {
  const startedAt = new Date();
  const outcome = (rest: Partial<VerifierOutcome>): VerifierOutcome => ({ exitCode: null, timedOut: false, startedAt, finishedAt: new Date(), mode: verifier.mode, ...rest });
  if (signal?.aborted) return outcome({ aborted: true });
  await clearVerifierOutput(task.runDir);
  const staging = await mkdtemp(join(tmpdir(), "bench-verify-"));
  const sink = new LogSink(join(task.runDir, VERIFIER_LOG_FILE), { capBytes: task.logCapBytes, secrets: task.secrets });
  const state = { timedOut: false, aborted: false };
  let container: Docker.Container | undefined;
  let stream: NodeJS.ReadableStream | undefined;
  let timer: NodeJS.Timeout | undefined;
  const kill = () => void container?.kill().catch(() => {});
  const onAbort = () => ((state.aborted = true), kill());
  signal?.addEventListener("abort", onAbort, { once: true });
  try {
    await stageGraderFiles(verifier.files, join(staging, "tests"));
    // The fresh logs volume belongs to root: uploading this folder (mode 777) makes it writable for the image's user, root or not.
    await mkdir(join(staging, "logs", "verifier"), { recursive: true });
    const shared = verifier.mode === "shared";
    container = await ctx.docker.createContainer(verifierContainerConfig(task, verifier, image, ctx.settings, shared && ctx.workspace === "bind", ctx.workdir));
    if (!shared) await uploadWorkspace(container, task.runDir, copyOptions(ctx.settings, signal));
    await container.putArchive(pack(staging, { entries: ["tests", "logs/verifier"], map: openLogs }), { path: "/" });
    stream = await container.attach({ stream: true, stdout: true, stderr: true });
    const pump = pumpDemuxed(stream as AsyncIterable<Buffer>, (payload) => sink.write(payload));
    pump.catch(() => {});
    timer = setTimeout(() => ((state.timedOut = true), kill()), timerMs(verifier.timeoutMs));
    if (state.aborted) return outcome({ aborted: true });
    await container.start();
    const code = await waitExit(ctx.docker, container.id);
    clearTimeout(timer);
    await Promise.race([pump, new Promise((resolve) => setTimeout(resolve, DRAIN_MS))]);
    if (state.aborted) return outcome({ aborted: true });
    if (state.timedOut) await sink.write(`\n[bench-action: verifier timed out after ${verifier.timeoutMs / 1000} s; container killed]\n`);
    const archive = await container.getArchive({ path: VERIFIER_LOGS_PATH });
    try {
      await safeExtract(archive as import("node:stream").Readable, join(task.runDir, VERIFIER_OUTPUT_DIR), { prefix: "verifier", limitBytes: VERIFIER_LOGS_LIMIT_BYTES });
    } catch (error) {
      // It ran: what failed is bringing its output back (too large, or an entry that would leave the folder).
      return outcome({ error: `copying ${VERIFIER_LOGS_PATH} out failed: ${maskText(describeError(error), task.secrets)} (at most ${VERIFIER_LOGS_LIMIT_BYTES / 1024 / 1024} MiB is kept)` });
    }
    return outcome({ exitCode: state.timedOut ? null : code, timedOut: state.timedOut });
  } catch (error) {
    if (state.aborted) return outcome({ aborted: true });
    const reason = maskText(describeError(error).replaceAll("\n  caused by: ", ": "), task.secrets);
    return outcome({ error: `verifier could not run: ${reason}`, ...(isEngineError(error) ? { retryable: true } : {}) });
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener("abort", onAbort);
    if (container) await container.remove({ force: true, v: true }).catch(() => {});
    (stream as { destroy?: () => void } | undefined)?.destroy?.();
    await sink.close().catch(() => {});
    await rm(staging, { recursive: true, force: true }).catch(() => {});
  }
}
