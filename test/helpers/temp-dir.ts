/** Temporary folders for tests, in the OS temp folder. */
import { after } from "node:test";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A new empty folder; left for the OS to clean. */
export async function tempDir(prefix = "bench-test-"): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

/** New temp folders, removed after the test file's tests; `add` has a folder made elsewhere removed too. */
export interface TempDirs {
  (prefix?: string): Promise<string>;
  add(dir: string): string;
}

/** Call at a test file's top level. */
export function removedAfterTests(): TempDirs {
  const dirs: string[] = [];
  after(async () => {
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });
  const add = (dir: string): string => (dirs.push(dir), dir);
  return Object.assign(async (prefix?: string) => add(await tempDir(prefix)), { add });
}
