/** Combining and narrowing histories: the shards of a baseline into one, and one shard's part of it. */
import type { History } from "./history-file.ts";

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

/** The part of `history` about the tasks in `ids` (a shard job's own tasks). Pure. */
export function restrictHistory(history: History, ids: ReadonlySet<string>): History {
  const pick = <T>(record: Record<string, T>): Record<string, T> => Object.fromEntries(Object.entries(record).filter(([id]) => ids.has(id)));
  return { regression: pick(history.regression), successRate: pick(history.successRate) };
}
