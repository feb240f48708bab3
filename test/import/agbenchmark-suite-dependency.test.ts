/**
 * A dependency on a same_task suite's prefix, as AutoGPT's 2023 tree has it: a challenge names
 * "TestRevenueRetrieval" (the prefix in r2_search_suite_1/suite.json, agbenchmark's single suite test)
 * in its data.json `dependencies`. The tree below is written in that shape: a suite.json with
 * same_task, prefix, dependencies, cutoff, task and shared_category, member data.json files with
 * empty tasks, and a later challenge depending on the prefix. agbenchmark 2023 ran the suite as one
 * test asserting `1 in scores["values"]`, so the dependent runs when any member passed.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { importAgbenchmark } from "../../src/import/agbenchmark/import-agbenchmark.ts";
import { runScenarios } from "../../src/run/run-scenarios.ts";
import { loadScenarios } from "../../src/scenario/load-scenarios.ts";
import { buildDependencyGraph } from "../../src/select/dependency-graph.ts";
import { selectScenarios } from "../../src/select/select-scenarios.ts";
import type { RunResult } from "../../src/types.ts";

const member = (name: string, answer: string, contains: string, difficulty: string) => ({
  name, category: [], task: "", dependencies: [],
  ground: { answer, should_contain: [contains], should_not_contain: [], files: ["revenue.txt"], eval: { type: "file" } },
  info: { difficulty, description: `${name} member` },
});

async function writeJson(path: string, value: unknown): Promise<void> {
  await mkdir(join(path, ".."), { recursive: true });
  await writeFile(path, `${JSON.stringify(value, null, 2)}\n`);
}

/** A 2023-shaped challenges tree with a suite and a challenge that depends on the suite's prefix. */
async function tree2023(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), "agb-2023-"));
  const suite = join(root, "challenges", "retrieval", "r2_search_suite_1");
  await writeJson(join(suite, "suite.json"), {
    same_task: true, prefix: "TestRevenueRetrieval", dependencies: [], cutoff: 60,
    task: "Write the harbour's 2023 revenue into revenue.txt.", shared_category: ["retrieval"],
  });
  await writeJson(join(suite, "1_exact", "data.json"), member("TestRevenueRetrieval_1.0", "$12,345,678", "12,345,678", "novice"));
  await writeJson(join(suite, "2_rounded", "data.json"), member("TestRevenueRetrieval_1.1", "$12.3 million", "12.3 million", "intermediate"));
  await writeJson(join(root, "challenges", "retrieval", "r3", "data.json"), {
    name: "TestRetrieval3", category: ["retrieval"], task: "Write the word report into report.txt.",
    dependencies: ["TestRevenueRetrieval"], cutoff: 60,
    ground: { answer: "report", should_contain: ["report"], should_not_contain: [], files: ["report.txt"], eval: { type: "file" } },
    info: { difficulty: "intermediate", description: "Depends on the revenue suite" },
  });
  return join(root, "challenges");
}

async function importAndRun(agentCommand: string) {
  const challenges = await tree2023();
  const root = join(challenges, "..");
  const imported = await importAgbenchmark(challenges, join(root, "Tasks"), { agentCommand });
  const summary = await runScenarios(imported.jsonl, {
    runtime: "native", resultsDir: join(root, "Results"), cwd: root, cacheDir: join(root, "cache"), parallel: 2,
  });
  return { imported, byId: Object.fromEntries(summary.results.map((r) => [r.id, r])) as Record<string, RunResult> };
}

describe("agbenchmark 2023: a dependency on a same_task suite's prefix", () => {
  it("imports as the suite's name, with no warning, and orders every member first", async () => {
    const challenges = await tree2023();
    const imported = await importAgbenchmark(challenges, join(challenges, "..", "Tasks"), { agentCommand: "true" });
    assert.deepEqual(imported.warnings, []);
    const lines = (await readFile(imported.jsonl, "utf8")).trim().split("\n").map((l) => JSON.parse(l) as { id: string; dependencies?: string[] });
    assert.deepEqual(lines.find((l) => l.id === "TestRetrieval3")?.dependencies, ["TestRevenueRetrieval"]);
    const { scenarios } = await loadScenarios(imported.jsonl, { globalTemplate: null });
    const order = selectScenarios(scenarios).ordered.map((t) => t.id);
    assert.ok(order.indexOf("TestRevenueRetrieval_1.0") < order.indexOf("TestRetrieval3"));
    assert.ok(order.indexOf("TestRevenueRetrieval_1.1") < order.indexOf("TestRetrieval3"));
  });

  it("members run with the suite's cutoff and match its shared_category, as agbenchmark's one suite test did", async () => {
    const challenges = await tree2023();
    // r2_search_suite_1/1_tesla_revenue/data.json carries its own cutoff and category too.
    await writeJson(join(challenges, "retrieval", "r2_search_suite_1", "1_exact", "data.json"),
      { ...member("TestRevenueRetrieval_1.0", "$12,345,678", "12,345,678", "novice"), category: ["memory"], cutoff: 30 });
    const imported = await importAgbenchmark(challenges, join(challenges, "..", "Tasks"), { agentCommand: "true" });
    const lines = (await readFile(imported.jsonl, "utf8")).trim().split("\n").map((l) => JSON.parse(l) as { id: string; timeout?: number; category?: string[] });
    const first = lines.find((l) => l.id === "TestRevenueRetrieval_1.0");
    assert.equal(first?.timeout, 60, "the suite.json cutoff, not the member's");
    assert.deepEqual(first?.category, ["memory", "retrieval"]);
    assert.deepEqual(lines.find((l) => l.id === "TestRevenueRetrieval_1.1")?.category, ["retrieval"]);
  });

  it("runs the dependent when one member passed (agbenchmark's suite test passed)", async () => {
    const { byId } = await importAndRun("printf '12,345,678' > revenue.txt; echo report > report.txt");
    assert.equal(byId["TestRevenueRetrieval_1.0"]?.status, "passed");
    assert.equal(byId["TestRevenueRetrieval_1.1"]?.status, "failed");
    assert.equal(byId.TestRetrieval3?.status, "passed");
  });

  it("skips the dependent, naming the suite and each member's status, when no member passed", async () => {
    const { byId } = await importAndRun("echo report > report.txt");
    assert.equal(byId.TestRetrieval3?.status, "skipped");
    assert.equal(byId.TestRetrieval3?.reason, "dependency suite TestRevenueRetrieval: no member passed (TestRevenueRetrieval_1.0 failed, TestRevenueRetrieval_1.1 failed)");
  });

  it("a member that depends on its own suite is an error naming the file and line", async () => {
    const root = await mkdtemp(join(tmpdir(), "agb-own-suite-"));
    const jsonl = join(root, "s.jsonl");
    const line = (id: string, deps?: string[]) => JSON.stringify({ id, template: ".", command: "true", suite: "S", same_task: true, ...(deps ? { dependencies: deps } : {}) });
    await writeFile(jsonl, `${line("a")}\n${line("b", ["S"])}\n`);
    const { scenarios } = await loadScenarios(jsonl, { globalTemplate: null });
    assert.throws(() => buildDependencyGraph(scenarios), { message: `Invalid dependencies:\n  ${jsonl}:2: task "b" depends on its own suite "S"` });
  });
});
