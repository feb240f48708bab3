/** agbenchmark's run modes: which tasks a run picks from the history. */
import { ConfigError } from "../errors.ts";
import type { History } from "./history-file.ts";

/** agbenchmark's run modes: which tests a run selects, given the history. */
export type RunMode = "maintain" | "improve" | "explore";

/** Every run mode, in agbenchmark's order. */
export const RUN_MODES: readonly RunMode[] = ["maintain", "improve", "explore"];

/** The single mode the flags ask for; more than one is a ConfigError naming them. */
export function runModeFromFlags(flags: Partial<Record<RunMode, boolean>>): RunMode | undefined {
  const chosen = RUN_MODES.filter((mode) => flags[mode] === true);
  if (chosen.length > 1) {
    throw new ConfigError("options", [
      `--maintain, --improve and --explore are mutually exclusive (got ${chosen.map((m) => `--${m}`).join(", ")})`,
    ]);
  }
  return chosen[0];
}

/** Why a task is left out in this mode, or undefined when it runs. */
export function modeExclusion(mode: RunMode, id: string, history: History): string | undefined {
  const isRegression = Object.hasOwn(history.regression, id);
  if (mode === "maintain" && !isRegression) return "not a regression test (--maintain)";
  if (mode === "improve" && isRegression) return "regression test (--improve)";
  if (mode === "explore" && (history.successRate[id] ?? []).some(Boolean)) return "passed before (--explore)";
  return undefined;
}
