/**
 * The parts of tar-fs 2.1 / tar-stream 2.2 (untyped CommonJS) that bench uses, for tsc. Deno ignores
 * this file and infers types from the packages' JS, so src/ imports no types from here.
 */
declare module "tar-fs" {
  import type { Readable, Writable } from "node:stream";
  export interface Headers {
    name: string;
    /** "file", "directory", "symlink", "link", "fifo", "character-device", … */
    type?: string | null;
    size?: number;
    mode?: number;
    linkname?: string | null;
    mtime?: Date;
    uid?: number;
    gid?: number;
  }
  export interface PackOptions {
    /** Absolute host path of each candidate; true leaves it out. */
    ignore?: (name: string) => boolean;
    map?: (header: Headers) => Headers | undefined;
    /** false skips unsupported file types instead of failing. */
    strict?: boolean;
    entries?: string[];
  }
  export interface ExtractOptions {
    /** Absolute target path (already joined under cwd) and the mapped header; true skips the entry. */
    ignore?: (name: string, header?: Headers) => boolean;
    map?: (header: Headers) => Headers | undefined;
    mapStream?: (stream: Readable, header: Headers) => Readable;
    chown?: boolean;
    strict?: boolean;
    /** Mode bits always added to folders / files (the owner keeps access to what it extracted). */
    dmode?: number;
    fmode?: number;
  }
  export function pack(cwd: string, options?: PackOptions): Readable;
  export function extract(cwd: string, options?: ExtractOptions): Writable;
}

declare module "tar-stream" {
  import type { Readable, Writable } from "node:stream";
  import type { Headers } from "tar-fs";
  export interface Pack extends Readable {
    entry(header: Headers, content?: string | Buffer, callback?: (error?: Error | null) => void): Writable;
    finalize(): void;
  }
  export function pack(): Pack;
}
