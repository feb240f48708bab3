/** initProject: scaffold a benchmark project from templates/init/ without overwriting anything unless forced. */
import { ConfigError } from "../errors.ts";
import { copyFiles, existing, listTree } from "./copy-tree.ts";
import { repoPath } from "../repo-path.ts";

/** The scaffold copied by `bench init`. */
export const INIT_TEMPLATE_DIR: string = repoPath("templates/init/");

/** Options of initProject (`bench init`): overwrite existing files (`force`), and the scaffold folder. */
export interface InitOptions {
  /** Replace files that already exist (default false: any existing file is an error, nothing is written). */
  force?: boolean;
  /** Scaffold folder (default templates/init/). */
  templateDir?: string;
}

/** Write the scaffold into `dest`; returns the files written (relative paths). */
export async function initProject(dest: string, options: InitOptions = {}): Promise<string[]> {
  const src = options.templateDir ?? INIT_TEMPLATE_DIR;
  const files = await listTree(src, new Set());
  if (!options.force) {
    const clash = await existing(dest, files);
    if (clash.length > 0) {
      throw new ConfigError("init destination", [
        ...clash.map((f) => `${f} already exists`), "nothing was written; pass --force to overwrite these files",
      ]);
    }
  }
  await copyFiles(src, dest, files);
  return files;
}
