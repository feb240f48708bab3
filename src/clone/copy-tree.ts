/** Recursive copy of a folder with a skip list; returns the copied files (relative, "/"-separated, sorted). */
import { copyFile, mkdir, readdir, stat } from "node:fs/promises";
import { join } from "node:path";

export interface CopyTreeOptions {
  /** Entry names skipped at any depth (default: Results, .bench-cache, node_modules, __pycache__). */
  skip?: ReadonlySet<string>;
  /** Files that may be replaced; otherwise an existing destination file is left alone and reported. */
  overwrite?: boolean;
}

export const DEFAULT_SKIP: ReadonlySet<string> = new Set(["Results", ".bench-cache", "node_modules", "__pycache__"]);

/** Every file under `src` (relative paths), minus skipped names. */
export async function listTree(src: string, skip: ReadonlySet<string> = DEFAULT_SKIP, prefix = ""): Promise<string[]> {
  const out: string[] = [];
  const entries = await readdir(join(src, prefix), { withFileTypes: true });
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (skip.has(entry.name)) continue;
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await listTree(src, skip, rel)));
    else if (entry.isFile()) out.push(rel);
  }
  return out;
}

/** Files of `files` (relative) that already exist under `dest`. */
export async function existing(dest: string, files: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  for (const file of files) if (await stat(join(dest, file)).then(() => true, () => false)) found.push(file);
  return found;
}

/** Copy `files` (relative to `src`) into `dest`, keeping file modes (scripts stay executable). */
export async function copyFiles(src: string, dest: string, files: readonly string[]): Promise<void> {
  for (const file of files) {
    await mkdir(join(dest, file, ".."), { recursive: true });
    await copyFile(join(src, file), join(dest, file));
  }
}
