/** Paths a scenario names inside the run folder (template `dst`, substitution files) must stay inside it. */

export type SafePath = { ok: true; path: string } | { ok: false; message: string };

/**
 * Normalise a relative, "/"-separated path ("./a//b/" → "a/b"; "" or "." → "" = the run folder)
 * or explain why it would leave the run folder.
 */
export function safeRelativePath(path: string): SafePath {
  if (path.startsWith("/") || path.startsWith("\\") || /^[A-Za-z]:/.test(path)) {
    return { ok: false, message: `must be a relative path inside the run folder, not absolute: ${path}` };
  }
  const parts = path.split(/[\\/]/).filter((part) => part !== "" && part !== ".");
  if (parts.includes("..")) {
    return { ok: false, message: `must not contain "..", it would leave the run folder: ${path}` };
  }
  if (path.includes("\0")) return { ok: false, message: "must not contain a NUL character" };
  return { ok: true, path: parts.join("/") };
}

/** Join "/"-separated relative paths; "" is the run folder. */
export function joinRel(...parts: string[]): string {
  return parts.filter((part) => part !== "").join("/");
}

/** RFC 6901 pointer segment. */
export function pointerSegment(key: string | number): string {
  return String(key).replaceAll("~", "~0").replaceAll("/", "~1");
}
