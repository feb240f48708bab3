/** `--token-command CMD`: a shell command whose trimmed stdout becomes an env var, refreshed before each run. docs/architecture.md#runners. */
import type { ChildEnv } from "../process/child-env.ts";
import { runProcess } from "../process/run-process.ts";

export interface TokenCommand {
  command: string;
  /** Env var the token is injected as (default BENCH_TOKEN). */
  envVar?: string;
}

export const DEFAULT_TOKEN_ENV = "BENCH_TOKEN";
/** Host variables a token command inherits (az and gcloud find their login under HOME); bench run adds the ENV file's values. */
export const TOKEN_ENV_ALLOWLIST: readonly string[] = ["PATH", "HOME"];
export const TOKEN_TIMEOUT_MS = 60_000;
/** More stdout than this is not a token. */
const TOKEN_MAX_BYTES = 1024 * 1024;

/**
 * Run `sh -c command` (cwd `cwd`, env `env`) and return its trimmed stdout. Throws an Error whose
 * message never holds the command's output (it may be a partial token): only the exit status.
 */
export async function fetchToken(token: TokenCommand, cwd: string, env: ChildEnv, timeoutMs = TOKEN_TIMEOUT_MS): Promise<string> {
  const r = await runProcess({ command: "sh", args: ["-c", token.command], cwd, env, timeoutMs, killGraceMs: 0, maxOutputBytes: TOKEN_MAX_BYTES });
  if (r.error !== undefined) throw new Error(`token command could not start: ${r.error}`);
  if (r.timedOut) throw new Error(`token command timed out after ${timeoutMs / 1000} s`);
  if (r.overflowed) throw new Error(`token command printed more than ${TOKEN_MAX_BYTES} bytes`);
  if (r.exitCode !== 0) throw new Error(`token command failed (${r.exitCode === null ? `signal ${r.signal}` : `exit code ${r.exitCode}`})`);
  const value = r.stdout.trim();
  if (value === "") throw new Error("token command printed nothing");
  return value;
}
