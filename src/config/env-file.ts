/**
 * ENV.yaml (and agbench's deprecated ENV.json): variables passed to every run, with `${VAR}` taken
 * from the host environment. Every value is a secret: messages name keys and variables, never values.
 * Values that are not strings reach the run as Python's text of them, as under agbench (python-text.ts).
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { parseYaml } from "./parse-yaml.ts";
import { ConfigError } from "../errors.ts";
import { isCyclic } from "./is-cyclic.ts";
import { pythonEnvText } from "./python-text.ts";

/** Options of loadEnvFile: the environment `${VAR}` reads (default process.env), and whether a missing file is fine. */
export interface EnvFileOptions {
  /** Where `${VAR}` values come from (default process.env). */
  hostEnv?: Record<string, string | undefined>;
  /** An unset `${VAR}` becomes "" with a warning instead of an error. */
  allowMissing?: boolean;
}

/** A resolved ENV file: the variables for runs, `secrets` (every value to mask) and warnings. */
export interface LoadedEnv {
  /** Variables passed to every run. */
  env: Record<string, string>;
  /** Values to mask: every env value and every host value referenced. */
  secrets: string[];
  /** Things worth saying that did not stop the load (e.g. an unset `${VAR}`). */
  warnings: string[];
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const REFERENCE = /\$\{(\w+)\}/g;

/** The env file used when none is given: ENV.yaml, then ENV.yml, then ENV.json in `cwd`. */
export function findDefaultEnvFile(cwd: string): string | undefined {
  return ["ENV.yaml", "ENV.yml", "ENV.json"].map((name) => join(cwd, name)).find((path) => existsSync(path));
}

/** Read and resolve an env file; every problem is reported at once in one ConfigError. */
export async function loadEnvFile(path: string, options: EnvFileOptions = {}): Promise<LoadedEnv> {
  const hostEnv = options.hostEnv ?? process.env;
  const source = `env file ${path}`;
  const text = await readFile(path, "utf8").catch((error: unknown) => {
    throw new ConfigError(source, [`${path}: cannot read: ${(error as NodeJS.ErrnoException).code ?? "error"}`], { cause: error });
  });
  const isJson = path.toLowerCase().endsWith(".json");
  const warnings = isJson ? [`${path}: ENV.json is deprecated; move the same keys to ENV.yaml`] : [];
  const data = parseEnvText(text, isJson, path, source);
  const issues: string[] = [];
  const env: Record<string, string> = {};
  const secrets = new Set<string>();
  const substitute = (key: string, value: string): string => value.replace(REFERENCE, (_match, name: string) => {
    const host = hostEnv[name];
    if (host !== undefined) {
      secrets.add(host);
      return host;
    }
    if (options.allowMissing) warnings.push(`${path}: ${key}: \${${name}} is not set; using ""`);
    else issues.push(`${path}: ${key}: \${${name}} is not set in the environment`);
    return "";
  });
  for (const [key, raw] of Object.entries(data)) {
    if (!ENV_NAME.test(key)) {
      issues.push(`${path}: ${JSON.stringify(key)} is not a valid environment variable name`);
      continue;
    }
    if (isCyclic(raw)) {
      issues.push(`${path}: ${key}: the value refers to itself (YAML alias cycle)`);
      continue;
    }
    const resolved = resolveReferences(raw, (value) => substitute(key, value));
    env[key] = pythonEnvText(resolved);
    secrets.add(env[key]);
    // A scenario may print one field of a nested value (MODEL_CONFIG's config.api_key): each string is a secret too.
    for (const leaf of stringLeaves(resolved)) secrets.add(leaf);
  }
  if (issues.length > 0) throw new ConfigError(source, issues);
  return { env, secrets: [...secrets].filter((secret) => secret !== ""), warnings };
}

function parseEnvText(text: string, isJson: boolean, path: string, source: string): Record<string, unknown> {
  // Parser messages quote the offending text, which may be a secret: positions only.
  const data = parseYaml(text, path, { source, secret: true, json: isJson, intAsBigInt: true, allowCycles: true });
  if (data === null || data === undefined) return {};
  if (typeof data !== "object" || Array.isArray(data)) {
    throw new ConfigError(source, [`${path}: must be a mapping of NAME: value`]);
  }
  return data as Record<string, unknown>;
}

/** The strings inside a nested value (its keys excluded); none for a plain string. */
function stringLeaves(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(leavesOf);
  if (typeof value === "object" && value !== null) return Object.values(value).flatMap(leavesOf);
  return [];
}

function leavesOf(value: unknown): string[] {
  return typeof value === "string" ? [value] : stringLeaves(value);
}

function resolveReferences(value: unknown, substitute: (text: string) => string): unknown {
  if (typeof value === "string") return substitute(value);
  if (Array.isArray(value)) return value.map((item) => resolveReferences(item, substitute));
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveReferences(v, substitute)]));
  }
  return value;
}
