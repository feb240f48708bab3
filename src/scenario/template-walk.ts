/**
 * Lists a template folder as the expansion will copy it: sorted, symlinks followed (their content is
 * copied, as Python's copytree does) but only when they stay inside the template and do not loop.
 */
import { lstat, readdir, realpath, stat } from "node:fs/promises";
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
  const names = (await readdir(dir)).sort();
  for (const name of names) {
    if (ignore?.(name)) continue;
    const rel = relDir === "" ? name : `${relDir}/${name}`;
    let abs = join(dir, name);
    const info = await lstat(abs);
    if (info.isSymbolicLink()) {
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
      abs = target;
    }
    const target = await stat(abs);
    if (!target.isDirectory() && !target.isFile()) {
      out.issues.push(`not a regular file or folder in template: ${rel}`);
      continue;
    }
    const kind = target.isDirectory() ? "dir" : "file";
    out.nodes.push({ kind, rel, abs });
    if (kind === "dir") await walkDir(abs, rel, rootReal, [...stack, abs], out, ignore);
  }
}

/** True when `path` is `root` or below it (both real, absolute). */
export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === "" || (!rel.startsWith(`..${sep}`) && rel !== ".." && !rel.startsWith(sep) && !/^[A-Za-z]:/.test(rel));
}
