/** Files the package ships (templates/, examples/, package.json), found from the sources or the dist/ bundle. */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * This module (src/repo-path.ts) and the Action bundle (dist/index.js) both sit one folder below the
 * package root. Non-literal URLs on purpose: a bundler turns `new URL("literal", import.meta.url)`
 * into an asset module whose id depends on the build machine's paths, and the bundle runs from the
 * Action's checkout, which has these files anyway.
 */
const ROOTS = ["../", "../../"];

/** Absolute path of `rel` (relative to the package root). */
export function repoPath(rel: string): string {
  for (const root of ROOTS) {
    const path = fileURLToPath(new URL(root + rel, import.meta.url));
    if (existsSync(path)) return path;
  }
  return fileURLToPath(new URL(ROOTS[0] + rel, import.meta.url));
}

let cachedVersion: string | undefined;

/** bench-action's version from package.json ("0.0.0" when it cannot be read). */
export function benchVersion(): string {
  if (cachedVersion === undefined) {
    try {
      const pkg = JSON.parse(readFileSync(repoPath("package.json"), "utf8")) as { version?: unknown };
      cachedVersion = typeof pkg.version === "string" ? pkg.version : "0.0.0";
    } catch {
      cachedVersion = "0.0.0";
    }
  }
  return cachedVersion;
}
