import type { Tabulation } from "../tabulate/tabulation-types.ts";

/** A Tabulation as pretty-printed JSON (version 1), which `bench tabulate` and `bench compare` read back. */
export function renderJson(tabulation: Tabulation): string {
  return `${JSON.stringify(tabulation, null, 2)}\n`;
}
