import { beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import { ConfigError } from "../../src/errors.ts";
import { buildDependencyGraph } from "../../src/select/dependency-graph.ts";
import { NO_CUTOFF_SECONDS, selectScenarios } from "../../src/select/select-scenarios.ts";
import { resetLines, task } from "./make-task.ts";

const ids = (list: { id: string }[]) => list.map((t) => t.id);

describe("selectScenarios", () => {
  beforeEach(resetLines);

  it("orders by dependencies, ties broken by file order", () => {
    const tasks = [task("c", { dependencies: ["b"] }), task("x"), task("b", { dependencies: ["a"] }), task("a")];
    assert.deepEqual(ids(selectScenarios(tasks).ordered), ["x", "a", "b", "c"]);
  });

  it("reports a cycle with its path and file:line", () => {
    const tasks = [task("a", { dependencies: ["c"] }), task("b", { dependencies: ["a"] }), task("c", { dependencies: ["b"] })];
    assert.throws(() => selectScenarios(tasks), (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.equal(error.message, "Invalid dependencies:\n  Tasks/suite.jsonl:1: dependency cycle a -> c -> b -> a");
      return true;
    });
  });

  it("reports every unknown dependency with file:line", () => {
    const tasks = [task("a", { dependencies: ["nope"] }), task("b", { dependencies: ["a", "gone"] })];
    assert.throws(() => selectScenarios(tasks), {
      message: 'Invalid dependencies:\n  Tasks/suite.jsonl:1: task "a" depends on unknown task "nope"\n  Tasks/suite.jsonl:2: task "b" depends on unknown task "gone"',
    });
  });

  it("filters by category and skip-category, listing why tasks are excluded", () => {
    const tasks = [task("a", { category: ["code"] }), task("b", { category: ["retrieval"] }), task("c", { category: ["code", "slow"] })];
    const selection = selectScenarios(tasks, { categories: ["code"], skipCategories: ["slow"] });
    assert.deepEqual(ids(selection.ordered), ["a"]);
    assert.deepEqual(selection.excluded.map((e) => [e.scenario.id, e.reason]), [
      ["b", "category not selected (retrieval)"],
      ["c", "category slow skipped"],
    ]);
  });

  it("--test picks one task and ignores its (even broken) dependencies", () => {
    const tasks = [task("a"), task("b", { dependencies: ["missing"] })];
    const selection = selectScenarios(tasks, { test: "b" });
    assert.deepEqual(ids(selection.ordered), ["b"]);
    assert.equal(selection.dependencies, false);
    assert.throws(() => selectScenarios(tasks, { test: "zz" }), { message: "Invalid options:\n  --test zz: no task has this id" });
  });

  it("--test given several times runs each named task, as agbenchmark's repeatable --test", () => {
    const tasks = [task("a"), task("b", { dependencies: ["a"] }), task("c")];
    const selection = selectScenarios(tasks, { test: ["c", "b"] });
    assert.deepEqual(ids(selection.ordered), ["b", "c"]);
    assert.deepEqual(selection.excluded.map((e) => [e.scenario.id, e.reason]), [["a", "not --test c, b"]]);
    assert.throws(() => selectScenarios(tasks, { test: ["b", "zz", "yy"] }), { message: "Invalid options:\n  --test zz: no task has this id\n  --test yy: no task has this id" });
  });

  it("--no-dep keeps file order and skips the graph checks", () => {
    const tasks = [task("b", { dependencies: ["a"] }), task("a", { dependencies: ["b"] })];
    assert.deepEqual(ids(selectScenarios(tasks, { noDep: true }).ordered), ["b", "a"]);
  });

  it("maps cutoff to the timeout; --cutoff overrides, --no-cutoff disables", () => {
    const tasks = [task("a", { timeout: 60 }), task("b")];
    assert.deepEqual(selectScenarios(tasks).ordered.map((t) => t.timeout), [60, undefined]);
    assert.deepEqual(selectScenarios(tasks, { cutoff: 5 }).ordered.map((t) => t.timeout), [5, 5]);
    assert.deepEqual(selectScenarios(tasks, { noCutoff: true }).ordered.map((t) => t.timeout), [NO_CUTOFF_SECONDS, NO_CUTOFF_SECONDS]);
    assert.throws(() => selectScenarios(tasks, { cutoff: 5, noCutoff: true }), { message: "Invalid options:\n  --cutoff and --no-cutoff are mutually exclusive" });
  });

  it("really reverses a reverse_order suite (its dependencies are cleared)", () => {
    const flags = { suite: "TestReturnCode", extra: { reverse_order: true } };
    const tasks = [
      task("before"),
      task("TestReturnCode_Simple", flags),
      task("TestReturnCode_Write", { ...flags, dependencies: ["TestReturnCode_Simple"] }),
      task("TestReturnCode_Modify", { ...flags, dependencies: ["TestReturnCode_Write"] }),
      task("after"),
    ];
    assert.deepEqual(ids(selectScenarios(tasks).ordered), ["before", "TestReturnCode_Modify", "TestReturnCode_Write", "TestReturnCode_Simple", "after"]);
  });

  it("clears every dependency of a reverse_order member, as agbenchmark does (outside ones and unknown names too)", () => {
    const flags = { suite: "TestReturnCode", extra: { reverse_order: true } };
    const tasks = [
      task("setup"),
      task("TestReturnCode_Simple", { ...flags, dependencies: ["setup", "no_such_task"] }),
      task("TestReturnCode_Write", { ...flags, dependencies: ["TestReturnCode_Simple"] }),
      task("later", { dependencies: ["TestReturnCode_Write"] }),
    ];
    const graph = buildDependencyGraph(tasks);
    assert.deepEqual([...graph.values()].map((deps) => deps.map((d) => d.id)), [[], [], [], ["TestReturnCode_Write"]]);
    assert.deepEqual(ids(selectScenarios(tasks).ordered), ["setup", "TestReturnCode_Write", "TestReturnCode_Simple", "later"]);
  });

  it("selects by run mode from the history", () => {
    const tasks = [task("reg"), task("flaky"), task("never")];
    const history = { regression: { reg: { scenario: "suite", streak: 3, "success_%": 100 } }, successRate: { reg: [true, true, true], flaky: [false, true, false], never: [false] } };
    assert.deepEqual(ids(selectScenarios(tasks, { mode: "maintain", history }).ordered), ["reg"]);
    assert.deepEqual(ids(selectScenarios(tasks, { mode: "improve", history }).ordered), ["flaky", "never"]);
    const explore = selectScenarios(tasks, { mode: "explore", history });
    assert.deepEqual(ids(explore.ordered), ["never"]);
    assert.deepEqual(explore.excluded.map((e) => e.reason), ["passed before (--explore)", "passed before (--explore)"]);
  });
});
