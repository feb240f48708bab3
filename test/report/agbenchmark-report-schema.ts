/**
 * What agbenchmark's two Report models require of report.json, restated as JSON Schema (our own text):
 * the current model (AutoGPT `classic/benchmark/agbenchmark/reports/processing/report_types.py`:
 * Report, Test, TestMetrics, TestResult with its success-xor-fail_reason check, MetricsOverall) and
 * the 2023 model with suites (`Dict[str, Union[Test, SuiteTest]]`). Every entry must satisfy the
 * current Test and one of the 2023 Test or SuiteTest. Checked by hand against the pydantic models
 * themselves (docs/agbenchmark.md, "report.json").
 */
import { Ajv } from "ajv";

const str = { type: "string" };
const strOrNull = { type: ["string", "null"] };
const num = { type: "number" };
const numOrNull = { type: ["number", "null"] };
const bool = { type: "boolean" };
const boolOrNull = { type: ["boolean", "null"] };

const testResult = {
  type: "object",
  properties: { success: boolOrNull, run_time: strOrNull, fail_reason: strOrNull, reached_cutoff: boolOrNull, n_steps: { type: ["integer", "null"] }, steps: { type: "array" }, cost: numOrNull },
  if: { properties: { success: { const: true } }, required: ["success"] },
  then: { properties: { fail_reason: { enum: [null, ""] } } },
  else: { required: ["fail_reason"], properties: { fail_reason: { type: "string", minLength: 1 } } },
};

const currentTest = {
  type: "object",
  required: ["category", "difficulty", "data_path", "description", "task", "answer", "metrics", "results"],
  properties: {
    category: { type: "array", items: str }, difficulty: strOrNull, data_path: str, description: str, task: str, answer: str,
    metrics: { type: "object", required: ["attempted", "is_regression"], properties: { attempted: bool, is_regression: bool, "success_%": numOrNull } },
    results: { type: "array", items: testResult },
    metadata: { type: ["object", "null"] },
  },
};

const test2023 = {
  type: "object",
  required: ["data_path", "is_regression", "answer", "description", "metrics", "category"],
  properties: {
    data_path: str, is_regression: bool, answer: str, description: str, category: { type: "array", items: str }, task: strOrNull, reached_cutoff: boolOrNull,
    metrics: { type: "object", required: ["difficulty", "success", "success_%"], properties: { difficulty: str, success: bool, "success_%": num, run_time: strOrNull, fail_reason: strOrNull } },
  },
};

const overall2023 = { type: "object", required: ["run_time", "highest_difficulty"], properties: { run_time: str, highest_difficulty: str, percentage: numOrNull } };

const suite2023 = {
  type: "object",
  required: ["data_path", "metrics", "tests"],
  properties: { data_path: str, metrics: overall2023, tests: { type: "object", additionalProperties: test2023 }, category: { type: ["array", "null"], items: str }, task: strOrNull },
};

export const agbenchmarkReportSchema = {
  type: "object",
  required: ["command", "completion_time", "benchmark_start_time", "metrics", "config", "tests"],
  properties: {
    command: str,
    completion_time: str,
    benchmark_start_time: { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\+00:00$" },
    metrics: { ...overall2023, properties: { ...overall2023.properties, total_cost: numOrNull } },
    config: { type: "object", additionalProperties: { anyOf: [str, { type: "object", additionalProperties: str }] } },
    tests: { type: "object", additionalProperties: { allOf: [currentTest, { anyOf: [test2023, suite2023] }] } },
  },
};

/**
 * AutoGPT `benchmark/agbenchmark/reports/processing/report_types.py` from September 2023 to January
 * 2024 (commits ff4c76b, fa357dd, b106a61: `extra = "forbid"` on every model; 1b14d30 and 9012ff4
 * without it): no suites, Test without difficulty/results, Metrics with `attempted` and `cost`.
 * Only fields every one of them accepts (ff4c76b's Test has no `metadata`).
 */
const closed = (required: string[], properties: Record<string, unknown>) => ({ type: "object", required, properties, additionalProperties: false });
const test202309 = closed(["data_path", "is_regression", "answer", "description", "metrics", "category", "task"], {
  data_path: str, is_regression: bool, answer: str, description: str, category: { type: "array", items: str }, task: str, reached_cutoff: boolOrNull,
  metrics: {
    ...closed(["difficulty", "success", "success_%", "run_time", "attempted"], {
      difficulty: str, success: bool, "success_%": num, run_time: str, fail_reason: strOrNull, attempted: bool, cost: numOrNull,
    }),
  },
});
export const agbenchmark202309Schema = closed(["command", "completion_time", "benchmark_start_time", "metrics", "config", "tests"], {
  command: str, completion_time: str, benchmark_start_time: agbenchmarkReportSchema.properties.benchmark_start_time,
  metrics: closed(["run_time", "highest_difficulty"], { ...overall2023.properties, total_cost: numOrNull }),
  config: agbenchmarkReportSchema.properties.config,
  agent_git_commit_sha: strOrNull, benchmark_git_commit_sha: strOrNull, repo_url: strOrNull,
  tests: { type: "object", additionalProperties: test202309 },
});

const ajv = new Ajv({ allErrors: true, strict: false });
const validators = { current: ajv.compile(agbenchmarkReportSchema), "2023-09": ajv.compile(agbenchmark202309Schema) };

/** "path: message" for each way `report` fails the schema of `model`; empty when that model's versions would load it. */
export function reportProblems(report: unknown, model: keyof typeof validators = "current"): string[] {
  const validate = validators[model];
  if (validate(report)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath}: ${e.message ?? "invalid"}`);
}
