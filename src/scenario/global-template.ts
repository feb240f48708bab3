/** Where the shipped global template lives, and the version written into run.sh / timestamp.txt. */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * Checked in order: this module in `src/scenario/` (Node, Deno) and a bundle in `dist/` (the
 * Action). Kept in an array so bundlers leave the relative URLs alone.
 */
const ROOT_CANDIDATES = ["../../", "../"];

function fromRoot(rel: string): string | undefined {
  for (const root of ROOT_CANDIDATES) {
    const path = fileURLToPath(new URL(root + rel, import.meta.url));
    if (existsSync(path)) return path;
  }
  return undefined;
}

/** The repo's `templates/global/` folder, resolved from this module (works in Node and Deno). */
export const DEFAULT_GLOBAL_TEMPLATE: string =
  fromRoot("templates/global/") ?? fileURLToPath(new URL("../../templates/global/", import.meta.url));

/** agbench skips these when copying its global includes. */
export function isIgnoredGlobalName(name: string): boolean {
  return name.endsWith(".example");
}

let cachedVersion: string | undefined;

/** bench-action's version from package.json ("0.0.0" when it cannot be read). */
export function benchVersion(): string {
  if (cachedVersion === undefined) {
    try {
      const path = fromRoot("package.json");
      const pkg = path === undefined ? {} : (JSON.parse(readFileSync(path, "utf8")) as { version?: unknown });
      cachedVersion = typeof pkg.version === "string" ? pkg.version : "0.0.0";
    } catch {
      cachedVersion = "0.0.0";
    }
  }
  return cachedVersion;
}
