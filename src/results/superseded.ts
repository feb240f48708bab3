/**
 * Run folders that are redone are moved aside, never deleted: `<results>/.superseded/<runId>/<scenario>/<id>/<rep>/`
 * with a note `<rep>.superseded.json` beside it (why, when, from where). The note is written first and
 * the folder moved with one rename, so a crash leaves either the folder in place (the note is then an
 * orphan, ignored by the listing) or the folder moved with its note: never half a folder.
 * docs/results.md describes the layout; only `--redo` and `bench clean --superseded` delete.
 */
import { lstat, mkdir, readdir, readFile, rename, rm } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { writeJsonAtomic } from "./write-json-atomic.ts";

/** The folder in a Results root where redone and missing runs are kept. */
export const SUPERSEDED_DIR = ".superseded";
const NOTE_SUFFIX = ".superseded.json";

/** The note kept with a run folder moved aside: where it was, when, by which run, and why. */
export interface SupersededNote {
  /** The run folder, relative to the results root. */
  from: string;
  /** When it was moved (ISO 8601). */
  movedAt: string;
  /** The run id of the invocation that moved it. */
  runId: string;
  /** Why it was moved. */
  reason: string;
}

/** A run folder kept under .superseded: its path, its note and its size in bytes. */
export interface SupersededEntry {
  /** Absolute path of the kept folder. */
  path: string;
  /** Its note; undefined when the process died between the rename and nothing else (never expected). */
  note?: SupersededNote;
  /** Its size on disk. */
  bytes: number;
}

async function exists(path: string): Promise<boolean> {
  return lstat(path).then(() => true, () => false);
}

/**
 * Move `runDir` (inside `resultsDir`) aside, or delete it when `redo` is set. No-op when absent.
 * Returns undefined when there was nothing, else where it went (no path when deleted).
 */
export async function setAside(resultsDir: string, runDir: string, options: { runId: string; reason: string; redo?: boolean; afterNote?: () => void }): Promise<{ path?: string } | undefined> {
  if (!(await exists(runDir))) return undefined;
  if (options.redo) {
    await rm(runDir, { recursive: true, force: true });
    return {};
  }
  const from = relative(resultsDir, runDir);
  if (from.startsWith("..") || from === "") throw new Error(`${runDir} is not inside ${resultsDir}`);
  const base = join(resultsDir, SUPERSEDED_DIR, options.runId, from);
  let target = base;
  for (let n = 2; await exists(target) || await exists(`${target}${NOTE_SUFFIX}`); n++) target = `${base}~${n}`;
  await mkdir(join(target, ".."), { recursive: true });
  const note: SupersededNote = { from: from.split(sep).join("/"), movedAt: new Date().toISOString(), runId: options.runId, reason: options.reason };
  await writeJsonAtomic(`${target}${NOTE_SUFFIX}`, note);
  options.afterNote?.();
  await rename(runDir, target);
  return { path: target };
}

async function folderBytes(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += await folderBytes(path);
    else total += (await lstat(path).catch(() => undefined))?.size ?? 0;
  }
  return total;
}

/** Every kept folder under `<resultsDir>/.superseded`, found by walking (the notes only annotate). */
export async function listSuperseded(resultsDir: string): Promise<SupersededEntry[]> {
  const root = join(resultsDir, SUPERSEDED_DIR);
  const entries: SupersededEntry[] = [];
  // <runId>/<scenario>/<id>/<rep>: four levels.
  const walk = async (dir: string, depth: number): Promise<void> => {
    for (const child of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
      if (!child.isDirectory()) continue;
      const path = join(dir, child.name);
      if (depth < 3) {
        await walk(path, depth + 1);
        continue;
      }
      const note = await readFile(`${path}${NOTE_SUFFIX}`, "utf8").then((t) => JSON.parse(t) as SupersededNote, () => undefined);
      entries.push({ path, bytes: await folderBytes(path), ...(note ? { note } : {}) });
    }
  };
  await walk(root, 0);
  return entries.sort((a, b) => (a.path < b.path ? -1 : 1));
}

/** Delete `<resultsDir>/.superseded` whole; returns what was there. */
export async function removeSuperseded(resultsDir: string): Promise<SupersededEntry[]> {
  const entries = await listSuperseded(resultsDir);
  await rm(join(resultsDir, SUPERSEDED_DIR), { recursive: true, force: true });
  return entries;
}
