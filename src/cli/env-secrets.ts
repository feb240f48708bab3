/** `-e/--env FILE` for commands that only read: the ENV file's values, to mask (default ./ENV.yaml, ENV.yml or ENV.json when present). */
import { resolve } from "node:path";
import { findDefaultEnvFile, loadEnvFile } from "../../sdk/run.ts";
import type { CliIO } from "./io.ts";

export async function envSecrets(io: CliIO, env: string | undefined): Promise<string[]> {
  const file = env === undefined ? findDefaultEnvFile(io.cwd) : resolve(io.cwd, env);
  if (file === undefined) return [];
  return (await loadEnvFile(file, { hostEnv: io.env, allowMissing: true })).secrets;
}
