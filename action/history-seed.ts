/** The Action's history seeding: which baseline to seed from (docs/action.md, "History across jobs"); the seeding is the SDK's. */
import { ConfigError, describeError, hasHistory, seedHistory as seedFrom } from "../sdk/index.ts";
import { baselineBranch, latestOnBranch, type BaselineDeps, type BaselineSource } from "./baseline.ts";
import type { ActionContext } from "./context.ts";
import type { ActionInputs } from "./inputs.ts";

export interface SeedDeps extends BaselineDeps {
  warn(message: string): void;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;

/** A ConfigError's file and first issue on one line. */
const oneLine = (error: unknown): string =>
  error instanceof ConfigError ? (error.message.split("\n").slice(0, 2).map((s) => s.trim()).join(" ")) : describeError(error).split("\n")[0] ?? "";

/**
 * Seed `resultsDir` from the baseline found for the comparison; on a push to the baseline branch
 * (state `self`) from that branch's latest successful run instead. Returns the summary's line.
 * An unreadable history is a warning and a fresh start, never a failure.
 */
export async function seedHistory(
  inputs: ActionInputs, ctx: ActionContext, resultsDir: string, baseline: BaselineSource, deps: SeedDeps,
  /** A shard job's own task ids: only these are seeded (the shards' histories stay disjoint). */
  only?: ReadonlySet<string>,
): Promise<string> {
  if (inputs.history === "none") return "not seeded (history: none)";
  if (hasHistory(resultsDir)) return `kept the history already in \`${inputs.resultsDir}\``;
  let source = baseline;
  let from = "the baseline";
  if (baseline.info.state === "self") {
    const branch = baselineBranch(inputs, ctx);
    source = await latestOnBranch(inputs, ctx, deps, branch);
    if (source.info.state !== "found") return `fresh (${source.info.note})`;
    from = `\`${branch}\` @ \`${(source.info.sha ?? "").slice(0, 7)}\``;
  } else if (source.info.state !== "found") {
    return "fresh (no baseline to seed from)";
  }
  let seeded;
  try {
    seeded = await seedFrom(resultsDir, source.paths, only === undefined ? {} : { only });
  } catch (error) {
    deps.warn(`The history of ${from} is unreadable, starting with a fresh history: ${oneLine(error)}`);
    return `fresh (the history of ${from} is unreadable)`;
  }
  switch (seeded.state) {
    case "kept": return `kept the history already in \`${inputs.resultsDir}\``;
    case "no-folders": return "fresh (the baseline is a tabulation file, not a results folder)";
    case "no-history": return `fresh (${from} has no history files)`;
    case "seeded": {
      const scope = only === undefined ? "" : " of this shard";
      return `${plural(seeded.tests, "test")}${scope} from ${from} (${plural(seeded.regressionTests, "regression test")})`;
    }
  }
}
