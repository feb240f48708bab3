/** Test helper: a throw-away folder tree built from { "rel/path": "content" }. */
import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

export const FIXTURES = new URL("../fixtures/scenarios/", import.meta.url).pathname;

export interface TempTree {
  root: string;
  path(rel: string): string;
  write(rel: string, content: string): Promise<void>;
  link(rel: string, target: string): Promise<void>;
  remove(): Promise<void>;
}

export async function tempTree(files: Record<string, string> = {}): Promise<TempTree> {
  const root = await mkdtemp(join(tmpdir(), "bench-scenario-"));
  const tree: TempTree = {
    root,
    path: (rel) => join(root, rel),
    async write(rel, content) {
      await mkdir(dirname(join(root, rel)), { recursive: true });
      await writeFile(join(root, rel), content);
    },
    async link(rel, target) {
      await mkdir(dirname(join(root, rel)), { recursive: true });
      await symlink(target, join(root, rel));
    },
    remove: () => rm(root, { recursive: true, force: true }),
  };
  for (const [rel, content] of Object.entries(files)) await tree.write(rel, content);
  return tree;
}
