/**
 * AgentBench v0.1 YAML instances `{ module, parameters }`: `from: <file>` inherits a file and
 * deep-merges the other keys over it; a string stands for the file it names.
 * Paths resolve against the referencing file's folder, then the working folder (AgentBench: the
 * working folder only). Circular `from:` chains and unknown keys are ConfigErrors naming the file and key.
 */
import { stat } from "node:fs/promises";
import { dirname, relative, resolve } from "node:path";
import { readYaml } from "../parse-yaml.ts";
import { ConfigError } from "../../errors.ts";
import { deepMerge, isMapping } from "./deep-merge.ts";

/** An AgentBench instance (agent or task): its module, parameters and optional Docker image and workers. */
export interface Instance {
  /** The instance's module, as AgentBench names it. */
  module: string;
  /** The instance's parameters, merged over its `from:` chain. */
  parameters: Record<string, unknown>;
  /** Docker image a task runs in. */
  docker_image?: string;
  /** Runs at once for this instance. */
  workers?: number;
}

export const INSTANCE_KEYS: readonly string[] = ["module", "parameters", "docker_image", "workers", "from"];

/** Where loadInstance is reading: the file, the key path in it, and the files being loaded (for messages and cycles). */
export interface LoadContext {
  /** File the value appears in (absolute). */
  file: string;
  /** Key path inside that file, for messages ("assignments[1].task"). */
  path: string;
  /** Files being loaded, outermost first (cycle detection). */
  stack: readonly string[];
  /** The working folder; `from:` paths are also tried against it. */
  cwd: string;
  /** Keys allowed at the root of the value (and of the files it inherits); unchecked when absent. */
  allowedKeys?: readonly string[];
}

const exists = (path: string) => stat(path).then((s) => s.isFile(), () => false);
export const label = (ctx: LoadContext, file: string) => relative(ctx.cwd, file) || file;

async function locate(ref: string, ctx: LoadContext): Promise<string | undefined> {
  for (const candidate of [resolve(dirname(ctx.file), ref), resolve(ctx.cwd, ref)]) if (await exists(candidate)) return candidate;
  return undefined;
}

function fail(ctx: LoadContext, key: string, message: string): never {
  const where = [ctx.path, key].filter(Boolean).join(".");
  throw new ConfigError("agentbench config", [`${label(ctx, ctx.file)}: ${where}: ${message}`]);
}

/** Parse a YAML file, after checking it is not already being loaded. */
export async function readYamlFile(file: string, ctx: LoadContext, key: string): Promise<unknown> {
  if (ctx.stack.includes(file)) {
    const chain = [...ctx.stack.slice(ctx.stack.indexOf(file)), file].map((f) => label(ctx, f)).join(" -> ");
    fail(ctx, key, `circular reference ${chain}`);
  }
  return readYaml(file, label(ctx, file), { source: "agentbench config" });
}

/**
 * An instance as written: a file name stands for that file; `from: file` loads the file and
 * deep-merges the other keys over it (AgentBench v0.1's load_instance_factory). bench also follows a
 * `from:` inside the inherited file. Values nested deeper are left as they are, strings ending in
 * .yaml included.
 */
export async function resolveInstance(value: unknown, ctx: LoadContext): Promise<unknown> {
  if (typeof value === "string") {
    const file = await locate(value, ctx);
    if (!file) fail(ctx, "", `file not found: ${value}`);
    const raw = await readYamlFile(file, ctx, "");
    return resolveInstance(raw, { ...ctx, file, path: "", stack: [...ctx.stack, file] });
  }
  if (!isMapping(value)) return value;
  if (ctx.allowedKeys) {
    const unknown = Object.keys(value).find((k) => !ctx.allowedKeys!.includes(k));
    if (unknown !== undefined) fail(ctx, unknown, `unknown key "${unknown}" (expected ${ctx.allowedKeys.join(", ")})`);
  }
  if (!("from" in value)) return value;
  const { from, ...own } = value;
  if (typeof from !== "string") fail(ctx, "from", "must be a file path");
  const file = await locate(from as string, ctx);
  if (!file) fail(ctx, "from", `file not found: ${from as string}`);
  const raw = await readYamlFile(file, ctx, "from");
  return deepMerge(await resolveInstance(raw, { ...ctx, file, path: "", stack: [...ctx.stack, file] }), own);
}

/** A resolved value checked as an Instance: known keys only, `module` a string. */
export function checkInstance(resolved: unknown, ctx: LoadContext): Instance {
  if (!isMapping(resolved)) fail(ctx, "", "must be a mapping or a .yaml file path");
  const unknown = Object.keys(resolved).filter((k) => !INSTANCE_KEYS.includes(k));
  if (unknown.length) fail(ctx, unknown[0]!, `unknown key "${unknown[0]}" (expected ${INSTANCE_KEYS.join(", ")})`);
  if (typeof resolved.module !== "string") fail(ctx, "module", "must be a string");
  const parameters = resolved.parameters ?? {};
  if (!isMapping(parameters)) fail(ctx, "parameters", "must be a mapping");
  const instance: Instance = { module: resolved.module, parameters };
  if (typeof resolved.docker_image === "string") instance.docker_image = resolved.docker_image;
  if (typeof resolved.workers === "number") instance.workers = resolved.workers;
  return instance;
}

/** Resolve and check one instance. */
export async function loadInstance(value: unknown, ctx: LoadContext): Promise<Instance> {
  return checkInstance(await resolveInstance(value, { ...ctx, allowedKeys: INSTANCE_KEYS }), ctx);
}
