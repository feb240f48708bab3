/**
 * Lists a template folder as the expansion will copy it: sorted, symlinks followed (their content is
 * copied, as Python's copytree does) but only when they stay inside the template and do not loop.
 */
import { readdir, realpath, stat } from "node:fs/promises";
import { join, relative, sep } from "node:path";

export interface TemplateNode {
  kind: "file" | "dir";
  /** Path relative to the template root, "/"-separated. */
  rel: string;
  /** Real path to read from (symlinks resolved). */
  abs: string;
}

export interface TemplateWalk {
  nodes: TemplateNode[];
  issues: string[];
}

/** Walk `root` (a folder). `ignore` filters names (e.g. agbench skips `*.example` in the global template). */
export async function walkTemplate(root: string, ignore?: (name: string) => boolean): Promise<TemplateWalk> {
  const result: TemplateWalk = { nodes: [], issues: [] };
  const rootReal = await realpath(root);
  await walkDir(rootReal, "", rootReal, [rootReal], result, ignore);
  return result;
}

async function walkDir(
  dir: string, relDir: string, rootReal: string, stack: string[], out: TemplateWalk,
  ignore?: (name: string) => boolean,
): Promise<void> {
  const listed = await readdir(dir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    out.issues.push(`cannot read folder in template: ${relDir || "."} (${error.code ?? "error"})`);
    return undefined;
  });
  if (listed === undefined) return;
  const entries = listed.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (ignore?.(entry.name)) continue;
    const rel = relDir === "" ? entry.name : `${relDir}/${entry.name}`;
    let abs = join(dir, entry.name);
    let isDir = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      let target: string;
      try {
        target = await realpath(abs);
      } catch {
        out.issues.push(`broken symlink in template: ${rel}`);
        continue;
      }
      if (!isInside(rootReal, target)) {
        out.issues.push(`symlink points outside the template: ${rel} -> ${target}`);
        continue;
      }
      if (stack.some((ancestor) => isInside(target, ancestor))) {
        out.issues.push(`symlink loop in template: ${rel}`);
        continue;
      }
      const info = await stat(target).catch(() => undefined);
      if (info === undefined) {
        out.issues.push(`cannot read symlink target in template: ${rel}`);
        continue;
      }
      abs = target;
      isDir = info.isDirectory();
      isFile = info.isFile();
    }
    if (!isDir && !isFile) {
      out.issues.push(`not a regular file or folder in template: ${rel}`);
      continue;
    }
    out.nodes.push({ kind: isDir ? "dir" : "file", rel, abs });
    if (isDir) await walkDir(abs, rel, rootReal, [...stack, abs], out, ignore);
  }
}

/** True when `path` is `root` or below it (both real, absolute). */
export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === "" || (!rel.startsWith(`..${sep}`) && rel !== ".." && !rel.startsWith(sep) && !/^[A-Za-z]:/.test(rel));
}
