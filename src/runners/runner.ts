/** The contract every runtime (native, Docker) implements. docs/architecture.md#runners; the verifier phase: docs/verifier.md. */
import type { TaskEnvironment, VerifyMode } from "../types.ts";
import type { VerifierTask } from "../verify/verifier-task.ts";
export type { VerifierTask };

/** Everything a runner needs to execute one expanded run folder. */
export interface RunTask {
  /** Unique per bench invocation; used for container labels. */
  runId: string;
  /** The scenario (suite) name. */
  scenario: string;
  /** The task's id. */
  taskId: string;
  /** The repetition, from 0. */
  rep: number;
  /** Absolute path of the expanded run folder (contains run.sh). */
  runDir: string;
  /** Environment for the run: ENV.yaml values only (runners add their own small allowlist). */
  env: Record<string, string>;
  /** Hard limit covering init, install, scenario and finalize; the runner kills from outside. */
  timeoutMs: number;
  /** Docker image for this run (ignored by the native runner). */
  image?: string;
  /** Bytes of console output kept in console_log.txt before the truncation marker. */
  logCapBytes: number;
  /** Values to mask in console_log.txt. */
  secrets: readonly string[];
  /** True when the run folder has a non-empty requirements.txt. */
  hasRequirements: boolean;
  /** Docker: extra `/etc/hosts` entries ("name:ip"), e.g. the usage proxy's host. */
  extraHosts?: string[];
  /** Run after the agent phase (exited or timed out), unless the agent phase broke or was aborted. */
  verifier?: VerifierTask;
  /** A Harbor task's environment (Docker only; docs/harbor.md): image to build, limits, working folder. */
  environment?: TaskEnvironment;
}

/** How one phase (the agent's run.sh, or the verifier) ended: the fields both outcomes share. */
export interface PhaseOutcome {
  /** Exit code of the phase's command; null when killed or never started. */
  exitCode: number | null;
  /** The phase was killed at its timeout. */
  timedOut: boolean;
  /** Set when the runtime broke (spawn failed, image missing, engine gone, copy failed): status becomes `error`. */
  error?: string;
  /** With `error`: the infrastructure broke, not the run (engine gone); a resume redoes the run. */
  retryable?: boolean;
  /** True when stopped by the AbortSignal: nothing terminal may be written for this run. */
  aborted?: boolean;
  /** When the phase started. */
  startedAt: Date;
  /** When it ended. */
  finishedAt: Date;
}

/** How the verifier phase ended. Its logs folder is copied to `<runDir>/verifier/`, its output to verifier_log.txt. */
export interface VerifierOutcome extends PhaseOutcome {
  /** The mode it ran in. */
  mode: VerifyMode;
}

/** What happened, as data: a failing or crashing scenario is not an exception. */
export interface RunnerOutcome extends PhaseOutcome {
  /** Image actually used (tag or id), null for native. */
  image: string | null;
  /** Bytes written to console_log.txt. */
  logBytes: number;
  /** The log reached its cap and output was dropped. */
  logTruncated: boolean;
  /** The success sentinel appeared in the output, also where a capped log dropped it (LogSink). */
  sentinelSeen?: boolean;
  /** Present when the task had a verifier and the agent phase neither broke nor was aborted. */
  verifier?: VerifierOutcome;
}

/** What runs one task (and its verifier) somewhere: natively, in Docker, or a fake in tests. */
export interface Runner {
  /** The runner's name, recorded in result.json ("native", "docker"). */
  readonly name: string;
  /** Docker: how run folders reach /workspace, as resolved ("auto" already decided); recorded in run.json. */
  readonly workspace?: "bind" | "copy";
  /** Once before any run (build images, check the engine). May throw RunnerError. */
  prepare?(tasks: readonly RunTask[], signal?: AbortSignal): Promise<void>;
  /** Runs one task (and its verifier); a failing run is an outcome, not an exception. */
  run(task: RunTask, signal?: AbortSignal): Promise<RunnerOutcome>;
  /** Where runs reach a server on this machine (the usage proxy); default 127.0.0.1. May throw RunnerError. */
  proxyEndpoint?(): Promise<import("../usage/usage-session.ts").ProxyEndpoint>;
  /** After all runs, also after an abort: release everything (containers, temp files). */
  close?(): Promise<void>;
}
