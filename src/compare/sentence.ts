/** The verdict in one sentence a non-statistician understands (docs/verdict.md, "Plain words"). */
import type { Verdict } from "./verdict.ts";

export interface SentenceInput {
  verdict: Verdict;
  pairedTasks: number;
  delta: number;
  mde: number;
  detectable: boolean;
  /** p ≤ α (for a suite: the Holm-adjusted p). */
  significant: boolean;
}

const pp = (n: number): string => `${Math.abs(n).toFixed(1)} pp`;
/** "1 task", "3 tasks". */
/** "1 new failure", "2 new failures": a count with its noun, plural when not 1. */
export const countText = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? "" : "s"}`;
export const tasksText = (n: number): string => countText(n, "task");
/** "+3.0", "−2.5": signed percentage points with a true minus, one decimal. */
export const signedPoints = (n: number): string => `${n >= 0 ? "+" : "−"}${Math.abs(n).toFixed(1)}`;
const signedPp = (n: number): string => `${signedPoints(n)} pp`;

export function verdictSentence(s: SentenceInput, threshold: number): string {
  if (s.pairedTasks === 0) return "Nothing to compare: no task ran on both sides.";
  const direction = s.delta < 0 ? "less" : "more";
  switch (s.verdict) {
    case "regressed":
    case "improved":
      return `${s.verdict === "regressed" ? "Regressed" : "Improved"}: tasks pass ${pp(s.delta)} ${direction} often than on the base, more than chance explains.`;
    case "unchanged":
      return !s.significant
        ? `No evidence of change (${signedPp(s.delta)} is within chance); this benchmark can detect changes of about ${Math.round(s.mde)} pp or more.`
        : `A small real change (${signedPp(s.delta)}), below the ${threshold} pp that counts as a change.`;
    case "inconclusive":
      return s.detectable
        ? `No evidence of change (${signedPp(s.delta)} is within chance); this benchmark can detect changes of about ${Math.round(s.mde)} pp or more.`
        : `Too few runs to tell: with ${tasksText(s.pairedTasks)} no change could be shown; add tasks or trials.`;
  }
}

/** The sentence after a label that already names the verdict: "Regressed: tasks pass …" → "tasks pass …" ("Tasks pass …" with `capital`). */
export function afterVerdictLabel(sentence: string, capital = false): string {
  const rest = sentence.replace(/^(Regressed|Improved): /, "");
  const first = capital ? rest.charAt(0).toUpperCase() : rest.charAt(0).toLowerCase();
  return first + rest.slice(1);
}
