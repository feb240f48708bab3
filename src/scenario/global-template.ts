/** Where the shipped global template lives, and the version written into run.sh / timestamp.txt. */
import { benchVersion, repoPath } from "../repo-path.ts";

export { benchVersion };

/** The package's `templates/global/` folder (works in Node, Deno and the Action bundle). */
export const DEFAULT_GLOBAL_TEMPLATE: string = repoPath("templates/global/");

/** agbench skips these when copying its global includes. */
export function isIgnoredGlobalName(name: string): boolean {
  return name.endsWith(".example");
}
