/** agbench defaults: ENV.yaml and config.yaml from the working folder when not given. DESIGN §7. */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { ConfigError } from "../errors.ts";
import type { RunEvent, RunOptions } from "../types.ts";
import type { EnvFileResult, RunDeps } from "./run-deps.ts";

export interface RunSetup {
  envFile?: string;
  env: EnvFileResult;
  configFile?: string;
}

export async function resolveSetup(options: RunOptions, cwd: string, deps: RunDeps, emit: (event: RunEvent) => void): Promise<RunSetup> {
  let envFile = options.envFile === undefined ? undefined : resolve(cwd, options.envFile);
  if (envFile === undefined) {
    envFile = deps.findDefaultEnvFile(cwd);
    if (envFile !== undefined) emit({ type: "notice", message: `Using environment file ${envFile} (give -e/--env to choose another)` });
  }
  const env = envFile === undefined
    ? { env: {}, secrets: [], warnings: [] }
    : await deps.loadEnvFile(envFile, { hostEnv: options.hostEnv ?? process.env, allowMissing: options.allowMissingEnv ?? false });
  for (const message of env.warnings) emit({ type: "warning", message });

  let configFile: string | undefined;
  if (options.configFile !== undefined) {
    configFile = resolve(cwd, options.configFile);
    if (!existsSync(configFile)) throw new ConfigError("options", [`configFile: ${configFile} does not exist`]);
  } else if (existsSync(resolve(cwd, "config.yaml"))) {
    configFile = resolve(cwd, "config.yaml");
    emit({ type: "notice", message: `Using config file ${configFile} (give -c/--config to choose another)` });
  } else {
    emit({ type: "warning", message: `No config.yaml in ${cwd}; runs get no config.yaml (give -c/--config to add one)` });
  }
  return { envFile, env, configFile };
}
