/** Shared data shapes. Formats: docs/architecture.md#formats. */

/** Terminal state of one run (task × repetition). */
export type RunStatus = "passed" | "failed" | "error" | "timeout" | "skipped";

/** Every run status, in report order. */
export const RUN_STATUSES: readonly RunStatus[] = ["passed", "failed", "error", "timeout", "skipped"];

/** What a scorer says about one run (score.json, custom scorer, grounds or the default). */
export interface ScoreResult {
  /** The run passed. */
  success: boolean;
  /** A score, when the scorer gives one. */
  score?: number;
  /** The scorer's other numbers. */
  metrics?: Record<string, unknown>;
  /** Which scoring step decided: "verifier" | "scorer" | "custom_tabulate" | "grounds" | "score.json" | "default". */
  source?: string;
  /** Why, in the scorer's words. */
  reason?: string;
}

/** `result.json`, written last and atomically: its presence makes a run terminal. */
export interface RunResult {
  /** Format version of result.json. */
  schema: 1;
  /** The scenario (suite) name. */
  scenario: string;
  /** The task's id. */
  id: string;
  /** The repetition, from 0. */
  rep: number;
  /** The run's terminal status. */
  status: RunStatus;
  /** Exit code of run.sh; null when killed or never started. */
  exitCode: number | null;
  /** run.sh was killed at the timeout. */
  timedOut: boolean;
  /** When the run started (ISO 8601). */
  startedAt: string;
  /** When it ended (ISO 8601). */
  finishedAt: string;
  /** How long it took. */
  durationMs: number;
  /** Attempts made (more than 1 with `retryErrors`). */
  attempts: number;
  /** scenarioHash of the task when it ran; resume redoes the run when it changed. */
  scenarioHash: string;
  /** The image it ran in; null for native runs. */
  image: string | null;
  /** The runner's name ("native", "docker"). */
  runner: string;
  /** How it was scored. */
  score?: ScoreResult;
  /** The scorer's other numbers. */
  metrics?: Record<string, unknown>;
  /** What broke, on an `error` (masked). */
  error?: string;
  /** Why a run was skipped (or extra context for an error). */
  reason?: string;
  /** agbenchmark categories of the task. */
  category?: string[];
  /** agbenchmark difficulty of the task. */
  difficulty?: string;
  /** agbenchmark challenge suite of the task. */
  suite?: string;
  /** Size of console_log.txt when the run finished; resume redoes the run when the log is missing or another size (edited, truncated). */
  logBytes?: number;
  /** Set when console_log.txt was capped: whether the sentinel was in the full output stream (the kept log may not show it); `bench score` uses it. */
  sentinelSeen?: boolean;
  /** Beyond the base format (docs/architecture.md#results): true on an `error` the infrastructure caused (Docker engine gone); resume redoes such runs. */
  retryable?: boolean;
  /** Model calls through the usage proxy (`--record-usage`), all attempts; per request in `usage.json`. docs/usage.md. */
  usage?: import("./usage/usage-types.ts").RunUsage;
  /** A run folder bench did not write (agbench's), adopted and scored from its console log (docs/results.md). */
  imported?: "agbench";
  /** The verifier's reward, a number in [0, 1] (scenarios with a verifier; docs/verifier.md). */
  reward?: number;
  /** A Harbor task whose oracle did not pass: the task is broken, not the agent (docs/harbor.md). */
  brokenTask?: boolean;
  /** Each phase as it ran: the agent's run.sh, then the verifier when the scenario has one. */
  phases?: { agent: PhaseRecord; verifier?: PhaseRecord };
}

/** How one phase of a run ended (result.json `phases`). */
export interface PhaseRecord {
  /** Exit code of the phase; null when killed or never started. */
  exitCode: number | null;
  /** The phase was killed at its timeout. */
  timedOut: boolean;
  /** How long it took. */
  durationMs: number;
  /** The phase broke (could not start, engine lost, reward unreadable): the run's `error` says so too. */
  error?: string;
  /** Verifier only: where it ran ("shared" or "separate"). */
  mode?: VerifyMode;
}

/** `shared`: after the agent's processes are gone, in its environment; `separate`: a fresh one over a copy of the workspace. */
export type VerifyMode = "shared" | "separate";

/**
 * A scenario's verifier (docs/verifier.md): grader files copied in only after the agent phase, a
 * command run with its own timeout and a minimal environment, the verdict read from a reward file
 * the agent could not write.
 */
export interface VerifySpec {
  /** Grader files, placed like a template's entries into the tests folder (/tests in Docker, $BENCH_TESTS). */
  files?: string | TemplateEntry[];
  /** Shell command, run in the workspace; default `sh "$BENCH_TESTS/test.sh"`. */
  command?: string;
  /** Seconds (default 600). */
  timeout?: number;
  /** Default "shared". */
  mode?: VerifyMode;
  /** The verifier's environment, over a minimal allowlist (no ENV.yaml values, no host secrets). */
  env?: Record<string, string>;
  /** "file" (default): reward.txt / reward.json in the logs folder; "exit-code": exit 0 = 1, else 0. */
  reward?: "file" | "exit-code";
}

/**
 * The environment a Harbor task runs in (docs/harbor.md): an image built from its environment folder
 * (or named), and the limits of its task.toml. Docker only.
 */
export interface TaskEnvironment {
  /** Build the image from this folder (holds `Dockerfile`); cached by the folder's content hash. */
  build?: { contextDir: string; timeoutMs: number };
  /** A prebuilt image (task.toml's docker_image), used when there is nothing to build. */
  image?: string;
  /** environment/docker-compose.yaml (its subset): the other services run beside the agent's container. */
  compose?: import("./harbor/compose-file.ts").ComposeSpec;
  /** Where the agent and the verifier start (task.toml's workdir, else the image's WORKDIR, else /). */
  workdir?: string;
  /** CPU limit of the container (task.toml's cpus). */
  cpus?: number;
  /** Memory limit of the container in bytes. */
  memoryBytes?: number;
  /** task.toml's allow_internet = false. */
  noInternet?: boolean;
}

/** A template entry: a path (copied by its base name) or `[src, dst]`. */
export type TemplateEntry = string | [string, string];

/** agbenchmark-style grounds (docs/scenarios.md, scoring). */
export interface GroundSpec {
  /** The expected answer, compared with the files read. */
  answer?: string;
  /** Strings the files must contain. */
  should_contain?: string[];
  /** Strings the files must not contain. */
  should_not_contain?: string[];
  /** Files to read: names or `.ext` globs relative to the run folder; default the console log. */
  files?: string[];
  /** Compare with case (default true). */
  case_sensitive?: boolean;
  /** A command run after the agent; exit 0 = pass. */
  command?: string;
  /** agbenchmark's eval block (e.g. type "file" or "llm"). */
  eval?: { type: string; [key: string]: unknown };
  /** Other agbenchmark keys, kept as written. */
  [key: string]: unknown;
}

/** One line of a scenario JSONL file, validated and normalised. */
export interface ScenarioInstance {
  /** The task's id, unique in its file. */
  id: string;
  /** Template folder, or the list of template entries to copy. */
  template: string | TemplateEntry[];
  /** Normalised: file name → { find → replace }, applied in key order. */
  substitutions: Record<string, Record<string, string>>;
  /** Shell command run.sh runs (default DEFAULT_COMMAND). */
  command?: string;
  /** Timeout in seconds; wins over RunOptions.timeout. */
  timeout?: number;
  /** Docker image of the task; wins over RunOptions.dockerImage. */
  image?: string;
  /** agbenchmark categories. */
  category?: string[];
  /** agbenchmark difficulty. */
  difficulty?: string;
  /** Ids of tasks that must pass first (agbenchmark). */
  dependencies?: string[];
  /** agbenchmark challenge suite. */
  suite?: string;
  /** Grounds the run is scored against. */
  score?: GroundSpec;
  /** The verifier phase (docs/verifier.md). */
  verify?: VerifySpec;
  /** A Harbor task's own environment (docs/harbor.md): its image, limits, network and working folder. */
  environment?: TaskEnvironment;
  /** A Harbor task: which kind of agent runs it (an oracle that fails marks the task broken). */
  harbor?: { agent: "oracle" | "nop" | "command"; taskDir: string };
  /** Scenario name: the JSONL file stem (`stdin` for "-"). */
  scenario: string;
  /** Where the line came from, for messages. */
  source: { file: string; line: number };
  /** Folder template paths are relative to (the JSONL file's folder; cwd for stdin). */
  baseDir: string;
  /** Keys we do not know, kept as they were. */
  extra: Record<string, unknown>;
}

/** Typed progress events from runScenarios (the CLI renders them; the SDK never prints). */
export type RunEvent =
  | { type: "plan"; total: number; toRun: number; resumed: number; scenarios: string[] }
  | { type: "warning"; message: string }
  /** Information worth showing once (a default ENV.yaml / config.yaml picked up). */
  | { type: "notice"; message: string }
  | { type: "run-start"; scenario: string; id: string; rep: number; attempt: number }
  | { type: "run-end"; result: RunResult; done: number; total: number }
  | { type: "run-skip-done"; scenario: string; id: string; rep: number }
  /** A run stopped by the signal: no result.json, it is redone on resume. */
  | { type: "run-interrupted"; scenario: string; id: string; rep: number }
  | { type: "aborted"; pending: number };

/** Options for runScenarios. docs/architecture.md. */
export interface RunOptions {
  /** "docker" (default) or "native". Ignored when `runner` is given. */
  runtime?: "docker" | "native";
  /** Inject a runner (tests, custom runtimes). */
  runner?: import("./runners/runner.ts").Runner;
  /** Repetitions per task (default 1). */
  repeat?: number;
  /**
   * Repetitions of particular tasks (scenario name → task id → count ≥ 1), instead of `repeat` for them.
   * `runUntilDecided` plans each look with it (docs/verdict.md). run.json records the counts
   * (`scenarios[].trials`), and tabulate rates such a task over its own trials: the ones it was never
   * meant to have are not missing.
   */
  repeatPerTask?: Record<string, Record<string, number>>;
  /** Concurrent runs (default 1). */
  parallel?: number;
  /** Fraction in (0,1) or a count ≥ 1 of tasks per scenario file: the tasks agbench's `-s` picks (with `seed`). */
  subsample?: number;
  /** Seed for subsampling (default 425, agbench's: the same tasks as agbench). */
  seed?: number;
  /** Keep tasks whose id matches: a RegExp, or a string regular expression. */
  filter?: string | RegExp;
  /** Results root (default "Results"). */
  resultsDir?: string;
  /** ENV.yaml / ENV.json; default ./ENV.yaml when present. */
  envFile?: string;
  /**
   * Extra env for every run, over the env file's values (e.g. an assignment's BENCH_AGENT_*).
   * Not masked: put secrets in the env file. run.json records the keys only.
   */
  env?: Record<string, string>;
  /** Treat unset ${VAR} in the env file as empty instead of an error. */
  allowMissingEnv?: boolean;
  /** config.yaml copied into each run folder; default ./config.yaml when present. */
  configFile?: string;
  /** Folder used instead of templates/global. */
  globalTemplate?: string;
  /** Scenario keys the schema does not know are kept in `extra` instead of being errors (`x-` keys always are). */
  allowUnknownKeys?: boolean;
  /**
   * `--token-command`: `sh -c command` before each run; its trimmed stdout is injected as env var
   * `envVar` (default BENCH_TOKEN) and masked like a secret. A failure makes that run an `error`.
   */
  tokenCommand?: { command: string; envVar?: string };
  /** A requirements file added to every run (appended to each run folder's requirements.txt). docs/architecture.md#runners. */
  requirements?: string;
  /** Docker image of runs whose scenario names none. */
  dockerImage?: string;
  /** Docker runner settings (network, limits, socket, user, mounts). */
  docker?: DockerSettings;
  /** Custom scorer module exporting `score(runDir)`. */
  scorer?: string;
  /** Default timeout in seconds (default 7200, agbench's). A scenario's own `timeout` wins. */
  timeout?: number;
  /** Rerun `error`/`timeout` runs up to N more times. */
  retryErrors?: number;
  /** Plan only: write nothing, run nothing. */
  dryRun?: boolean;
  /** Delete the earlier folders of runs that are redone instead of moving them to `.superseded/` (docs/results.md). */
  redo?: boolean;
  /** Host variables passed to every run by name (from `hostEnv`), masked like env-file values. */
  passEnv?: string[];
  /** When another invocation writes the Results folder: wait for it (true) or throw ResultsBusyError (default). */
  waitForLock?: boolean;
  /** Stops the invocation: runs are killed, nothing terminal is written for them. */
  signal?: AbortSignal;
  /** Called with every progress event. */
  onEvent?: (event: RunEvent) => void;
  /** console_log.txt cap in bytes (default 50 MB). */
  logCapBytes?: number;
  /** Cache folder for native venvs (default <resultsDir>/../.bench-cache). */
  cacheDir?: string;
  /** Run only shard i of n (1-based), by a stable hash of scenario+id. */
  shard?: { index: number; count: number };
  /** The commit benchmarked, recorded in run.json; default the git HEAD of `cwd`'s checkout, read from its .git files. */
  commit?: string;
  /** Working directory for defaults (ENV.yaml, config.yaml); default process.cwd(). */
  cwd?: string;
  /** What "-" reads scenario lines from (default process.stdin). */
  stdin?: NodeJS.ReadableStream | string;
  /** Host environment used for ${VAR} substitution (default process.env). */
  hostEnv?: Record<string, string | undefined>;
  // agbenchmark selection (issue 6): see src/select/select-scenarios.ts
  /** Keep tasks with at least one of these categories (`--category`, repeatable). */
  categories?: string[];
  /** Drop tasks with any of these categories (`--skip-category`). */
  skipCategories?: string[];
  /** Run only this task id, or these (`--test`, repeatable; implies noDep). */
  test?: string | string[];
  /** Ignore dependencies (no ordering, no skipping). */
  noDep?: boolean;
  /** History-based selection from `<resultsDir>/regression_tests.json` and `success_rate.json`. */
  mode?: "maintain" | "improve" | "explore";
  /** Timeout in seconds for every task, overriding each task's cutoff. */
  cutoff?: number;
  /** No timeout at all. */
  noCutoff?: boolean;
  /** Do not update regression_tests.json / success_rate.json. */
  noHistory?: boolean;
  /**
   * `--record-usage`: runs reach their model through a recording proxy (OPENAI_BASE_URL, ANTHROPIC_BASE_URL
   * and older spellings point at it); result.json gets `usage`, the run folder `usage.json`. docs/usage.md.
   * Implied by `usage.maxTokens`, `usage.maxCostUsd` and a `usage.modelCache` other than "off".
   */
  recordUsage?: boolean;
  /** Upstreams, prices, per-run limits and the model cache of the usage proxy. */
  usage?: import("./usage/usage-types.ts").UsageOptions;
  /** Harbor tasks (docs/harbor.md): "oracle" (solution/solve.sh), "nop", or a shell command given the instruction. */
  agent?: string;
}

/** What runScenarios returns: every planned run's result (terminal ones), plus counts. */
export interface RunSummary {
  /** The invocation's run id. */
  runId: string;
  /** The Results folder written. */
  resultsDir: string;
  /** Every run's result.json, in plan order. */
  results: RunResult[];
  /** Runs by status, with the total. */
  counts: Record<RunStatus, number> & { total: number };
  /** Runs that were already done and not rerun. */
  resumed: number;
  /** Stopped by the AbortSignal. */
  aborted: boolean;
  /** A dry run: nothing written, nothing run. */
  dryRun: boolean;
  /** The plan, as (scenario, id, rep) triples; filled on dry runs too. */
  plan: { scenario: string; id: string; rep: number }[];
  /** Run folders bench did not write (agbench's), adopted with a verdict from their console log (in `results`, `imported`). */
  adopted?: number;
  /** Adopted folders whose log has no verdict (agbench: missing): not run, not in `results`, left as they are. */
  unscored?: { scenario: string; id: string; rep: number; path: string; reason: string }[];
  /** Earlier run folders moved to `<results>/.superseded/<runId>/` (deleted with `redo`) because they are redone. */
  superseded?: number;
}

/** Docker runner settings (docs/architecture.md#runners). */
export interface DockerSettings {
  /** "bridge" (default), "none" or "host". */
  network?: "bridge" | "none" | "host";
  /** Mount the Docker socket into the container (off by default). */
  socket?: boolean;
  /** CPU limit per container. */
  cpus?: number;
  /** Bytes, or a string like "512m" / "2g" (default 4g: docs/docker.md, "Hardened defaults"). */
  memory?: number | string;
  /** Most processes at once (default 1024). */
  pidsLimit?: number;
  /** Capabilities added back to the default set (CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, NET_BIND_SERVICE, SETGID, SETUID); "ALL" for every one. */
  capAdd?: string[];
  /** Let setuid programs (sudo) gain privileges; default false (no-new-privileges). */
  newPrivileges?: boolean;
  /** User the container runs as. */
  user?: string;
  /** Extra bind mounts, "SRC:DST[:ro]" (paths on the engine's host, also in copy mode). */
  mounts?: string[];
  /**
   * How the run folder reaches /workspace: "bind" mounts it (engine on this machine), "copy" uploads
   * it before the start and copies /workspace back after the exit (remote engine). Default "auto":
   * "copy" when DOCKER_HOST / the client points at tcp://, http(s):// or ssh://, else "bind".
   */
  workspace?: "auto" | "bind" | "copy";
  /** Copy mode: most bytes of files copied back from /workspace (default 1 GiB); past it the run ends `error`. */
  copyLimitBytes?: number;
  /** Copy mode: time limit of each copy, in and out, in ms (default 600 000). */
  copyTimeoutMs?: number;
}
