/**
 * Reading a file the agent may have written, on the host: an agent in a container can leave a
 * symlink in its run folder (`score.json -> /proc/self/environ`) that resolves on the host to the
 * harness's own files. Such a file is read only when it resolves inside the run folder and is a
 * regular file; otherwise it counts as missing.
 */
import { open, realpath } from "node:fs/promises";
import { join, sep } from "node:path";

/** The text of `runDir/name` when it resolves (symlinks followed) inside `runDir` to a regular file; else undefined. */
export async function readRunFile(runDir: string, name: string): Promise<string | undefined> {
  const [root, real] = await Promise.all([realpath(runDir), realpath(join(runDir, name))]).catch(() => [undefined, undefined]);
  if (root === undefined || real === undefined || !real.startsWith(root.endsWith(sep) ? root : root + sep)) return undefined;
  const handle = await open(real, "r").catch(() => undefined);
  if (!handle) return undefined;
  try {
    return (await handle.stat()).isFile() ? await handle.readFile("utf8") : undefined;
  } finally {
    await handle.close();
  }
}
