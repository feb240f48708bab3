import type { History } from "../sdk/index.ts";

/**
 * One history from several results folders (the shard artifacts of a baseline): the union of task
 * ids; a task found in several folders takes both its success_rate list and its regression entry
 * (or the absence of one) from the folder whose success_rate list for it is longest — the folder
 * that saw the most runs of it. Ties keep the earlier folder. Pure.
 */
export function mergeHistories(histories: readonly History[]): History {
  const best = new Map<string, { from: History; length: number }>();
  for (const history of histories) {
    for (const id of new Set([...Object.keys(history.successRate), ...Object.keys(history.regression)])) {
      const length = Object.hasOwn(history.successRate, id) ? (history.successRate[id]?.length ?? 0) : -1;
      const current = best.get(id);
      if (!current || length > current.length) best.set(id, { from: history, length });
    }
  }
  const winners = [...best].map(([id, { from }]) => [id, from] as const);
  // fromEntries defines own properties, so a task id like "__proto__" stays a plain key.
  return {
    regression: Object.fromEntries(winners.filter(([id, from]) => Object.hasOwn(from.regression, id)).map(([id, from]) => [id, from.regression[id]!])),
    successRate: Object.fromEntries(winners.filter(([id, from]) => Object.hasOwn(from.successRate, id)).map(([id, from]) => [id, [...from.successRate[id]!]])),
  };
}
