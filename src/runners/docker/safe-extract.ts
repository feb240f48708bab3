/**
 * Extracts an untrusted tar (a container's /workspace) into the run folder. The guard does not rely
 * on tar-fs's own checks, which differ between patch releases (2.1.5 joins `..` names under the root;
 * 2.1.6 fails the whole extraction on them): every entry passes our `ignore` hook first, which tar-fs
 * calls before any check or write of its own. It skips names with a `..` segment, a NUL or an
 * absolute form, symlinks whose target climbs out (or has `..` after a name), hard links, devices,
 * entries below a symlink or a file, the protected names, and stops at `limitBytes` of file data.
 * test/runners/safe-extract.test.ts runs the hostile archive set against every tar-fs
 * version the dependency range admits.
 */
import { lstatSync, unlinkSync, type Stats } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { Transform, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { extract } from "tar-fs";

/** A tar entry's header as tar-fs passes it (typed here: Deno reads tar-fs's own JS, not tar-fs.d.ts). */
export interface TarHeader {
  name: string;
  type?: string | null;
  size?: number;
  linkname?: string | null;
}

/** tar-fs's `extract` (a parameter so that tests can run the guard over each admitted tar-fs version). */
export type TarExtract = typeof extract;

export interface ExtractOptions {
  /** Archive names start with this folder (`workspace` for /workspace); entries outside it are skipped. */
  prefix: string;
  /** Most bytes of file data written; past it the extraction stops with an ExtractLimitError. */
  limitBytes: number;
  /** Paths relative to the root that are never written (console_log.txt, result.json). */
  protectedNames?: readonly string[];
  /** The tar-fs `extract` to use; the installed tar-fs by default. */
  tarExtract?: TarExtract;
}

export interface ExtractStats {
  bytes: number;
  entries: number;
  /** Names (inside the archive) of the entries left out, the first MAX_SKIPPED_NAMES of them. */
  skipped: string[];
}

/** The archive holds more file data than the limit. */
export class ExtractLimitError extends Error {
  override readonly name = "ExtractLimitError";
}

/** Header bytes (and pax bodies) allowed beyond `limitBytes` before the raw archive counts as too big. */
export const ARCHIVE_OVERHEAD_BYTES = 64 * 1024 * 1024;
const MAX_SKIPPED_NAMES = 100;

export async function safeExtract(source: Readable, root: string, options: ExtractOptions): Promise<ExtractStats> {
  const base = resolve(root);
  const stats: ExtractStats = { bytes: 0, entries: 0, skipped: [] };
  /** Entries outside the prefix, with their archive name. */
  const foreign = new WeakMap<TarHeader, string>();
  const tooBig = () => new ExtractLimitError(`more than ${options.limitBytes} bytes of files`);
  let raw = 0;
  let stopped = false;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      raw += chunk.length;
      done(raw > options.limitBytes + ARCHIVE_OVERHEAD_BYTES ? tooBig() : null, chunk);
    },
  });
  const strip = (header: TarHeader): TarHeader => {
    const name = header.name.replace(/\/+$/, "");
    if (name === options.prefix) return { ...header, name: "." };
    if (name.startsWith(`${options.prefix}/`)) return { ...header, name: name.slice(options.prefix.length + 1) };
    const outside = { ...header, name: "." };
    foreign.set(outside, header.name);
    return outside;
  };
  const ignore = (target: string, header?: TarHeader): boolean => {
    if (!header || stopped) return true;
    if (foreign.has(header) || unsafe(base, target, header, options.protectedNames ?? [])) {
      if (stats.skipped.length < MAX_SKIPPED_NAMES) stats.skipped.push(foreign.get(header) ?? header.name);
      return true;
    }
    stats.entries++;
    const size = header.type === "file" ? (header.size ?? 0) : 0;
    if (!Number.isSafeInteger(size) || size < 0 || stats.bytes + size > options.limitBytes) {
      stopped = true;
      meter.destroy(tooBig());
      return true;
    }
    stats.bytes += size;
    // A fresh file: never write into a read-only or hard-linked inode left from before.
    if (header.type === "file" && lstatOrUndefined(target)?.isFile()) unlinkSync(target);
    return false;
  };
  try {
    const tarExtract = options.tarExtract ?? extract;
    await pipeline(source, meter, tarExtract(base, { map: strip, ignore, chown: false, strict: false, dmode: 0o700, fmode: 0o600 }));
  } catch (error) {
    throw stopped ? tooBig() : error;
  }
  // The archive may have passed the meter already: the limit still holds.
  if (stopped) throw tooBig();
  return stats;
}

/** Why an entry must not be written; `target` is already joined under `base` by tar-fs. */
function unsafe(base: string, target: string, header: TarHeader, protectedNames: readonly string[]): boolean {
  if (!plainName(header.name, false)) return true;
  if (header.type === "symlink" && !plainName(header.linkname ?? "", true)) return true;
  const rel = relative(base, target);
  if (leaves(rel)) return true;
  if (rel === "") return header.type !== "directory";
  if (protectedNames.includes(rel)) return true;
  if (header.type !== "file" && header.type !== "directory" && header.type !== "symlink") return true;
  if (!realDirectories(base, dirname(target))) return true;
  const existing = lstatOrUndefined(target);
  if (header.type === "directory") return existing !== undefined && !existing.isDirectory();
  if (existing?.isDirectory()) return true;
  if (header.type === "symlink") return !linkStaysInside(base, target, header.linkname ?? "");
  return false;
}

/** True when every existing folder from base down to `dir` is a real directory (no symlink, no file). */
function realDirectories(base: string, dir: string): boolean {
  let current = base;
  for (const part of relative(base, dir).split(sep).filter(Boolean)) {
    current = join(current, part);
    const stat = lstatOrUndefined(current);
    if (stat === undefined) return true;
    if (!stat.isDirectory()) return false;
  }
  return true;
}

/** A relative link target inside base, reached without passing any symlink (tar-fs's own rule). */
function linkStaysInside(base: string, link: string, linkname: string): boolean {
  if (linkname === "" || isAbsolute(linkname)) return false;
  const destination = resolve(dirname(link), linkname);
  if (leaves(relative(base, destination))) return false;
  for (let current = destination; current !== base; current = dirname(current)) {
    if (lstatOrUndefined(current)?.isSymbolicLink()) return false;
  }
  return true;
}

/**
 * A name with no NUL, not absolute, and no `..` segment; with `leadingDotDot`, `..` may only open
 * it (`../../a`), since the OS resolves a later `..` against the real parent, which may be a symlink.
 */
function plainName(name: string, leadingDotDot: boolean): boolean {
  if (name.includes("\0") || name.startsWith("/") || name.startsWith("\\")) return false;
  let seen = false;
  for (const part of name.split(/[/\\]/)) {
    if (part === "..") {
      if (seen || !leadingDotDot) return false;
    } else if (part !== "" && part !== ".") {
      seen = true;
    }
  }
  return true;
}

/** A relative path that climbs out of its base. */
function leaves(rel: string): boolean {
  return rel === ".." || rel.startsWith(`..${sep}`) || isAbsolute(rel);
}

function lstatOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}
