import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { main } from "../../src/cli/main.ts";
import { captureIO } from "../helpers/capture-io.ts";
import { result, tempDir, writeRun } from "../tabulate/results-fixture.ts";

describe("tabulate --format agbenchmark: suites and regression tests", () => {
  it("groups by result.json's suite field and marks regression_tests.json tasks", async () => {
    const root = await tempDir("bench-agb-");
    await writeRun(root, result("tasks", "read", 0, { suite: "TestFile", durationMs: 1000 }));
    await writeRun(root, result("tasks", "write", 0, { suite: "TestFile", status: "failed", durationMs: 3000 }));
    await writeRun(root, result("tasks", "math", 0, { durationMs: 500 }));
    await writeRun(root, result("other", "web", 0, { suite: "TestFile", durationMs: 2000 }));
    await writeFile(join(root, "regression_tests.json"), JSON.stringify({ read: { scenario: "tasks", streak: 3, "success_%": 100 } }));
    const io = captureIO({ cwd: root, stdin: "" });
    assert.equal(await main(["tabulate", ".", "--format", "agbenchmark"], io), 0);
    const report = JSON.parse(io.out()) as { tests: Record<string, { metrics: Record<string, unknown>; tests: Record<string, { data_path: string; is_regression: boolean }> }> };
    assert.deepEqual(Object.keys(report.tests), ["TestFile", "tasks"]);
    const suite = report.tests.TestFile!;
    assert.deepEqual(Object.keys(suite.tests), ["web", "read", "write"]);
    assert.deepEqual(suite.metrics, { percentage: 66.67, highest_difficulty: "No successful tests", run_time: "6.000 seconds" });
    assert.deepEqual(suite.tests.read, { ...suite.tests.read, data_path: "tasks/read", is_regression: true });
    assert.equal(suite.tests.web?.is_regression, false);
    assert.deepEqual(Object.keys(report.tests.tasks!.tests), ["math"]);
  });
});
