/** The task ids agbenchmark's report.json marks `is_regression`: those in each results root's regression_tests.json. */
import { readHistory } from "../history/history-file.ts";

/** Union over `roots`; a root without (or with an unreadable) regression_tests.json adds nothing. */
export async function regressionIds(roots: readonly string[]): Promise<Set<string>> {
  const ids = new Set<string>();
  for (const root of roots) {
    const history = await readHistory(root).catch(() => undefined);
    for (const id of Object.keys(history?.regression ?? {})) ids.add(id);
  }
  return ids;
}
