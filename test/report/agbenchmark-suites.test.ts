/**
 * tabulate --format agbenchmark: the report agbenchmark's Report models read (docs/agbenchmark.md, "report.json").
 * The JSON Schema in agbenchmark-report-schema.ts restates the required fields of both models.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { main } from "../../src/cli/main.ts";
import { renderAgbenchmarkReport, testName } from "../../src/report/render-agbenchmark.ts";
import { tabulate } from "../../src/tabulate/tabulate.ts";
import { captureIO } from "../helpers/capture-io.ts";
import { result, tempDir, writeRun } from "../tabulate/results-fixture.ts";
import { reportProblems } from "./agbenchmark-report-schema.ts";

type Entry = { data_path: string; is_regression?: boolean; metrics: Record<string, unknown>; results: Record<string, unknown>[]; tests?: Record<string, Entry> };
type Report = { completion_time: string; benchmark_start_time: string; metrics: Record<string, unknown>; tests: Record<string, Entry> };

describe("tabulate --format agbenchmark", () => {
  it("keys tests by test name, groups suites into one suite-level entry, marks regression tests", async () => {
    const root = await tempDir("bench-agb-");
    await writeRun(root, result("tasks", "TestReadFile", 0, { suite: "TestFile", durationMs: 1000, difficulty: "basic" }));
    await writeRun(root, result("tasks", "TestWriteFile", 0, { suite: "TestFile", status: "failed", reason: "no file", durationMs: 3000, difficulty: "novice" }));
    await writeRun(root, result("tasks", "Math", 0, { durationMs: 500 }));
    await writeRun(root, result("other", "TestWeb", 0, { suite: "TestFile", durationMs: 2000 }));
    await writeRun(root, result("other", "Math", 0, { status: "skipped", reason: "dependency X did not pass (failed)" }));
    await writeFile(join(root, "regression_tests.json"), JSON.stringify({ TestReadFile: { scenario: "tasks", streak: 3, "success_%": 100 } }));
    const io = captureIO({ cwd: root, stdin: "" });
    assert.equal(await main(["tabulate", ".", "--format", "agbenchmark"], io), 0);
    const report = JSON.parse(io.out()) as Report;
    assert.deepEqual(reportProblems(report), []);
    assert.deepEqual(new Set(Object.keys(report.tests)), new Set(["File", "Math", "tasks/Math"]), "the second Math is keyed by scenario/id");
    const suite = report.tests.File!;
    assert.deepEqual(Object.keys(suite.tests!), ["Web", "ReadFile", "WriteFile"]);
    assert.deepEqual(suite.metrics, { percentage: 66.67, highest_difficulty: "basic", run_time: "6.0 seconds", attempted: true, is_regression: false, "success_%": 66.67 });
    assert.equal(suite.tests!.ReadFile?.is_regression, true);
    // The 2023 model reads Union[Test, SuiteTest] left to right (pydantic v1): an entry that also
    // passed as a Test (is_regression, metrics.success) would load without its members.
    assert.equal(suite.is_regression, undefined);
    assert.equal((suite.metrics as Record<string, unknown>).success, undefined);
    assert.deepEqual(suite.tests!.WriteFile?.results, [{ success: false, run_time: "3.0 seconds", fail_reason: "no file", reached_cutoff: false, n_steps: null, steps: [], cost: null }]);
    const skipped = Object.values(report.tests).find((t) => t.data_path === "other/Math")!;
    assert.equal(skipped.metrics.attempted, false, "a skipped test was not attempted");
    assert.match(report.benchmark_start_time, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+00:00$/);
  });

  it("completion_time is now (or options.now), benchmark_start_time that minus the summed run time", async () => {
    const root = await tempDir("bench-agb-");
    await writeRun(root, result("s", "a", 0, { durationMs: 61_000 }));
    const report = JSON.parse(renderAgbenchmarkReport(await tabulate([root]), { now: new Date("2026-05-06T07:08:09.999Z") })) as Report;
    assert.equal(report.completion_time, "2026-05-06T07:08:09+00:00");
    assert.equal(report.benchmark_start_time, "2026-05-06T07:07:08+00:00");
    assert.equal(report.metrics.run_time, "61.0 seconds");
  });

  it("the golden report satisfies both models", async () => {
    const golden = JSON.parse(await readFile(new URL("./golden/report.json", import.meta.url), "utf8")) as unknown;
    assert.deepEqual(reportProblems(golden), []);
  });

  it("--format agbenchmark-2023-09: every task one test with only the fields AutoGPT's Sept. 2023 to Jan. 2024 models know", async () => {
    const root = await tempDir("bench-agb-");
    await writeRun(root, result("tasks", "TestReadFile", 0, { suite: "TestFile", durationMs: 1000, difficulty: "basic" }));
    await writeRun(root, result("tasks", "TestWriteFile", 0, { suite: "TestFile", status: "failed", reason: "no file", durationMs: 3000, difficulty: "novice" }));
    await writeRun(root, result("tasks", "Math", 0, { status: "skipped", reason: "dependency X did not pass (failed)" }));
    const io = captureIO({ cwd: root, stdin: "" });
    assert.equal(await main(["tabulate", ".", "--format", "agbenchmark-2023-09"], io), 0, io.err());
    const report = JSON.parse(io.out()) as Report;
    assert.deepEqual(reportProblems(report, "2023-09"), []);
    assert.deepEqual(Object.keys(report.tests), ["Math", "ReadFile", "WriteFile"], "suite members are tests of their own (no suites in that model)");
    assert.deepEqual(report.tests.WriteFile!.metrics, { difficulty: "novice", success: false, "success_%": 0, run_time: "3.0 seconds", fail_reason: "no file", attempted: true, cost: null });
    assert.equal(report.tests.Math!.metrics.attempted, false);
    assert.ok(reportProblems(JSON.parse(renderAgbenchmarkReport(await tabulate([root]))), "2023-09").length > 0, "the default report has fields that model forbids");
  });

  it("strips only agbenchmark's class prefix", () => {
    assert.deepEqual(["TestWriteFile", "Test_1", "Testing", "WriteFile"].map(testName), ["WriteFile", "_1", "Testing", "WriteFile"]);
  });

  it("the schema catches what agbenchmark's models reject", () => {
    const bad = { command: "x", completion_time: "2026-01-01T00:00:00Z", benchmark_start_time: "2026-01-01 00:00", metrics: { run_time: "1 seconds" }, config: {},
      tests: { a: { data_path: "s/a", metrics: { attempted: true }, results: [{ success: false, fail_reason: null }] } } };
    const problems = reportProblems(bad);
    for (const expected of [
      "/benchmark_start_time: must match pattern \"^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\+00:00$\"",
      "/metrics: must have required property 'highest_difficulty'",
      "/tests/a: must have required property 'category'",
      "/tests/a/metrics: must have required property 'is_regression'",
      "/tests/a/results/0/fail_reason: must be string",
      "/tests/a: must match a schema in anyOf",
    ]) assert.ok(problems.includes(expected), `${expected} in ${problems.join("\n")}`);
  });
});
