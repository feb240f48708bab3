/** The benchmarks shipped in `examples/`: folders holding `Tasks/` and a README.md. */
import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { repoPath } from "../repo-path.ts";

/** Where the shipped benchmarks live (the package's `examples/` folder). */
export const EXAMPLES_DIR: string = repoPath("examples/");

/** A shipped benchmark in examples/: its name, title (from its README.md) and folder. */
export interface ShippedBenchmark {
  /** Folder name under examples/, as `bench clone` takes it. */
  name: string;
  /** First line of its README.md, without the leading `#`. */
  title: string;
  /** Absolute path of the benchmark's folder. */
  path: string;
}

async function isDir(path: string): Promise<boolean> {
  return stat(path).then((s) => s.isDirectory(), () => false);
}

/** Every shipped benchmark, sorted by name. */
export async function listBenchmarks(examplesDir: string = EXAMPLES_DIR): Promise<ShippedBenchmark[]> {
  const out: ShippedBenchmark[] = [];
  for (const entry of (await readdir(examplesDir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(examplesDir, entry.name);
    if (!entry.isDirectory() || !(await isDir(join(path, "Tasks")))) continue;
    const readme = await readFile(join(path, "README.md"), "utf8").catch(() => undefined);
    if (readme === undefined) continue;
    const title = (readme.split("\n")[0] ?? "").replace(/^#+\s*/, "").trim();
    out.push({ name: entry.name, title, path });
  }
  return out;
}
