import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { cp, mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expandAssignments } from "../../src/config/agentbench/expand-assignments.ts";
import { loadInstance } from "../../src/config/agentbench/load-instance.ts";
import { runAssignments } from "../../src/config/agentbench/run-assignments.ts";
import type { RunOptions, RunSummary } from "../../src/types.ts";

const cwd = new URL("../fixtures/agentbench/", import.meta.url).pathname.replace(/\/$/, "");
const ctxFor = (file: string) => ({ file: join(cwd, file), path: "agent", stack: [join(cwd, file)], cwd });

describe("AgentBench configs", () => {
  it("from: inherits, overrides deep-merge (siblings kept) and lists concatenate, as AgentBench's deep_merge does", async () => {
    const large = await loadInstance("agents/large.yaml", ctxFor("assignments/x.yaml"));
    assert.deepEqual(large, {
      module: "src.agents.HTTPAgent",
      parameters: {
        name: "harbor-large",
        url: "http://127.0.0.1:9/v1/chat/completions",
        headers: { "Content-Type": "application/json", Authorization: "Bearer ${HARBOR_API_KEY}" },
        body: { model: "harbor-large", temperature: 0, stop: ["\n\n", "END"] },
        prompter: { name: "role_content_dict", args: { agent_role: "assistant" } },
      },
    });
  });

  it("2 agents × 3 tasks → 6 runs, with per-task workers and a workers override", async () => {
    const runs = await expandAssignments("assignments/two-by-three.yaml", { cwd });
    assert.deepEqual(runs.map((r) => [r.agentName, r.taskName, r.workers]), [
      ["harbor-small", "os-dev", 2], ["harbor-small", "db-dev", 5], ["harbor-small", "kg-dev", 2],
      ["harbor-large", "os-dev", 2], ["harbor-large", "db-dev", 5], ["harbor-large", "kg-dev", 2],
    ]);
    assert.deepEqual(runs[4]?.input, [join(cwd, "Tasks/db.jsonl")]);
    assert.equal(runs[4]?.resultsDir, join(cwd, "out", "harbor-large", "db-dev"));
    assert.deepEqual(runs[0]?.env, { BENCH_AGENT_NAME: "harbor-small", BENCH_AGENT_MODULE: "src.agents.HTTPAgent", BENCH_AGENT_URL: "http://127.0.0.1:9/v1/chat/completions" });
    assert.match(runs[3]?.configYaml ?? "", /^module: src\.agents\.HTTPAgent\nparameters:\n  name: harbor-large\n/);
  });

  it("a circular from: chain is an error naming the file, key and chain", async () => {
    await assert.rejects(expandAssignments("assignments/cycle.yaml", { cwd }), {
      message: "Invalid agentbench config:\n  cycle/b.yaml:1: from: circular reference cycle/a.yaml -> cycle/b.yaml -> cycle/a.yaml",
    });
  });

  it("every file is read by the one YAML reader: bad YAML, alias cycles and missing files name the file (and line:col)", async () => {
    const dir = await mkdtemp(join(tmpdir(), "assign-yaml-"));
    await writeFile(join(dir, "a.yaml"), "assignments:\n  - agent: agents/x.yaml\n    task: [unclosed\n");
    await assert.rejects(expandAssignments("a.yaml", { cwd: dir }), { message: /^Invalid agentbench config:\n {2}a\.yaml:\d+:\d+: invalid YAML: / });
    await writeFile(join(dir, "b.yaml"), "assignments:\n  - agent: agents/loop.yaml\n    task: t\n");
    await mkdir(join(dir, "agents"));
    await writeFile(join(dir, "agents/loop.yaml"), "module: m\nparameters: &p\n  self: *p\n");
    await assert.rejects(expandAssignments("b.yaml", { cwd: dir }), { message: "Invalid agentbench config:\n  agents/loop.yaml: a YAML alias refers to itself (cycle)" });
    await assert.rejects(expandAssignments("missing.yaml", { cwd: dir }), { message: /^Invalid agentbench config:\n {2}missing\.yaml: cannot read: ENOENT/ });
  });

  it("unknown keys are errors naming the file, line and key", async () => {
    await assert.rejects(expandAssignments("assignments/bad-key.yaml", { cwd }), {
      message: 'Invalid agentbench config:\n  assignments/bad-key.yaml:3: assignments[0].tsak: unknown key "tsak" (expected agent, task, output, workers)',
    });
    await assert.rejects(expandAssignments("assignments/bad-instance-key.yaml", { cwd }), {
      message: 'Invalid agentbench config:\n  assignments/bad-instance-key.yaml:4: assignments[0].agent.paramters: unknown key "paramters" (expected module, parameters, docker_image, workers, from)',
    });
    await assert.rejects(expandAssignments("assignments/bad-inherited-key.yaml", { cwd }), {
      message: 'Invalid agentbench config:\n  agents/typo.yaml:2: paramaters: unknown key "paramaters" (expected module, parameters, docker_image, workers, from)',
    });
  });

  it("runAssignments runs each pair with its config.yaml and workers", async () => {
    const root = await mkdtemp(join(tmpdir(), "assign-"));
    await cp(cwd, root, { recursive: true });
    const calls: { input: string[]; options: RunOptions; config: string }[] = [];
    const fake = async (input: string[], options: RunOptions) => {
      calls.push({ input, options, config: await readFile(options.configFile!, "utf8") });
      return { runId: "r" } as RunSummary;
    };
    const out = await runAssignments(join(root, "assignments/two-by-three.yaml"), { cwd: root, resultsDir: "ignored", runtime: "native" }, fake);
    assert.equal(out.length, 6);
    assert.equal(calls[1]?.options.parallel, 5);
    assert.equal(calls[1]?.options.runtime, "native");
    assert.deepEqual(calls[1]?.input, [join(root, "Tasks/db.jsonl")]);
    assert.equal(calls[1]?.options.resultsDir, join(root, "out", "harbor-small", "db-dev"));
    assert.equal(calls[1]?.options.configFile, join(root, "out", "harbor-small", "db-dev", "agent-config.yaml"));
    assert.match(calls[1]?.config ?? "", /Authorization: Bearer \$\{HARBOR_API_KEY\}/);
  });
});
