/** cloneBenchmark: copy a shipped benchmark into a folder (offline; Results/ and caches are left out). */
import { readdir } from "node:fs/promises";
import { ConfigError } from "../errors.ts";
import { copyFiles, listTree } from "./copy-tree.ts";
import { EXAMPLES_DIR, listBenchmarks } from "./shipped-benchmarks.ts";

/** Options of cloneBenchmark: where the shipped benchmarks are read from (default EXAMPLES_DIR). */
export interface CloneOptions {
  /** Folder holding the shipped benchmarks (default the package's examples/). */
  examplesDir?: string;
}

/** Copy benchmark `name` into `dest` (created; must be absent or empty). Returns the copied files. */
export async function cloneBenchmark(name: string, dest: string, options: CloneOptions = {}): Promise<string[]> {
  const benchmarks = await listBenchmarks(options.examplesDir ?? EXAMPLES_DIR);
  const found = benchmarks.find((b) => b.name === name);
  if (!found) {
    throw new ConfigError("benchmark name", [`no shipped benchmark '${name}' (available: ${benchmarks.map((b) => b.name).join(", ")})`]);
  }
  const present = await readdir(dest).catch(() => []);
  if (present.length > 0) throw new ConfigError("clone destination", [`${dest} exists and is not empty`]);
  const files = await listTree(found.path);
  await copyFiles(found.path, dest, files);
  return files;
}
