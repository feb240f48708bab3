/**
 * Per results root, agbenchmark-compatible history: `regression_tests.json` (tests that passed at
 * least 3 times in a row and have not failed since) and `success_rate.json` (last 10 outcomes per test).
 * Tests are keyed by their task id, as agbenchmark keys them by test name.
 */
import { existsSync } from "node:fs";
import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { ConfigError } from "../errors.ts";
import { writeJsonAtomic } from "../results/write-json-atomic.ts";

/** agbenchmark's regression test list, in a results root. */
export const REGRESSION_FILE = "regression_tests.json";
/** agbenchmark's per-test success history, in a results root. */
export const SUCCESS_RATE_FILE = "success_rate.json";
/** Consecutive passes that make a test a regression test. */
export const REGRESSION_STREAK = 3;
/** Outcomes kept per test in success_rate.json. */
export const SUCCESS_RATE_WINDOW = 10;

/** A regression_tests.json entry: the test's scenario, difficulty, category, passing streak and success percentage. */
export interface RegressionEntry {
  /** The test's scenario (suite) name. */
  scenario: string;
  /** agbenchmark's difficulty of the test. */
  difficulty?: string;
  /** agbenchmark's categories of the test. */
  category?: string[];
  /** Consecutive passes at the last update. */
  streak: number;
  /** Success percentage over the kept outcomes. */
  "success_%": number;
}

/** A results root's history: regression_tests.json and success_rate.json. */
export interface History {
  /** regression_tests.json: test name → entry. */
  regression: Record<string, RegressionEntry>;
  /** success_rate.json: test name → its last outcomes, oldest first. */
  successRate: Record<string, boolean[]>;
}

/** Either history file under `resultsRoot`? */
export function hasHistory(resultsRoot: string): boolean {
  return [REGRESSION_FILE, SUCCESS_RATE_FILE].some((file) => existsSync(join(resultsRoot, file)));
}

/** At most this many bad entries are listed per file. */
const MAX_ISSUES = 10;

/**
 * One history file as an object of entries, each checked by `entry` (which returns the entry as
 * kept, or undefined when it is bad); {} when the file does not exist. Anything else is a
 * ConfigError naming the file and every bad field.
 */
async function readEntries<T>(path: string, entry: (value: unknown) => T | undefined, want: string): Promise<Record<string, T>> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return {};
    throw new ConfigError(path, [`cannot be read: ${(error as Error).message}`], { cause: error });
  }
  let data: unknown;
  try {
    data = JSON.parse(text) as unknown;
  } catch (error) {
    throw new ConfigError(path, [`not valid JSON: ${(error as Error).message}`], { cause: error });
  }
  if (data === null || typeof data !== "object" || Array.isArray(data)) throw new ConfigError(path, ["not a JSON object"]);
  const entries: [string, T][] = [];
  const issues: string[] = [];
  for (const [key, value] of Object.entries(data)) {
    const kept = entry(value);
    if (kept === undefined) issues.push(`"${key}" is not ${want}`);
    else entries.push([key, kept]);
  }
  if (issues.length > MAX_ISSUES) issues.splice(MAX_ISSUES, issues.length, `… and ${issues.length - MAX_ISSUES} more`);
  if (issues.length > 0) throw new ConfigError(path, issues);
  // fromEntries defines own properties, so a task id like "__proto__" stays a plain key.
  return Object.fromEntries(entries);
}

/** agbenchmark writes `null` for an outcome it did not record: accepted and left out. */
const outcomes = (value: unknown): boolean[] | undefined =>
  Array.isArray(value) && value.every((v) => typeof v === "boolean" || v === null) ? value.filter((v): v is boolean => v !== null) : undefined;

const regressionEntry = (value: unknown): RegressionEntry | undefined =>
  value !== null && typeof value === "object" && !Array.isArray(value) ? (value as RegressionEntry) : undefined;

/**
 * The history of a results root: the one reader, for runs (`--maintain`, the update after a run), the
 * Action's seeding and reports alike. A missing file is an empty history; a file that is not a JSON
 * object, or an entry of the wrong shape, is a ConfigError naming the file and the task ids.
 */
export async function readHistory(resultsRoot: string): Promise<History> {
  return {
    regression: await readEntries(join(resultsRoot, REGRESSION_FILE), regressionEntry, "an object"),
    successRate: await readEntries(join(resultsRoot, SUCCESS_RATE_FILE), outcomes, "a list of true, false or null"),
  };
}

/** Write both history files of a results root atomically. */
export async function writeHistory(resultsRoot: string, history: History): Promise<void> {
  await mkdir(resultsRoot, { recursive: true });
  await writeJsonAtomic(join(resultsRoot, SUCCESS_RATE_FILE), history.successRate);
  await writeJsonAtomic(join(resultsRoot, REGRESSION_FILE), history.regression);
}
