import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdir, mkdtemp, readFile, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { importAgbenchmark } from "../../src/import/agbenchmark/import-agbenchmark.ts";
import { loadScenarios } from "../../src/scenario/load-scenarios.ts";
import { selectScenarios } from "../../src/select/select-scenarios.ts";

const fixtures = new URL("../fixtures/agbenchmark/", import.meta.url).pathname;
const challenges = join(fixtures, "challenges");

async function lines(path: string): Promise<Record<string, unknown>[]> {
  return (await readFile(path, "utf8")).trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe("importAgbenchmark", () => {
  it("writes one scenario line per challenge, with metadata and grounds", async () => {
    const out = await mkdtemp(join(tmpdir(), "agb-import-"));
    const imported = await importAgbenchmark(challenges, out, { agentCommand: 'my-agent "$BENCH_TASK"' });
    assert.equal(imported.count, 12);
    assert.deepEqual(imported.warnings, ['TestCapitalNote: eval type "llm" is not supported; scored by should_contain/should_not_contain only']);
    const byId = Object.fromEntries((await lines(imported.jsonl)).map((l) => [l.id, l]));
    const verify = (dir: string, id: string) => ({ files: ["Verifiers/grade.py", `Verifiers/${dir}`], command: 'python3 "$BENCH_TESTS/grade.py"', mode: "separate", timeout: 300, env: { AGB_TASK: id } });
    assert.deepEqual(byId.TestReadFile, {
      id: "TestReadFile", template: "Templates/TestReadFile", command: "sh agent.sh", timeout: 30, category: ["interface"],
      difficulty: "interface", dependencies: ["TestWriteFile"], verify: verify("TestReadFile", "TestReadFile"),
    });
    assert.deepEqual(byId["TestHarbourRevenue_1.1"], {
      id: "TestHarbourRevenue_1.1", template: "Templates/TestHarbourRevenue", command: "sh agent.sh", timeout: 60,
      category: ["retrieval"], difficulty: "intermediate", dependencies: ["TestWriteFile"], suite: "TestHarbourRevenue", same_task: true,
      verify: verify("TestHarbourRevenue", "TestHarbourRevenue_1.1"),
    });
    assert.equal(byId.TestEcho_Second?.reverse_order, true);
    // The grounds and checks live only in the verifier folder; a same_task suite's lists every member.
    const suite = JSON.parse(await readFile(join(out, "Verifiers", "TestHarbourRevenue", "grounds.json"), "utf8")) as { members: { id: string }[] };
    assert.deepEqual(suite.members.map((m) => m.id), ["TestHarbourRevenue_1.0", "TestHarbourRevenue_1.1"]);
    const triple = JSON.parse(await readFile(join(out, "Verifiers", "TestTripleInt", "grounds.json"), "utf8")) as { members: { ground: unknown }[] };
    assert.deepEqual(triple.members[0]?.ground, {
      answer: "triple_int(5) == 15", should_contain: ["triple 5 -> 15"], should_not_contain: ["Traceback"], files: ["check_triple.py"], eval: { type: "python" },
    });
    await stat(join(out, "Verifiers", "TestTripleInt", "custom_python", "check_triple.py"));
    await assert.rejects(stat(join(out, "Templates", "TestTripleInt", ".bench", "custom_python")), { code: "ENOENT" });
    const template = join(out, "Templates", "TestReadFile");
    assert.equal(await readFile(join(template, ".bench", "task"), "utf8"), "Read ledger.txt and copy its content into copy.txt.");
    assert.equal(await readFile(join(template, "workspace", "ledger.txt"), "utf8"), "tide table 7\n");
    assert.match(await readFile(join(template, "agent.sh"), "utf8"), /\n\(\nmy-agent "\$BENCH_TASK"\n\)\n/);
    await assert.rejects(stat(join(template, ".bench", "artifacts_out")), { code: "ENOENT" });
  });

  it("produces scenarios loadScenarios accepts and selectScenarios orders", async () => {
    const out = await mkdtemp(join(tmpdir(), "agb-import-"));
    const { jsonl } = await importAgbenchmark(challenges, out, { agentCommand: "true" });
    const { scenarios } = await loadScenarios(jsonl, { globalTemplate: null });
    const { ordered } = selectScenarios(scenarios);
    const order = ordered.map((t) => t.id);
    assert.ok(order.indexOf("TestWriteFile") < order.indexOf("TestReadFile"));
    assert.ok(order.indexOf("TestReadFile") < order.indexOf("TestAppendFile"));
    assert.deepEqual(order.filter((id) => id.startsWith("TestEcho")), ["TestEcho_Third", "TestEcho_Second", "TestEcho_First"]);
  });

  it("reports a dependency cycle among imported challenges", async () => {
    const out = await mkdtemp(join(tmpdir(), "agb-import-"));
    const { jsonl } = await importAgbenchmark(join(fixtures, "cycle"), out, { agentCommand: "true" });
    const { scenarios } = await loadScenarios(jsonl, { globalTemplate: null });
    assert.throws(() => selectScenarios(scenarios), {
      message: `Invalid dependencies:\n  ${jsonl}:1: dependency cycle TestKnotA -> TestKnotB -> TestKnotA`,
    });
  });

  it("needs an agent command unless --mock, and names bad data.json files", async () => {
    const out = await mkdtemp(join(tmpdir(), "agb-import-"));
    await assert.rejects(importAgbenchmark(challenges, out, {}), { message: "Invalid options:\n  --agent-command is required (or --mock to copy artifacts_out)" });
    await assert.rejects(importAgbenchmark(out, out, { mock: true }), { message: `Invalid agbenchmark challenges:\n  ${out}: no data.json found` });
    // A trailing comma (line 6) and a missing name: the file, the line and column, the field.
    const broken = await mkdtemp(join(tmpdir(), "agb-broken-"));
    await mkdir(join(broken, "a"));
    await mkdir(join(broken, "b"));
    await writeFile(join(broken, "a", "data.json"), '{\n  "name": "A",\n  "task": "x",\n  "ground": {},\n  "category": ["coding"],\n}\n');
    await writeFile(join(broken, "b", "data.json"), '{\n  "task": "x",\n  "ground": {}\n}\n');
    await assert.rejects(importAgbenchmark(broken, out, { mock: true }), (error: Error) => {
      const [first, second] = error.message.split("\n").slice(1);
      assert.match(first!, new RegExp(`^  ${join(broken, "a", "data.json")}:6:1: `));
      assert.equal(second, `  ${join(broken, "b", "data.json")}: "name" must be a non-empty string`);
      return true;
    });
  });
});
