/** JSON: the Tabulation itself (version 1), pretty-printed; `tabulate` and `compare` read it back. */
import type { Tabulation } from "../tabulate/tabulation-types.ts";

export function renderJson(tabulation: Tabulation): string {
  return `${JSON.stringify(tabulation, null, 2)}\n`;
}
