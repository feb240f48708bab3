/**
 * The comparison options (the verdict's threshold and significance level), stated once: read by the
 * same rule in `bench compare`, `bench report`, `bench view`, `bench run --until-decided`, the Action's
 * `threshold` / `alpha` inputs and the SDK's `compare()` / `runUntilDecided()`. See docs/options.md.
 */
import { DEFAULT_ALPHA, DEFAULT_THRESHOLD } from "../compare/verdict.ts";
import { OptionValueError, points, significance, type ValueKind } from "./values.ts";

/** Mean repetitions per task (the budget is this × tasks runs) when `--until-decided` is given without `-r`. */
export const DEFAULT_UNTIL_DECIDED_BUDGET = 5;

/** The comparison options a surface reads (both optional: compare() applies the defaults). */
export interface ComparisonSettings {
  /** Smallest |Δ| in percentage points that counts as a change. */
  threshold?: number;
  /** False-alarm rate of the verdict. */
  alpha?: number;
}

/** One comparison option: its flag (= Action input and SDK field), kind, default and help. */
export interface CompareOptionSpec {
  /** Long flag without `--`; also the Action input's and the SDK field's name. */
  flag: keyof ComparisonSettings;
  /** Metavariable in `--help`. */
  arg: string;
  /** How the value is read and checked. */
  kind: ValueKind<number>;
  /** The default compare() applies. */
  default: number;
  /** One line of help, without the default. */
  help: string;
}

/** The comparison option table. */
export const COMPARE_OPTIONS: readonly CompareOptionSpec[] = [
  { flag: "threshold", arg: "PP", kind: points, default: DEFAULT_THRESHOLD, help: "smallest change in percentage points that counts" },
  { flag: "alpha", arg: "A", kind: significance, default: DEFAULT_ALPHA, help: "false-alarm rate of the verdict, in (0, 0.5]" },
];

/**
 * The given comparison options read from text (`read` returns a flag's or input's text, undefined when
 * not given); each issue is worded by `problem(flag, expected, text)`. Only the flags in `only` are read.
 */
export function readComparisonSettings(
  read: (flag: string) => string | undefined,
  problem: (flag: string, expected: string, text: string) => string,
  only: readonly (keyof ComparisonSettings)[] = ["threshold", "alpha"],
): { settings: ComparisonSettings; issues: string[] } {
  const settings: ComparisonSettings = {};
  const issues: string[] = [];
  for (const spec of COMPARE_OPTIONS.filter((s) => only.includes(s.flag))) {
    const text = read(spec.flag);
    if (text === undefined) continue;
    try {
      settings[spec.flag] = spec.kind.parse(text);
    } catch (error) {
      if (!(error instanceof OptionValueError)) throw error;
      issues.push(problem(spec.flag, error.expected, text));
    }
  }
  return { settings, issues };
}

/** An SDK caller's threshold / alpha checked by the same rules: one issue per bad field (`threshold: must be …`). */
export function comparisonSettingsIssues(settings: ComparisonSettings): string[] {
  return COMPARE_OPTIONS.flatMap((spec) => {
    const given = settings[spec.flag];
    return given === undefined || spec.kind.accepts(given) ? [] : [`${spec.flag}: must be ${spec.kind.expected}, got ${JSON.stringify(given) ?? String(given)}`];
  });
}

/** `--help` line text for a comparison option: its help and its default. */
export function compareHelp(flag: keyof ComparisonSettings): string {
  const spec = COMPARE_OPTIONS.find((s) => s.flag === flag);
  return spec ? `${spec.help} (default ${spec.default})` : "";
}
