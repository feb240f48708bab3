/**
 * AgentBench's two assignment formats on fixtures in the shape of its own files
 * (test/fixtures/agentbench/main and v0.1; FIXTURES.md names the upstream file each mimics).
 * expected-*.json were written by AgentBench's own ConfigLoader (src/configs.py) from these fixtures.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { cp, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigLoader } from "../../sdk/agentbench.ts";
import { expandAssignments } from "../../src/config/agentbench/expand-assignments.ts";
import { fillOutput } from "../../src/config/agentbench/output-template.ts";
import { runAssignments } from "../../src/config/agentbench/run-assignments.ts";
import type { RunOptions, RunSummary } from "../../src/types.ts";

const fixtures = new URL("../fixtures/agentbench/", import.meta.url).pathname;
const main = join(fixtures, "main");
const v01 = join(fixtures, "v0.1");
const now = new Date(2026, 2, 4, 5, 6, 7);

describe("AgentBench main-branch format", () => {
  it("the loader gives exactly what AgentBench's ConfigLoader gives (import, default, overwrite, lists concatenated)", async () => {
    for (const [file, expected] of [["default.yaml", "expected-default.json"], ["bench.yaml", "expected-bench.json"]]) {
      const loaded = await new ConfigLoader(main).loadFrom(join(main, "configs/assignments", file!));
      // Key order too: the same JSON text as AgentBench's json.dumps of its result.
      assert.equal(JSON.stringify(loaded), JSON.stringify(JSON.parse(await readFile(join(main, expected!), "utf8"))), file);
    }
  });

  it("expands assignments: lists of agents and tasks, workers from concurrency, output/{agent}/{task}", async () => {
    const runs = await expandAssignments("configs/assignments/default.yaml", { cwd: main, now });
    assert.deepEqual(runs.map((r) => [r.agentName, r.taskName, r.workers, r.task.module]), [
      ["harbor-chat-0613", "dbbench-std", 4, "src.client.TaskClient"],
      ["harbor-chat-0613", "os-std", 3, "src.client.TaskClient"],
    ]);
    assert.equal(runs[0]?.resultsDir, join(main, "outputs", "2026-03-04-05-06-07", "harbor-chat-0613", "dbbench-std"));
    assert.deepEqual(runs[0]?.input, [], "AgentBench's tasks name no scenario files");
    assert.equal(runs[0]?.task.parameters.controller_address, "http://localhost:5000/api");
  });

  it("a real assignment loads but does not run until its tasks name scenarios", async () => {
    const never = async (): Promise<RunSummary> => assert.fail("nothing runs");
    await assert.rejects(runAssignments(join(main, "configs/assignments/default.yaml"), { cwd: main }, never), {
      message: "Invalid agentbench config:\n" +
        `  configs/assignments/default.yaml: task "dbbench-std" (module src.client.TaskClient) has no parameters.scenarios; bench runs scenario JSONL files, not AgentBench's task workers: add parameters.scenarios to the task (docs/migrating.md#from-agentbench)\n` +
        `  configs/assignments/default.yaml: task "os-std" (module src.client.TaskClient) has no parameters.scenarios; bench runs scenario JSONL files, not AgentBench's task workers: add parameters.scenarios to the task (docs/migrating.md#from-agentbench)`,
    });
  });

  it("an overlay that imports the real file and adds scenarios runs natively", async () => {
    const root = await mkdtemp(join(tmpdir(), "ab-main-"));
    await cp(fixtures, root, { recursive: true });
    await writeFile(join(root, "Tasks", "Templates", "check", "check.sh"), 'grep "name: harbor-chat-0613" config.yaml && echo "ALL TESTS PASSED !#!#"\n');
    const { runScenarios } = await import("../../src/run/run-scenarios.ts");
    const seen: RunOptions[] = [];
    const pairs = await runAssignments(join(root, "main/configs/assignments/bench.yaml"), { cwd: root, runtime: "native", cacheDir: join(root, "cache") }, (input, options) => {
      seen.push(options);
      return runScenarios(input, options);
    });
    assert.deepEqual(pairs.map((p) => [p.agentName, p.taskName, p.summary.counts.passed, p.summary.counts.failed]), [
      ["harbor-chat-0613", "dbbench-std", 1, 0],
      ["harbor-chat-0613", "os-std", 1, 0],
    ]);
    assert.equal(seen[0]?.parallel, 4);
    assert.match(seen[0]?.resultsDir ?? "", /\/out\/\d{4}-\d{2}-\d{2}\/harbor-chat-0613\/dbbench-std$/);
  });

  it("names what AgentBench rejects: undefined agents, missing concurrency, unknown placeholders, circular imports", async () => {
    const dir = await mkdtemp(join(tmpdir(), "ab-main-"));
    await writeFile(join(dir, "a.yaml"), "import: b.yaml\n");
    await writeFile(join(dir, "b.yaml"), "import: [a.yaml]\n");
    await assert.rejects(expandAssignments("a.yaml", { cwd: dir }), { message: "Invalid agentbench config:\n  b.yaml: import: circular import a.yaml -> b.yaml -> a.yaml" });
    await writeFile(join(dir, "c.yaml"), [
      "definition: {agent: {x: {module: m}}, task: {t: {module: n}}}",
      "concurrency: {agent: {x: 1}, task: {}}",
      "assignments: [{agent: [x, y], task: t}]",
      "output: 'out/{AGENT_NAME}'",
    ].join("\n"));
    await assert.rejects(expandAssignments("c.yaml", { cwd: dir }), {
      message: "Invalid agentbench config:\n  c.yaml: assignments[0].task: Concurrency of t is not specified (concurrency.task)\n  c.yaml: assignments[0].agent: Agent y is not defined (definition.agent; did you mean \"x\"?)\n  c.yaml: assignments[0].agent: Concurrency of y is not specified (concurrency.agent)",
    });
    await writeFile(join(dir, "d.yaml"), [
      "definition: {agent: {gpt-4-0613: {module: m}}, task: {os-std: {module: n}}}",
      "concurrency: {agent: {gpt-4-0613: 1}, task: {os-std: 1}}",
      "assignments: [{agent: gpt-4-0613, task: os-std}, {agent: gpt-4-0631, task: os-std}]",
    ].join("\n"));
    await assert.rejects(expandAssignments("d.yaml", { cwd: dir }), {
      message: "Invalid agentbench config:\n  d.yaml: assignments[1].agent: Agent gpt-4-0631 is not defined (definition.agent; did you mean \"gpt-4-0613\"?)\n  d.yaml: assignments[1].agent: Concurrency of gpt-4-0631 is not specified (concurrency.agent)",
    });
    await writeFile(join(dir, "c.yaml"), (await readFile(join(dir, "c.yaml"), "utf8")).replace("task: {}}", "task: {t: 2}}").replace("[x, y]", "x"));
    await assert.rejects(expandAssignments("c.yaml", { cwd: dir }), {
      message: "Invalid agentbench config:\n  c.yaml: output: unknown placeholder {AGENT_NAME} (known: {TIMESTAMP}, {TIMESTAMP_DATE}, {TIMESTAMP_TIME}; write {{ and }} for braces)",
    });
  });
});

describe("AgentBench v0.1 format", () => {
  it("dev.yaml: a task given as a file keeps the default's parameters; from: overrides; lists concatenate", async () => {
    const runs = await expandAssignments("configs/assignments/dev.yaml", { cwd: v01, now });
    assert.deepEqual(runs.map((r) => [r.agentName, r.taskName, r.workers]), [
      ["harbor-13b", "OS-Interaction-dev", 15],
      ["harbor-13b", "DBBench-dev", 10],
      ["harbor-13b", "WebShop-dev", 15],
    ]);
    assert.deepEqual(runs[1]?.task.parameters.scenarios, ["Tasks/os.jsonl", "Tasks/db.jsonl"], "default list + entry list");
    assert.equal(runs[1]?.task.parameters.data_file, "data/dbbench/dev.jsonl");
    assert.equal(runs[2]?.task.parameters.prompt_file, "configs/tasks/webshop/prompt.yaml", "a nested .yaml string stays a string");
    assert.deepEqual(runs[0]?.agent.parameters, { controller_address: "http://127.0.0.1:9", max_new_tokens: 128, temperature: 0, top_p: 0, name: "harbor-13b", model_name: "harbor-13b" });
  });

  it("fills {TIMESTAMP}, {AGENT_NAME} and {TASK_NAME} in output (default outputs/{TIMESTAMP}/{AGENT_NAME}/{TASK_NAME})", async () => {
    const runs = await expandAssignments("configs/assignments/dev.yaml", { cwd: v01, now });
    assert.equal(runs[0]?.resultsDir, join(v01, "outputs/2026-03-04-05-06-07/harbor-13b/OS-Interaction-dev"));
    assert.equal(runs[2]?.resultsDir, join(v01, "outputs/2026-03-04-05-06-07/harbor-13b-WebShop-dev"));
  });

  it("output templates follow Python's str.format", () => {
    assert.equal(fillOutput("a/{{x}}/{T}", { T: "1" }, "f: output"), "a/{x}/1");
    assert.throws(() => fillOutput("a/{", { T: "1" }, "f: output"), { message: 'Invalid agentbench config:\n  f: output: a single "{" (known: {T}; write {{ and }} for braces)' });
  });
});
