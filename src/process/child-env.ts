/**
 * The environment of every process bench starts (src/process/run-process.ts): a small allowlist of
 * host variables plus explicit values, never the host environment whole (docs/architecture.md).
 */

/**
 * An environment built here; runProcess accepts nothing else, so a caller cannot hand it process.env.
 * The brand exists in the type only.
 */
export type ChildEnv = Readonly<Record<string, string>> & { readonly __brand: "ChildEnv" };

/** Host variables a native run inherits; nothing else from the host reaches the scenario. */
export const DEFAULT_ENV_ALLOWLIST: readonly string[] = [
  "PATH", "HOME", "LANG", "LC_ALL", "TZ", "TMPDIR", "USER", "SHELL", "TERM",
];

/** Used when neither the host nor ENV.yaml gives a PATH. */
const FALLBACK_PATH = "/usr/local/bin:/usr/bin:/bin";

/** Allowlisted host variables, then `taskEnv` (which wins), with a PATH always set. */
export function buildChildEnv(
  allowlist: readonly string[],
  taskEnv: Readonly<Record<string, string>>,
  host: NodeJS.ProcessEnv = process.env,
): ChildEnv {
  const env: Record<string, string> = {};
  for (const name of allowlist) {
    const value = host[name];
    if (value !== undefined) env[name] = value;
  }
  Object.assign(env, taskEnv);
  env.PATH ??= FALLBACK_PATH;
  return env as ChildEnv;
}

/** What a run needs to use an installed venv: its bin first on PATH, and run.sh skips its own pip install. */
export function withVenv(env: ChildEnv, venvDir: string): ChildEnv {
  return {
    ...env,
    PATH: `${venvDir}/bin:${env.PATH ?? FALLBACK_PATH}`,
    VIRTUAL_ENV: venvDir,
    BENCH_REQUIREMENTS_INSTALLED: "1",
  } as ChildEnv;
}
