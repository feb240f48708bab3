/** Where the shipped global template lives, and the version written into run.sh / timestamp.txt. */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The repo's `templates/global/` folder, resolved from this module (works in Node and Deno). */
export const DEFAULT_GLOBAL_TEMPLATE: string = fileURLToPath(new URL("../../templates/global/", import.meta.url));

/** agbench skips these when copying its global includes. */
export function isIgnoredGlobalName(name: string): boolean {
  return name.endsWith(".example");
}

let cachedVersion: string | undefined;

/** bench-action's version from package.json ("0.0.0" when it cannot be read, e.g. in a bundle). */
export function benchVersion(): string {
  if (cachedVersion === undefined) {
    try {
      const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version?: unknown };
      cachedVersion = typeof pkg.version === "string" ? pkg.version : "0.0.0";
    } catch {
      cachedVersion = "0.0.0";
    }
  }
  return cachedVersion;
}
