/**
 * Reads an agbenchmark challenges tree: every `data.json` (name, category, task, dependencies, cutoff,
 * ground, info) and the `suite.json` of the folder above it, if any. Every problem is reported at once.
 * Like agbenchmark's loader, challenges under `deprecated/` and `library/` are ignored (see
 * docs/agbenchmark.md#which-challenges-load).
 */
import { readdir, readFile } from "node:fs/promises";
import { dirname, join, relative, sep } from "node:path";
import { jsonErrorWhere } from "../../config/parse-yaml.ts";
import { ConfigError } from "../../errors.ts";

export interface AgbGround {
  answer?: string;
  should_contain?: string[];
  should_not_contain?: string[];
  files?: string[];
  case_sensitive?: boolean;
  eval?: { type: string; [key: string]: unknown };
}

export interface AgbSuite {
  prefix: string;
  same_task?: boolean;
  reverse_order?: boolean;
  dependencies?: string[];
  cutoff?: number;
  task?: string;
  shared_category?: string[];
  /** Folder holding suite.json (shared artifacts for same_task suites). */
  dir: string;
}

export interface AgbChallenge {
  name: string;
  category: string[];
  task: string;
  dependencies: string[];
  cutoff?: number;
  ground: AgbGround;
  difficulty?: string;
  description?: string;
  /** Folder holding data.json. */
  dir: string;
  /** data.json relative to the challenges root. */
  dataPath: string;
  suite?: AgbSuite;
}

const SKIPPED_DIRS = new Set(["artifacts_in", "artifacts_out", "custom_python", "__pycache__", "node_modules"]);

/** Top-level folders agbenchmark's loader ignores (it tests the path for "challenges/<folder>"). */
export const IGNORED_TREES: readonly string[] = ["deprecated", "library"];

/**
 * True for a data.json agbenchmark does not load: its path contains "challenges/deprecated" or
 * "challenges/library" (agbenchmark's own test), or it lies under `deprecated/` or `library/` of the
 * imported root (the same folders when the root is a copy not named "challenges").
 */
export function ignoredByAgbenchmark(file: string, root: string): boolean {
  const absolute = file.split(sep).join("/");
  const top = relative(root, file).split(sep)[0];
  return IGNORED_TREES.some((tree) => absolute.includes(`challenges/${tree}/`) || top === tree);
}

async function findDataFiles(dir: string, out: string[]): Promise<void> {
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    if (entry.isDirectory() && !SKIPPED_DIRS.has(entry.name) && !entry.name.startsWith(".")) await findDataFiles(join(dir, entry.name), out);
    else if (entry.isFile() && entry.name === "data.json") out.push(join(dir, entry.name));
  }
}

async function readJson(path: string, issues: string[]): Promise<Record<string, unknown> | undefined> {
  let text = "";
  try {
    text = await readFile(path, "utf8");
    const data = JSON.parse(text) as unknown;
    if (data && typeof data === "object" && !Array.isArray(data)) return data as Record<string, unknown>;
    issues.push(`${path}: not a JSON object`);
  } catch (error) {
    issues.push(`${path}${jsonErrorWhere(error, text)}: ${(error as Error).message}`);
  }
  return undefined;
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : []);

async function suiteFor(dataDir: string, root: string, cache: Map<string, AgbSuite | undefined>, issues: string[]): Promise<AgbSuite | undefined> {
  for (let dir = dirname(dataDir); relative(root, dir) !== "" && !relative(root, dir).startsWith(".."); dir = dirname(dir)) {
    if (!cache.has(dir)) {
      const raw = await readFile(join(dir, "suite.json"), "utf8").then(() => readJson(join(dir, "suite.json"), issues), () => undefined);
      cache.set(dir, raw && typeof raw.prefix === "string" ? { ...(raw as Omit<AgbSuite, "dir">), dir } : undefined);
      if (raw && typeof raw.prefix !== "string") issues.push(`${join(dir, "suite.json")}: "prefix" must be a string`);
    }
    const suite = cache.get(dir);
    if (suite) return suite;
  }
  return undefined;
}

export interface ChallengeTree {
  challenges: AgbChallenge[];
  /** data.json files skipped as agbenchmark skips them (deprecated/, library/), relative to the root. */
  ignored: string[];
}

/** Every challenge under `root`, sorted by path. Throws one ConfigError listing all problems. */
export async function readChallenges(root: string): Promise<ChallengeTree> {
  const found: string[] = [];
  await findDataFiles(root, found);
  const files = found.filter((file) => !ignoredByAgbenchmark(file, root));
  const ignored = found.filter((file) => ignoredByAgbenchmark(file, root)).map((file) => relative(root, file));
  const issues: string[] = [];
  if (files.length === 0) issues.push(`${root}: no data.json found${ignored.length ? ` outside ${IGNORED_TREES.join("/ and ")}/` : ""}`);
  const suites = new Map<string, AgbSuite | undefined>();
  const challenges: AgbChallenge[] = [];
  for (const file of files) {
    const data = await readJson(file, issues);
    if (!data) continue;
    const suite = await suiteFor(dirname(file), root, suites, issues);
    const own = typeof data.task === "string" && data.task !== "" ? data.task : undefined;
    const task = suite?.same_task && typeof suite.task === "string" ? suite.task : own;
    const problems = [
      typeof data.name !== "string" || data.name === "" ? `"name" must be a non-empty string` : "",
      task === undefined ? `"task" must be a non-empty string` : "",
      !data.ground || typeof data.ground !== "object" ? `"ground" must be an object` : "",
    ].filter(Boolean);
    if (suite && typeof data.name === "string" && !data.name.startsWith(suite.prefix)) problems.push(`"name" must start with the suite prefix "${suite.prefix}"`);
    if (problems.length) {
      issues.push(...problems.map((p) => `${file}: ${p}`));
      continue;
    }
    const info = (data.info ?? {}) as Record<string, unknown>;
    const challenge: AgbChallenge = {
      name: data.name as string,
      // agbenchmark 2023 ran a same_task suite as one test of shared_category (its --category
      // matched a member's own categories or shared_category) with the suite's cutoff.
      category: suite?.same_task
        ? [...new Set([...strings(data.category), ...strings(suite.shared_category)])]
        : strings(data.category).length ? strings(data.category) : strings(suite?.shared_category),
      task: task!,
      dependencies: [...new Set([...strings(data.dependencies), ...(suite?.same_task ? strings(suite.dependencies) : [])])],
      ground: data.ground as AgbGround,
      dir: dirname(file),
      dataPath: relative(root, file),
    };
    const ownCutoff = typeof data.cutoff === "number" ? data.cutoff : undefined;
    const cutoff = suite?.same_task && typeof suite.cutoff === "number" ? suite.cutoff : (ownCutoff ?? suite?.cutoff);
    if (cutoff !== undefined) challenge.cutoff = cutoff;
    if (typeof info.difficulty === "string") challenge.difficulty = info.difficulty;
    if (typeof info.description === "string") challenge.description = info.description;
    if (suite) challenge.suite = suite;
    challenges.push(challenge);
  }
  if (issues.length) throw new ConfigError("agbenchmark challenges", issues);
  return { challenges, ignored };
}
