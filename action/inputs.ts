import {
  actionDefault, ConfigError, DEFAULT_RESULTS_DIR, count, failOnList, inputProblem, optionsFromInputs, rate, readComparisonSettings, RUN_OPTIONS,
  type ComparisonSettings, type FailOn, type RunOptions, type ValueKind,
} from "../sdk/index.ts";

export type Baseline = { kind: "auto" } | { kind: "artifact" } | { kind: "file"; path: string } | { kind: "none" };

/** Validated Action inputs. Defaults equal action.yml's (a test checks they agree). */
export interface ActionInputs {
  scenarios: string[];
  /** Every run option from the run option table's inputs (src/options/run-options.ts). */
  run: RunOptions;
  runtime: "docker" | "native";
  envFile?: string;
  resultsDir: string;
  shard?: { index: number; count: number };
  mode: "run" | "report";
  baseline: Baseline;
  baselineBranch?: string;
  /** baseline = seed Results/ with the baseline's regression_tests.json and success_rate.json. */
  history: "baseline" | "none";
  /** Run in looks until the verdict against the baseline is settled, trials where they help most; `repeat` × tasks is the budget of runs (docs/verdict.md). */
  untilDecided: boolean;
  failOn: FailOn[];
  minPassRate?: number;
  /** The verdict's threshold and alpha (`threshold`, `alpha`), for the comparison and until-decided; unset = compare()'s defaults. */
  comparison: ComparisonSettings;
  commentMode: "update" | "new" | "off";
  commentKey: string;
  /** auto = in fork-safe report mode (workflow_run of a PR's run), post the verdict as a check run on the PR's head. */
  checkRun: "auto" | "off";
  /** A hidden (minimized) sticky comment: new = post a new one, update = edit it anyway. */
  hiddenComment: "new" | "update";
  artifactName: string;
  retentionDays?: number;
  uploadArtifact: boolean;
  /** Replace this run's artifact of the same name instead of failing on the collision. */
  artifactOverwrite: boolean;
  githubToken: string;
  workingDirectory: string;
}

/** Default of every input, as action.yml declares it ("" = unset): the Action's own, then the run option table's. */
export const INPUT_DEFAULTS: Record<string, string> = {
  scenarios: "Tasks",
  mode: "run", baseline: "auto", "baseline-branch": "", history: "baseline", "until-decided": "false", "fail-on": "regression", "min-pass-rate": "", threshold: "", alpha: "",
  "comment-mode": "update", "comment-key": "default", "hidden-comment": "new", "check-run": "auto", "artifact-name": "bench-results",
  "retention-days": "", "upload-artifact": "true", "artifact-overwrite": "false", "github-token": "${{ github.token }}",
  "working-directory": ".",
  ...Object.fromEntries(RUN_OPTIONS.flatMap((spec) => (typeof spec.action === "string" ? [[spec.action, actionDefault(spec)]] : []))),
};

/** Read and validate every input; all problems are reported at once, each naming its input. */
export function readInputs(getInput: (name: string) => string): ActionInputs {
  const issues: string[] = [];
  const raw = (name: string): string => (getInput(name).trim() || INPUT_DEFAULTS[name] || "").trim();
  const opt = (name: string): string | undefined => raw(name) || undefined;
  const bad = (name: string, want: string): void => void issues.push(inputProblem(name, want, raw(name)));
  const parsed = <T>(name: string, kind: ValueKind<T>): T | undefined => {
    const value = opt(name);
    if (value === undefined) return undefined;
    try {
      return kind.parse(value);
    } catch {
      return bad(name, kind.expected), undefined;
    }
  };
  const oneOf = <T extends string>(name: string, allowed: readonly T[]): T => {
    const value = raw(name) as T;
    if (!allowed.includes(value)) bad(name, `one of ${allowed.join(" | ")}`);
    return value;
  };
  const bool = (name: string): boolean => {
    const value = raw(name).toLowerCase();
    if (!["true", "false"].includes(value)) bad(name, "true or false");
    return value === "true";
  };

  const run = optionsFromInputs((name) => getInput(name));
  issues.push(...run.issues);
  const baseline = parseBaseline(raw("baseline"), () => bad("baseline", "auto | artifact | file:<path> | none"));
  const failOn: FailOn[] = parsed("fail-on", failOnList) ?? [];
  const minPassRate = parsed("min-pass-rate", rate);
  if (failOn.includes("threshold") && opt("min-pass-rate") === undefined) issues.push("input 'min-pass-rate' is required when 'fail-on' includes threshold");
  const comparison = readComparisonSettings(opt, inputProblem);
  issues.push(...comparison.issues);
  const commentKey = raw("comment-key");
  if (!/^[A-Za-z0-9._-]+$/.test(commentKey)) bad("comment-key", "letters, digits, '.', '_' or '-'");
  const artifactName = raw("artifact-name");
  if (!artifactName || /[":<>|*?\\/\r\n]/.test(artifactName)) bad("artifact-name", 'a name without " : < > | * ? \\ / or newlines');

  const inputs: ActionInputs = {
    scenarios: raw("scenarios").split(/\r?\n|,/).map((s) => s.trim()).filter(Boolean),
    run: run.options,
    runtime: run.options.runtime ?? "docker",
    envFile: run.options.envFile,
    resultsDir: run.options.resultsDir ?? DEFAULT_RESULTS_DIR,
    shard: run.options.shard,
    baseline, failOn, minPassRate, commentKey, artifactName, comparison: comparison.settings,
    mode: oneOf("mode", ["run", "report"] as const),
    baselineBranch: opt("baseline-branch"),
    history: oneOf("history", ["baseline", "none"] as const),
    untilDecided: bool("until-decided"),
    commentMode: oneOf("comment-mode", ["update", "new", "off"] as const),
    hiddenComment: oneOf("hidden-comment", ["new", "update"] as const),
    checkRun: oneOf("check-run", ["auto", "off"] as const),
    // GitHub allows up to 400 days (private repositories); the toolkit caps it at the repository's setting.
    retentionDays: parsed("retention-days", count(1, 400)),
    uploadArtifact: bool("upload-artifact"),
    artifactOverwrite: bool("artifact-overwrite"),
    // Outside a runner the default expression is not expanded: treat it as no token.
    githubToken: raw("github-token").startsWith("${{") ? "" : raw("github-token"),
    workingDirectory: raw("working-directory"),
  };
  if (inputs.mode === "run" && inputs.scenarios.length === 0) issues.push("input 'scenarios' is required when mode is run");
  if (inputs.mode === "report" && inputs.shard) issues.push("input 'shard' cannot be used with mode: report (the report job merges all shards)");
  if (issues.length > 0) throw new ConfigError("action inputs", issues);
  return inputs;
}

function parseBaseline(text: string, onBad: () => void): Baseline {
  if (text === "auto" || text === "artifact" || text === "none") return { kind: text };
  if (text.startsWith("file:") && text.length > 5) return { kind: "file", path: text.slice(5) };
  onBad();
  return { kind: "none" };
}
