/**
 * AgentBench's main-branch config loader (its `ConfigLoader` in src/configs.py), rule for rule:
 * - `import: file` or `import: [files]` in any mapping loads those files (relative to the folder of
 *   the file being read), merges them in order with deepMerge, then merges the mapping's own keys
 *   over them; a file imported a second time comes from a cache, before its `default`/`overwrite`
 *   are applied (as in AgentBench);
 * - then, in every mapping, `default:` is merged under each sibling value and `overwrite:` over it.
 * Circular imports and missing files are ConfigErrors naming the importing file.
 * Only `import:` reads files: other strings ending in .yaml stay strings.
 */
import { realpath } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { ConfigError } from "../../errors.ts";
import { readYaml } from "../parse-yaml.ts";
import { deepMerge, isMapping } from "./deep-merge.ts";

const fail = (message: string): never => {
  throw new ConfigError("agentbench config", [message]);
};

/** AgentBench's main-branch ConfigLoader: `new ConfigLoader(cwd).loadFrom(file)` is what `python -m src.configs file` prints. */
export class ConfigLoader {
  readonly #cwd: string;
  readonly #loading: string[] = [];
  readonly #loaded = new Map<string, unknown>();

  /** `cwd`: the folder file names in messages are shown relative to. */
  constructor(cwd: string) {
    this.#cwd = cwd;
  }

  #label(file: string): string {
    return relative(this.#cwd, file) || file;
  }

  /** Load a config file with its imports, defaults and overwrites applied (`importer`: the file importing it, for messages). */
  async loadFrom(path: string, importer?: string): Promise<unknown> {
    const where = importer === undefined ? this.#label(path) : `${this.#label(importer)}: import`;
    const file = await realpath(path).catch(() => fail(`${where}: file not found: ${this.#label(path)}`));
    if (this.#loading.includes(file)) {
      const chain = [...this.#loading.slice(this.#loading.indexOf(file)), file].map((f) => this.#label(f)).join(" -> ");
      fail(`${where}: circular import ${chain}`);
    }
    if (this.#loaded.has(file)) return structuredClone(this.#loaded.get(file));
    if (!/\.(ya?ml|json)$/i.test(file)) fail(`${where}: unknown file type: ${this.#label(file)} (expected .yaml, .yml or .json)`);
    const raw = await readYaml(file, this.#label(file), { source: "agentbench config" });
    this.#loading.push(file);
    try {
      const config = await this.#parseImports(file, raw);
      this.#loaded.set(file, config);
      return applyDefaultAndOverwrite(structuredClone(config));
    } finally {
      this.#loading.pop();
    }
  }

  async #parseImports(file: string, raw: unknown): Promise<unknown> {
    if (Array.isArray(raw)) return Promise.all(raw.map((item) => this.#parseImports(file, item)));
    if (!isMapping(raw)) return raw;
    let merged: unknown = {};
    const { import: imports, ...own } = raw;
    if (imports !== undefined) {
      const list = typeof imports === "string" ? [imports] : Array.isArray(imports) ? imports : fail(`${this.#label(file)}: import: must be a file name or a list of them`);
      for (const name of list) {
        if (typeof name !== "string") fail(`${this.#label(file)}: import: list items must be file names, got ${JSON.stringify(name)}`);
        merged = deepMerge(merged, await this.loadFrom(join(dirname(file), name as string), file));
      }
    }
    const parsed: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(own)) parsed[key] = await this.#parseImports(file, value);
    return deepMerge(merged, parsed);
  }
}

/** AgentBench's parse_default_and_overwrite: `default` under and `overwrite` over every sibling value. */
export function applyDefaultAndOverwrite(config: unknown): unknown {
  if (Array.isArray(config)) return config.map(applyDefaultAndOverwrite);
  if (!isMapping(config)) return config;
  const { overwrite, default: defaults, ...rest } = config;
  const over = "overwrite" in config ? applyDefaultAndOverwrite(overwrite) : undefined;
  const under = "default" in config ? applyDefaultAndOverwrite(defaults) : undefined;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(rest)) {
    let parsed = applyDefaultAndOverwrite(value);
    if ("overwrite" in config) parsed = deepMerge(parsed, over);
    if ("default" in config) parsed = deepMerge(under, parsed);
    out[key] = parsed;
  }
  return out;
}
