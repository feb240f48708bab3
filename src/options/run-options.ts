/**
 * The one table of `bench run` / `runScenarios` / Action run options: each option's flag, Action input,
 * kind of value, default and help, stated once. The CLI's flags and `--help`, the Action's inputs
 * (action.yml is checked against it), and the SDK's option check are all made from it
 * (src/options/option-surfaces.ts). See docs/options.md.
 */
import { resolve } from "node:path";
import type { DockerSettings, RunOptions } from "../types.ts";
import { DEFAULT_UNTIL_DECIDED_BUDGET } from "./compare-options.ts";
import type { UsageOptions } from "../usage/usage-types.ts";
import {
  count, envName, fractionOrCount, httpUrl, mount, oneOf, positiveNumber, regex, seconds, shard, size, text, usd, type ValueKind,
} from "./values.ts";

/** The results root when none is given (relative to the working directory). */
export const DEFAULT_RESULTS_DIR = "Results";

/** The absolute results root of a set of run options: `resultsDir` (default Results) under `cwd` (default the process's). */
export function resultsDirOf(options: Pick<RunOptions, "cwd" | "resultsDir">): string {
  return resolve(options.cwd ?? process.cwd(), options.resultsDir ?? DEFAULT_RESULTS_DIR);
}

/** A container's process limit when none is given (docs/docker.md, "Hardened defaults"). */
export const DEFAULT_PIDS_LIMIT = 1024;
/** A container's memory cap when none is given, swap included. */
export const DEFAULT_MEMORY = "4g";
/** agbench's seed for subsampling (run_cmd.py: `random.Random(425)`). */
export const AGBENCH_SUBSAMPLE_SEED = 425;

/** agbench's default per-run timeout, in seconds. */
export const DEFAULT_TIMEOUT_S = 7200;

/** `-a/--azure`: an Azure AD token for Azure OpenAI from the az CLI, as agbench's DefaultAzureCredential provides. */
export const AZURE_TOKEN_COMMAND = "az account get-access-token --resource https://cognitiveservices.azure.com --query accessToken -o tsv";

/** The section of `bench run --help` an option is listed in. */
export type OptionGroup = "run" | "docker" | "agbenchmark" | "usage";

/** What every row of the run option table has: the flag, its help and group, the Action input (or why there is none), the SDK field. */
export interface OptionCommon {
  /** Long flag, without `--`. */
  flag: string;
  /** Short flag, without `-`. */
  short?: string;
  /** Section of `bench run --help` it is listed in. */
  group: OptionGroup;
  /** One line (or a few) of help, without the default. */
  help: string;
  /** The default as users read it, in `--help` and action.yml's descriptions ("1", "all", "Results"). */
  shown?: string;
  /** The Action input name, or why the Action has none. */
  action: string | { none: string };
  /** What the Action adds to the help in action.yml (paths are relative to working-directory, …). */
  actionNote?: string;
  /** Where the value lands in RunOptions, for SDK messages ("timeout", "docker.cpus"). */
  sdk?: string;
}

/** An option that takes a value. */
export interface ValueOption<T = unknown> extends OptionCommon {
  /** How the value is read and checked. */
  kind: ValueKind<T>;
  /** Metavariable in `--help` (N, FILE, SECONDS). */
  arg: string;
  /** Repeatable on the command line; a newline- or comma-separated list in the Action. */
  multiple?: boolean;
  /** The Action input's default when it differs from "" (= unset). */
  actionDefault?: string;
  /** Writes the read value into RunOptions. */
  set(options: RunOptions, value: T): void;
  /** The value an SDK caller gave, to check against `kind`. */
  get?(options: RunOptions): unknown;
}

/** An on/off switch (a boolean flag; "true"/"false" in the Action). */
export interface SwitchOption extends OptionCommon {
  /** Marks a switch. */
  kind: "switch";
  /** Writes the switch into RunOptions. */
  set(options: RunOptions): void;
  /** Reads the switch back from RunOptions. */
  get?(options: RunOptions): unknown;
}

/** One row of the run option table: an option with a value, or a switch. */
export type RunOptionSpec = ValueOption<never> | SwitchOption;

const docker = (options: RunOptions): DockerSettings => (options.docker ??= {});
const usage = (options: RunOptions): UsageOptions => (options.usage ??= {});

/** Helper that keeps each entry's value type tied to its kind. */
function value<T>(spec: ValueOption<T>): RunOptionSpec {
  return spec as unknown as RunOptionSpec;
}

/*
 * Not in the table, on purpose:
 * - `--until-decided` and its `--base`, `--threshold`, `--alpha` (Action: `until-decided`, with the job's
 *   baseline): they decide against a baseline, they are comparison options, not run options; their budget
 *   is the table's `repeat` (a mean of `repeat` runs per task, at most `repeat` × tasks), so the loop has no
 *   budget option of its own (docs/verdict.md, "Until decided"). The SDK's `runsPerLook` stays SDK-only.
 * - `repeatPerTask` (RunOptions): a plan per task that `runUntilDecided` writes for each look; a person
 *   asks for trials with `repeat`.
 */
/** The run option table: every `bench run` flag / Action input / RunOptions field, its kind, default and help (docs/options.md). */
export const RUN_OPTIONS: readonly RunOptionSpec[] = [
  value({ flag: "repeat", short: "r", group: "run", kind: count(1), arg: "N", shown: "1", action: "repeat", sdk: "repeat",
    actionNote: `With until-decided: the mean budget of runs per task (empty = ${DEFAULT_UNTIL_DECIDED_BUDGET}).`,
    help: "repetitions (trials) per task", set: (o, v) => { o.repeat = v; }, get: (o) => o.repeat }),
  value({ flag: "subsample", short: "s", group: "run", kind: fractionOrCount, arg: "X", shown: "all", action: "subsample", sdk: "subsample",
    help: "per scenario file: a fraction (1.0 = all) or a count of tasks, the ones agbench picks",
    set: (o, v) => { if (Number.isFinite(v)) o.subsample = v; }, get: (o) => o.subsample }),
  value({ flag: "parallel", short: "p", group: "run", kind: count(1), arg: "N", shown: "1", action: "parallel", actionDefault: "1", sdk: "parallel",
    help: "runs at once", set: (o, v) => { o.parallel = v; }, get: (o) => o.parallel }),
  value({ flag: "env", short: "e", group: "run", kind: text, arg: "FILE", shown: "./ENV.yaml, ENV.yml or ENV.json when present", action: "env-file",
    help: "ENV.yaml / ENV.json whose variables reach each run; every value is masked",
    actionNote: "Relative to working-directory. Commit it with ${VAR} references only.", set: (o, v) => { o.envFile = v; } }),
  value({ flag: "config", short: "c", group: "run", kind: text, arg: "FILE", shown: "./config.yaml when present", action: "config",
    help: "config.yaml copied into each run folder", set: (o, v) => { o.configFile = v; } }),
  value({ flag: "docker-image", short: "d", group: "run", kind: text, arg: "IMAGE", shown: "built from templates/Dockerfile", action: "docker-image",
    help: "image for tasks that name none", set: (o, v) => { o.dockerImage = v; } }),
  value({ flag: "runtime", group: "run", kind: oneOf(["docker", "native"] as const), arg: "RUNTIME", shown: "docker", action: "runtime", actionDefault: "docker", sdk: "runtime",
    help: "docker (a fresh container per run) or native (a process group on this machine, no isolation)",
    set: (o, v) => { o.runtime = v; }, get: (o) => o.runtime }),
  { flag: "native", group: "run", kind: "switch", action: { none: "shorthand for --runtime native; the Action has the runtime input" },
    help: "run on this machine (sh run.sh) instead of Docker; same as --runtime native", set: (o) => { o.runtime = "native"; } },
  value({ flag: "results-dir", group: "run", kind: text, arg: "DIR", shown: DEFAULT_RESULTS_DIR, action: "results-dir", actionDefault: DEFAULT_RESULTS_DIR,
    help: "results root",
    actionNote: "Relative to working-directory. In report mode it is read when it exists, otherwise the shard artifacts are downloaded into it.", set: (o, v) => { o.resultsDir = v; } }),
  value({ flag: "timeout", group: "run", kind: seconds, arg: "SECONDS", shown: String(DEFAULT_TIMEOUT_S), action: "timeout", sdk: "timeout",
    help: "default per-run timeout (600, 1.5, 10m, 2h); a scenario's own \"timeout\" wins", set: (o, v) => { o.timeout = v; }, get: (o) => o.timeout }),
  value({ flag: "filter", group: "run", kind: regex, arg: "REGEX", shown: "all", action: "filter", sdk: "filter",
    help: "only tasks whose id matches", set: (o, v) => { o.filter = v; }, get: (o) => o.filter }),
  { flag: "dry-run", group: "run", kind: "switch", action: { none: "the Action's job is to produce results; plan locally with bench run --dry-run" },
    help: "print the plan; run and write nothing", set: (o) => { o.dryRun = true; } },
  { flag: "redo", group: "run", kind: "switch", action: { none: "each Action job starts from an empty Results folder" },
    help: "delete the old folders of redone runs (default: keep them in .superseded/)", set: (o) => { o.redo = true; } },
  value({ flag: "pass-env", group: "run", kind: envName, arg: "NAME", multiple: true, shown: "none", sdk: "passEnv",
    action: { none: "in a workflow, name the variable in env-file (NAME: ${NAME}) so it is masked and recorded like the others" },
    help: "pass this host variable to every run (masked like a secret; agbench passed OPENAI_API_KEY and AZURE_OPENAI_AD_TOKEN implicitly); repeatable",
    set: (o, v) => { (o.passEnv ??= []).push(v); }, get: (o) => o.passEnv }),
  { flag: "wait", group: "run", kind: "switch", action: { none: "each Action job has its own Results folder" },
    help: "wait while another bench writes the Results folder (default: refuse, naming it)", set: (o) => { o.waitForLock = true; } },
  value({ flag: "retry-errors", group: "run", kind: count(0), arg: "N", shown: "0", action: "retry-errors", sdk: "retryErrors",
    help: "rerun error/timeout runs up to N more times, at once", set: (o, v) => { o.retryErrors = v; }, get: (o) => o.retryErrors }),
  { flag: "allow-missing-env", group: "run", kind: "switch", action: "allow-missing-env",
    help: "unset ${VAR} in the env file become empty instead of an error", set: (o) => { o.allowMissingEnv = true; } },
  value({ flag: "seed", group: "run", kind: count(0), arg: "N", shown: `${AGBENCH_SUBSAMPLE_SEED}, agbench's`, action: "seed", sdk: "seed",
    help: "seed for --subsample", set: (o, v) => { o.seed = v; }, get: (o) => o.seed }),
  value({ flag: "shard", group: "run", kind: shard, arg: "I/N", shown: "all", action: "shard", sdk: "shard",
    help: "run only shard I of N (stable hash of scenario+id)",
    actionNote: "For matrix jobs: shard jobs upload their own artifact and do not comment.", set: (o, v) => { o.shard = v; }, get: (o) => o.shard }),
  value({ flag: "scorer", group: "run", kind: text, arg: "FILE", shown: "none", action: "scorer",
    help: "custom scorer module exporting score(runDir)", set: (o, v) => { o.scorer = v; } }),
  value({ flag: "global-template", group: "run", kind: text, arg: "DIR", shown: "templates/global", action: "global-template",
    help: "folder used instead of templates/global", set: (o, v) => { o.globalTemplate = v; } }),
  { flag: "allow-unknown-keys", group: "run", kind: "switch", action: "allow-unknown-keys",
    help: "scenario keys the schema does not know are kept, not errors (\"x-\" keys always are; see docs/scenarios.md)",
    set: (o) => { o.allowUnknownKeys = true; } },
  value({ flag: "requirements", group: "run", kind: text, arg: "FILE", shown: "none", action: "requirements",
    help: "pip requirements added to every run (Docker: baked into the derived image; native: the run's venv)",
    set: (o, v) => { o.requirements = v; } }),
  value({ flag: "agent", group: "run", kind: text, arg: "AGENT", shown: "none (required for Harbor tasks)", action: "agent",
    help: "Harbor task folders only (docs/harbor.md): oracle (runs solution/solve.sh), nop, or a shell command given the instruction on stdin and in $BENCH_INSTRUCTION_FILE",
    set: (o, v) => { o.agent = v; } }),
  value({ flag: "token-command", group: "run", kind: text, arg: "CMD", shown: "none", action: "token-command",
    help: "sh -c CMD before each run; its trimmed output is the run's token env var, masked like a secret (e.g. an Azure AD token)",
    set: (o, v) => { o.tokenCommand = { ...o.tokenCommand, command: v }; } }),
  { flag: "azure", short: "a", group: "run", kind: "switch", action: { none: "use token-command with the az CLI recipe in docs/migrating.md, after azure/login" },
    help: "agbench's -a: an Azure AD token for Azure OpenAI from the az CLI (az account get-access-token for cognitiveservices.azure.com) in AZURE_OPENAI_AD_TOKEN, refreshed before each run",
    set: (o) => { o.tokenCommand = { command: AZURE_TOKEN_COMMAND, envVar: "AZURE_OPENAI_AD_TOKEN", ...o.tokenCommand }; } },
  value({ flag: "token-env", group: "run", kind: envName, arg: "NAME", shown: "BENCH_TOKEN", action: "token-env", sdk: "tokenCommand.envVar",
    help: "env var for --token-command's output", set: (o, v) => { o.tokenCommand = { command: o.tokenCommand?.command ?? "", envVar: v }; },
    get: (o) => o.tokenCommand?.envVar }),
  // Docker only
  value({ flag: "network", group: "docker", kind: oneOf(["bridge", "none", "host"] as const), arg: "MODE", shown: "bridge", action: "network", sdk: "docker.network",
    help: "bridge, none or host", set: (o, v) => { docker(o).network = v; }, get: (o) => o.docker?.network }),
  { flag: "docker-socket", group: "docker", kind: "switch", action: "docker-socket",
    help: "mount the Docker socket into the container", shown: "off", set: (o) => { docker(o).socket = true; } },
  value({ flag: "cpus", group: "docker", kind: positiveNumber, arg: "N", shown: "none", action: "cpus", sdk: "docker.cpus",
    help: "CPU limit per run", set: (o, v) => { docker(o).cpus = v; }, get: (o) => o.docker?.cpus }),
  value({ flag: "memory", group: "docker", kind: size, arg: "SIZE", shown: DEFAULT_MEMORY, action: "memory", sdk: "docker.memory",
    help: "memory limit per run, bytes or 512m / 2g (swap included); a run that hits it ends as error", set: (o, v) => { docker(o).memory = v; }, get: (o) => o.docker?.memory }),
  value({ flag: "pids-limit", group: "docker", kind: count(1), arg: "N", shown: String(DEFAULT_PIDS_LIMIT), action: "pids-limit", sdk: "docker.pidsLimit",
    help: "process limit per run; a run that times out at it ends as error", set: (o, v) => { docker(o).pidsLimit = v; }, get: (o) => o.docker?.pidsLimit }),
  value({ flag: "cap-add", group: "docker", kind: text, arg: "CAP", multiple: true, shown: "none", action: "cap-add", sdk: "docker.capAdd",
    help: "a Linux capability added back to the kept set (CHOWN DAC_OVERRIDE FOWNER FSETID KILL NET_BIND_SERVICE SETGID SETUID; the rest are dropped), e.g. NET_RAW, or ALL; repeatable",
    set: (o, v) => { (docker(o).capAdd ??= []).push(v); }, get: (o) => o.docker?.capAdd }),
  { flag: "new-privileges", group: "docker", kind: "switch", action: "new-privileges", shown: "off",
    help: "let setuid programs such as sudo gain privileges (containers run with no-new-privileges otherwise)", set: (o) => { docker(o).newPrivileges = true; } },
  value({ flag: "user", group: "docker", kind: text, arg: "USER", shown: "the image's", action: "user",
    help: "user inside the container", set: (o, v) => { docker(o).user = v; } }),
  value({ flag: "mount", group: "docker", kind: mount, arg: "SRC:DST[:ro]", multiple: true, shown: "none", action: "mount", sdk: "docker.mounts",
    help: "extra bind mount (a path on the engine's host); repeatable", set: (o, v) => { (docker(o).mounts ??= []).push(v); },
    get: (o) => o.docker?.mounts }),
  value({ flag: "workspace", group: "docker", kind: oneOf(["auto", "bind", "copy"] as const), arg: "MODE", shown: "auto", action: "workspace", sdk: "docker.workspace",
    help: "how the run folder reaches /workspace: bind (mount it), copy (copy it in before the run and back after it: for a remote engine) or auto (copy when DOCKER_HOST is tcp://, ssh://, http(s)://, else bind)",
    set: (o, v) => { docker(o).workspace = v; }, get: (o) => o.docker?.workspace }),
  // agbenchmark selection
  value({ flag: "category", group: "agbenchmark", kind: text, arg: "NAME", multiple: true, shown: "all", action: "category",
    help: "only tasks with this category (repeatable)", set: (o, v) => { (o.categories ??= []).push(v); } }),
  value({ flag: "skip-category", group: "agbenchmark", kind: text, arg: "NAME", multiple: true, shown: "none", action: "skip-category",
    help: "leave out tasks with this category (repeatable)", set: (o, v) => { (o.skipCategories ??= []).push(v); } }),
  value({ flag: "test", group: "agbenchmark", kind: text, arg: "ID", multiple: true, shown: "all", action: "test",
    help: "run only this task (repeatable, as agbenchmark's; ignores dependencies)",
    set: (o, v) => { o.test = o.test === undefined ? v : [...[o.test].flat(), v]; } }),
  { flag: "no-dep", group: "agbenchmark", kind: "switch", action: "no-dep",
    help: "ignore dependencies (no ordering, no skipping)", set: (o) => { o.noDep = true; } },
  { flag: "maintain", group: "agbenchmark", kind: "switch", action: "maintain",
    help: "only regression tests (passed 3 times in a row, from the results dir's history)", set: (o) => { o.mode = "maintain"; } },
  { flag: "improve", group: "agbenchmark", kind: "switch", action: "improve",
    help: "only tasks that are not regression tests", set: (o) => { o.mode = "improve"; } },
  { flag: "explore", group: "agbenchmark", kind: "switch", action: "explore",
    help: "only tasks that never passed", set: (o) => { o.mode = "explore"; } },
  value({ flag: "cutoff", group: "agbenchmark", kind: seconds, arg: "SECONDS", shown: "each task's", action: "cutoff", sdk: "cutoff",
    help: "timeout for every task (overrides each task's cutoff)", set: (o, v) => { o.cutoff = v; }, get: (o) => o.cutoff }),
  { flag: "no-cutoff", group: "agbenchmark", kind: "switch", action: "no-cutoff",
    help: "no timeout (the longest a timer can wait, about 24.8 days)", set: (o) => { o.noCutoff = true; } },
  value({ flag: "assignment", group: "agbenchmark", kind: text, arg: "FILE", shown: "none",
    action: { none: "an AgentBench assignment runs through bench run --assignment; the Action runs scenario files" },
    help: "AgentBench assignment YAML (v0.1 or main-branch format): run every agent × task pair it lists; each task names its scenario files in parameters.scenarios", set: () => {} }),
  { flag: "no-history", group: "agbenchmark", kind: "switch", action: "no-history",
    help: "do not update regression_tests.json / success_rate.json", set: (o) => { o.noHistory = true; } },
  // Model usage (docs/usage.md)
  { flag: "record-usage", group: "usage", kind: "switch", action: "record-usage", shown: "off",
    help: "send each run's model calls through a recording proxy (OPENAI_BASE_URL, OPENAI_API_BASE, OPENAI_BASE and ANTHROPIC_BASE_URL point at it); tokens, cost, latency and errors go to usage.json and result.json's \"usage\"",
    set: (o) => { o.recordUsage = true; } },
  value({ flag: "upstream-openai", group: "usage", kind: httpUrl, arg: "URL", shown: "the env file's OPENAI_BASE_URL, else https://api.openai.com/v1", action: "upstream-openai", sdk: "usage.openaiUpstream",
    help: "where OpenAI-style calls go", set: (o, v) => { usage(o).openaiUpstream = v; }, get: (o) => o.usage?.openaiUpstream }),
  value({ flag: "upstream-anthropic", group: "usage", kind: httpUrl, arg: "URL", shown: "the env file's ANTHROPIC_BASE_URL, else https://api.anthropic.com", action: "upstream-anthropic", sdk: "usage.anthropicUpstream",
    help: "where Anthropic calls go", set: (o, v) => { usage(o).anthropicUpstream = v; }, get: (o) => o.usage?.anthropicUpstream }),
  value({ flag: "prices", group: "usage", kind: text, arg: "FILE", shown: "the built-in table", action: "prices",
    help: "YAML/JSON {model: {input, output}} in USD per million tokens, over the built-in table", set: (o, v) => { usage(o).prices = v; } }),
  value({ flag: "max-tokens", group: "usage", kind: count(1), arg: "N", shown: "none", action: "max-tokens", sdk: "usage.maxTokens",
    help: "end a run as \"error: budget exceeded\" past N tokens (input + output); turns on --record-usage",
    set: (o, v) => { usage(o).maxTokens = v; }, get: (o) => o.usage?.maxTokens }),
  value({ flag: "max-cost", group: "usage", kind: usd, arg: "USD", shown: "none", action: "max-cost", sdk: "usage.maxCostUsd",
    help: "end a run as \"error: budget exceeded\" past this cost; turns on --record-usage",
    set: (o, v) => { usage(o).maxCostUsd = v; }, get: (o) => o.usage?.maxCostUsd }),
  value({ flag: "model-cache", group: "usage", kind: oneOf(["read", "write", "off"] as const), arg: "MODE", shown: "off", action: "model-cache", sdk: "usage.modelCache",
    help: "read (replay recorded answers, record misses), write (call and record) or off; key: request + repetition index + occurrence in the run",
    set: (o, v) => { usage(o).modelCache = v; }, get: (o) => o.usage?.modelCache }),
  value({ flag: "model-cache-dir", group: "usage", kind: text, arg: "DIR", shown: ".bench-cache/model next to the results dir", action: "model-cache-dir",
    actionNote: "Keep it across jobs with actions/cache.",
    help: "model cache folder", set: (o, v) => { usage(o).modelCacheDir = v; } }),
];

/** Options that exclude each other (at most one of each list may be given). */
export const EXCLUSIVE: readonly (readonly string[])[] = [["maintain", "improve", "explore"], ["cutoff", "no-cutoff"]];

/** Checks across options, worded per surface by `name` (a flag or input name); `given` = flags set. */
export function crossCheck(given: ReadonlySet<string>, options: RunOptions, name: (flag: string) => string): string[] {
  const issues: string[] = [];
  if (given.has("token-env") && !given.has("token-command") && !options.tokenCommand?.command) issues.push(`${name("token-env")} needs ${name("token-command")}`);
  for (const group of EXCLUSIVE) {
    const set = group.filter((flag) => given.has(flag));
    if (set.length > 1) issues.push(`${set.map(name).join(", ")} are mutually exclusive`);
  }
  return issues;
}
