import { beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createDependencyGate } from "../../src/select/dependency-gate.ts";
import { selectScenarios } from "../../src/select/select-scenarios.ts";
import type { RunStatus, ScenarioInstance } from "../../src/types.ts";
import { resetLines, task } from "./make-task.ts";

/** A worker pool taking units in order; `outcomes` decides each run's status. */
async function runPool(ordered: ScenarioInstance[], outcomes: Record<string, RunStatus>, parallel: number) {
  const gate = createDependencyGate(ordered);
  const finished: { id: string; status: RunStatus; reason?: string }[] = [];
  let next = 0;
  const worker = async () => {
    while (next < ordered.length) {
      const unit = ordered[next++]!;
      const decision = await gate.waitFor(unit);
      if (!decision.run) {
        finished.push({ id: unit.id, status: "skipped", reason: decision.reason });
        gate.record({ scenario: unit.scenario, id: unit.id, rep: 0, status: "skipped" });
        continue;
      }
      await new Promise((resolve) => setImmediate(resolve));
      const status = outcomes[unit.id] ?? "passed";
      finished.push({ id: unit.id, status });
      gate.record({ scenario: unit.scenario, id: unit.id, rep: 0, status });
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return finished;
}

describe("createDependencyGate", () => {
  beforeEach(resetLines);

  const chain = () => [
    task("TestWriteFile"),
    task("TestReadFile", { dependencies: ["TestWriteFile"] }),
    task("TestSearch", { dependencies: ["TestReadFile"] }),
    task("TestBasicRetrieval", { dependencies: ["TestSearch"] }),
    task("TestUnrelated"),
  ];

  for (const parallel of [1, 3]) {
    it(`skips everything downstream of a failure in the middle of a chain (parallel ${parallel})`, async () => {
      const { ordered } = selectScenarios(chain());
      const finished = await runPool(ordered, { TestReadFile: "failed" }, parallel);
      const byId = Object.fromEntries(finished.map((f) => [f.id, f]));
      assert.deepEqual(byId.TestWriteFile, { id: "TestWriteFile", status: "passed" });
      assert.deepEqual(byId.TestReadFile, { id: "TestReadFile", status: "failed" });
      assert.deepEqual(byId.TestSearch, { id: "TestSearch", status: "skipped", reason: "dependency TestReadFile did not pass (failed)" });
      assert.deepEqual(byId.TestBasicRetrieval, { id: "TestBasicRetrieval", status: "skipped", reason: "dependency TestSearch did not pass (skipped)" });
      assert.deepEqual(byId.TestUnrelated, { id: "TestUnrelated", status: "passed" });
    });
  }

  it("waits for the dependency's result before deciding", async () => {
    const [a, b] = [task("a"), task("b", { dependencies: ["a"] })];
    const gate = createDependencyGate([a, b]);
    let decided: unknown;
    const pending = gate.waitFor(b).then((d) => (decided = d));
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(decided, undefined);
    gate.record({ scenario: "suite", id: "a", rep: 0, status: "timeout" });
    await pending;
    assert.deepEqual(decided, { run: false, reason: "dependency a did not pass (timeout)" });
  });

  it("gates each repetition on the same repetition of the dependency", async () => {
    const [a, b] = [task("a"), task("b", { dependencies: ["a"] })];
    const gate = createDependencyGate([a, b]);
    gate.record({ scenario: "suite", id: "a", rep: 0, status: "passed" });
    gate.record({ scenario: "suite", id: "a", rep: 1, status: "error" });
    assert.deepEqual(await gate.waitFor(b, 0), { run: true });
    assert.deepEqual(await gate.waitFor(b, 1), { run: false, reason: "dependency a did not pass (error)" });
  });

  it("ignores dependencies outside the selection, and everything without dependencies", async () => {
    const b = task("b", { dependencies: ["not-selected"] });
    assert.deepEqual(await createDependencyGate([b]).waitFor(b), { run: true });
    const c = task("c", { dependencies: ["a"] });
    assert.deepEqual(await createDependencyGate([task("a"), c], { dependencies: false }).waitFor(c), { run: true });
  });

  it("close() releases waiters as not run", async () => {
    const [a, b] = [task("a"), task("b", { dependencies: ["a"] })];
    const gate = createDependencyGate([a, b]);
    const pending = gate.waitFor(b);
    gate.close("aborted by signal");
    assert.deepEqual(await pending, { run: false, reason: "aborted by signal" });
  });
});

describe("createDependencyGate: a same_task suite named as a dependency", () => {
  beforeEach(resetLines);
  const suiteTasks = () => {
    const members = [task("S_1", { suite: "S", extra: { same_task: true } }), task("S_2", { suite: "S", extra: { same_task: true } })];
    return [...members, task("after", { dependencies: ["S"] })];
  };

  it("is met when any member passed, and waits for every member first", async () => {
    const [m1, m2, after] = suiteTasks();
    const gate = createDependencyGate([m1!, m2!, after!]);
    let decided: unknown;
    const pending = gate.waitFor(after!).then((d) => (decided = d));
    gate.record({ scenario: "suite", id: "S_1", rep: 0, status: "failed" });
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(decided, undefined);
    gate.record({ scenario: "suite", id: "S_2", rep: 0, status: "passed" });
    assert.deepEqual(await pending, { run: true });
  });

  it("is not met when no member passed; a plain suite (not same_task) is no dependency target", async () => {
    const [m1, m2, after] = suiteTasks();
    const gate = createDependencyGate([m1!, m2!, after!]);
    gate.record({ scenario: "suite", id: "S_1", rep: 0, status: "failed" });
    gate.record({ scenario: "suite", id: "S_2", rep: 0, status: "timeout" });
    assert.deepEqual(await gate.waitFor(after!), { run: false, reason: "dependency suite S: no member passed (S_1 failed, S_2 timeout)" });
    const plain = [task("P_1", { suite: "P" }), task("x", { dependencies: ["P"] })];
    assert.throws(() => selectScenarios(plain), /task "x" depends on unknown task "P"/);
  });
});
