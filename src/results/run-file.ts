/**
 * Reading a file the agent may have written, on the host: an agent in a container can leave a
 * symlink in its run folder (`score.json -> /proc/self/environ`, `console_log.txt -> a host file
 * holding the sentinel`) that resolves on the host to the harness's own files, or a FIFO that blocks
 * whoever opens it. Such a file is read only when it resolves inside the run folder to a regular
 * file; otherwise it counts as missing.
 */
import { readFile, realpath, stat } from "node:fs/promises";
import { join, sep } from "node:path";

/** The real path of `runDir/name` when it resolves (symlinks followed) inside `runDir` to a regular file; else undefined. */
export async function runFilePath(runDir: string, name: string): Promise<string | undefined> {
  const [root, real] = await Promise.all([realpath(runDir), realpath(join(runDir, name))]).catch(() => [undefined, undefined]);
  if (root === undefined || real === undefined || !real.startsWith(root.endsWith(sep) ? root : root + sep)) return undefined;
  // stat before any open: opening a FIFO blocks until someone writes to it.
  return (await stat(real).catch(() => undefined))?.isFile() ? real : undefined;
}

/** The text of `runDir/name` when it resolves inside `runDir` to a regular file; else undefined. */
export async function readRunFile(runDir: string, name: string): Promise<string | undefined> {
  const real = await runFilePath(runDir, name);
  return real === undefined ? undefined : readFile(real, "utf8").catch(() => undefined);
}
