/**
 * The verifier phase natively (docs/verifier.md): a fresh process group with a minimal environment,
 * grader files in a temp folder created only now ($BENCH_TESTS), the reward in another
 * ($BENCH_VERIFIER_LOGS). `separate` runs over a copy of the run folder. Native runs have no
 * isolation: the agent ran as the same user and could have read the benchmark's files on disk.
 */
import { cp, mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describeError } from "../errors.ts";
import { maskText } from "../secrets/mask.ts";
import { clearVerifierOutput, stageGraderFiles, verifierVariables } from "../verify/stage-files.ts";
import { VERIFIER_LOG_FILE, VERIFIER_OUTPUT_DIR } from "../verify/verifier-task.ts";
import { buildChildEnv } from "../process/child-env.ts";
import { runProcess } from "../process/run-process.ts";
import { LogSink } from "./log-sink.ts";
import { escapedNote } from "../process/escaped.ts";
import type { RunTask, VerifierOutcome, VerifierTask } from "./runner.ts";

/** Host variables a native verifier inherits (no HOME, USER or TMPDIR: a verifier gets its own). */
export const VERIFIER_ENV_ALLOWLIST: readonly string[] = ["PATH", "LANG", "LC_ALL", "TZ"];

/** The absolute entries of a PATH (empty and relative ones name the current folder or one under it). */
export function absolutePath(path: string | undefined): string {
  return (path ?? "").split(":").filter((entry) => entry.startsWith("/")).join(":") || "/usr/local/bin:/usr/bin:/bin";
}

export interface NativeVerifierOptions {
  shell: string;
  killGraceMs: number;
  /** Where the per-run temp folder goes (default the OS temp folder). */
  tmpDir?: string;
}

export async function runNativeVerifier(task: RunTask, verifier: VerifierTask, options: NativeVerifierOptions, signal?: AbortSignal): Promise<VerifierOutcome> {
  const startedAt = new Date();
  const done = (rest: Partial<VerifierOutcome>): VerifierOutcome => ({ exitCode: null, timedOut: false, startedAt, finishedAt: new Date(), mode: verifier.mode, ...rest });
  if (signal?.aborted) return done({ aborted: true });
  await clearVerifierOutput(task.runDir);
  const root = await mkdtemp(join(options.tmpDir ?? tmpdir(), "bench-verify-"));
  const sink = new LogSink(join(task.runDir, VERIFIER_LOG_FILE), { capBytes: task.logCapBytes, secrets: task.secrets });
  try {
    const paths = { tests: join(root, "tests"), logs: join(root, "logs", "verifier"), workspace: task.runDir };
    await stageGraderFiles(verifier.files, paths.tests);
    await mkdir(paths.logs, { recursive: true });
    if (verifier.mode === "separate") {
      paths.workspace = join(root, "workspace");
      await cp(task.runDir, paths.workspace, { recursive: true, verbatimSymlinks: true });
    }
    // An empty or relative PATH entry ("::", ".") would look commands up in the workspace the agent wrote.
    const host = { ...process.env, PATH: absolutePath(process.env.PATH) };
    const env = buildChildEnv(VERIFIER_ENV_ALLOWLIST, { HOME: root, TMPDIR: root, ...verifierVariables(paths, verifier.env) }, host);
    const result = await runProcess({
      command: options.shell, args: ["-c", `exec "$0" -c "$1" 2>&1`, options.shell, verifier.command], cwd: paths.workspace, env,
      timeoutMs: verifier.timeoutMs, ...(signal ? { stop: signal } : {}), killGraceMs: options.killGraceMs, onOutput: (chunk) => sink.write(chunk),
    });
    if (result.timedOut) await sink.write(`\n[bench-action: verifier timed out after ${verifier.timeoutMs / 1000} s; process group killed]\n`);
    if (result.escaped) await sink.write(`\n[bench-action: ${escapedNote(result.escaped, "the verifier")}]\n`);
    await cp(paths.logs, join(task.runDir, VERIFIER_OUTPUT_DIR), { recursive: true, verbatimSymlinks: true });
    const killed = result.timedOut || result.aborted;
    const error = result.error === undefined || killed ? undefined : maskText(result.error, task.secrets);
    return done({
      exitCode: killed ? null : result.exitCode, timedOut: result.timedOut,
      ...(result.aborted ? { aborted: true } : {}), ...(error === undefined ? {} : { error }),
    });
  } catch (error) {
    return done({ error: `verifier could not run: ${maskText(describeError(error), task.secrets)}` });
  } finally {
    await sink.close().catch(() => {});
    await rm(root, { recursive: true, force: true }).catch(() => {});
  }
}
