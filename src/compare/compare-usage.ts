/** Model usage, base against head: per trial, overall and per task (`--record-usage`, docs/usage.md). */
import type { SuiteTabulation, Tabulation } from "../tabulate/tabulation-types.ts";
import type { UsageStats } from "../tabulate/usage-stats.ts";

/** Usage statistics of base and head, and head minus base in mean tokens and cost per trial (null when a side has none). */
export interface UsageDelta {
  /** The base's usage statistics, when it recorded usage. */
  base?: UsageStats;
  /** The head's usage statistics, when it recorded usage. */
  head?: UsageStats;
  /** head − base tokens per recorded trial; null unless both sides recorded usage. */
  deltaMeanTokens: number | null;
  /** head − base cost per recorded trial; null unless both sides have a known cost. */
  deltaMeanCostUsd: number | null;
}

/** Usage of base against head in a Comparison: overall and per task (docs/usage.md). */
export interface UsageComparison {
  /** Over every recorded trial of each side (tabulation.overall.usage). */
  overall: UsageDelta;
  /** Tasks with usage on either side, by suite then id. */
  tasks: ({ suite: string; id: string } & UsageDelta)[];
}

function delta(base: UsageStats | undefined, head: UsageStats | undefined): UsageDelta {
  const out: UsageDelta = {
    deltaMeanTokens: base && head ? head.meanTokens - base.meanTokens : null,
    deltaMeanCostUsd: base?.meanCostUsd != null && head?.meanCostUsd != null ? Math.round((head.meanCostUsd - base.meanCostUsd) * 1e10) / 1e10 : null,
  };
  if (base) out.base = base;
  if (head) out.head = head;
  return out;
}

function rows(suites: readonly SuiteTabulation[]): Map<string, { suite: string; id: string; usage?: UsageStats }> {
  const out = new Map<string, { suite: string; id: string; usage?: UsageStats }>();
  for (const suite of suites) for (const row of suite.rows) out.set(`${suite.name}\u0000${row.id}`, { suite: suite.name, id: row.id, ...(row.usage ? { usage: row.usage } : {}) });
  return out;
}

/** Undefined when neither side recorded usage. */
export function compareUsage(base: Tabulation, head: Tabulation): UsageComparison | undefined {
  if (!base.overall.usage && !head.overall.usage) return undefined;
  const b = rows(base.suites);
  const h = rows(head.suites);
  const tasks: UsageComparison["tasks"] = [];
  for (const key of new Set([...b.keys(), ...h.keys()])) {
    const before = b.get(key);
    const after = h.get(key);
    if (!before?.usage && !after?.usage) continue;
    const { suite, id } = (before ?? after) as { suite: string; id: string };
    tasks.push({ suite, id, ...delta(before?.usage, after?.usage) });
  }
  tasks.sort((x, y) => x.suite.localeCompare(y.suite, "en", { numeric: true }) || x.id.localeCompare(y.id, "en", { numeric: true }));
  return { overall: delta(base.overall.usage, head.overall.usage), tasks };
}
