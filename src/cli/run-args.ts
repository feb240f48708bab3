/** `bench run` argv → RunOptions, through the run option table (src/options/run-options.ts). */
import { parseArgs } from "node:util";
import type { RunOptions } from "../../sdk/run.ts";
import { readComparisonSettings } from "../options/compare-options.ts";
import { cliFlags, flagProblem, optionsFromFlags } from "../options/option-surfaces.ts";
import { flagErrorMessage } from "./flag-error.ts";

export class UsageError extends Error {
  override name = "UsageError";
}

/** Every flag `bench run` accepts: the table's, the output flags and --until-decided's (not run options), and --help. */
export const RUN_FLAGS = {
  ...cliFlags(),
  quiet: { type: "boolean", short: "q" },
  verbose: { type: "boolean", short: "v" },
  "until-decided": { type: "boolean" },
  base: { type: "string" },
  threshold: { type: "string" },
  alpha: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

export interface ParsedRunArgs {
  inputs: string[];
  options: RunOptions;
  help: boolean;
  /** What the terminal shows while running: `--quiet` only the end, `--verbose` every run. */
  verbosity: "quiet" | "normal" | "verbose";
  /** `--assignment FILE`: an AgentBench assignment instead of inputs. */
  assignment?: string;
  /** `--until-decided --base B`: run repetitions until the verdict against B is settled (docs/verdict.md). */
  untilDecided?: { base: string; threshold?: number; alpha?: number };
}

function untilDecided(values: Record<string, unknown>, issues: string[]): ParsedRunArgs["untilDecided"] {
  const text = (flag: string): string | undefined => (typeof values[flag] === "string" ? values[flag] : undefined);
  if (values["until-decided"] !== true) {
    for (const flag of ["base", "threshold", "alpha"]) if (text(flag) !== undefined) issues.push(`--${flag}: only with --until-decided`);
    return undefined;
  }
  const base = text("base");
  if (base === undefined) return void issues.push("--until-decided: needs --base RESULTS (a Results folder or tabulation JSON to decide against)"), undefined;
  const { settings, issues: bad } = readComparisonSettings(text, flagProblem);
  issues.push(...bad);
  return { base, ...settings };
}

/** Every bad value is a UsageError naming its flag (all of them, one per line). */
export function parseRunArgs(argv: string[]): ParsedRunArgs {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: RUN_FLAGS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(flagErrorMessage(error, Object.keys(RUN_FLAGS)));
  }
  const values = parsed.values as Record<string, unknown>;
  const { options, issues } = optionsFromFlags(values);
  if (values["quiet"] === true && values["verbose"] === true) issues.push("--quiet and --verbose: pick one");
  const decided = untilDecided(values, issues);
  if (issues.length > 0) throw new UsageError(issues.join("\n"));
  const verbosity = values["quiet"] === true ? "quiet" : values["verbose"] === true ? "verbose" : "normal";
  options.runtime ??= "docker";
  const assignment = typeof values["assignment"] === "string" ? values["assignment"] : undefined;
  return {
    inputs: parsed.positionals, options, help: values["help"] === true, verbosity,
    ...(assignment !== undefined ? { assignment } : {}), ...(decided ? { untilDecided: decided } : {}),
  };
}
