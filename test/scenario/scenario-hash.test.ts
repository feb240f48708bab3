import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { cp } from "node:fs/promises";
import { loadScenarios } from "../../src/scenario/load-scenarios.ts";
import { scenarioHash } from "../../src/scenario/scenario-hash.ts";
import type { ScenarioInstance } from "../../src/types.ts";
import { FIXTURES, tempTree, type TempTree } from "./temp-tree.ts";

let a: TempTree;
let b: TempTree;
before(async () => {
  a = await tempTree({ "global/global_init.sh": ":\n", "config.yaml": "x: 1\n" });
  b = await tempTree();
  await cp(FIXTURES, a.path("bench"), { recursive: true });
  await cp(FIXTURES, b.path("elsewhere/bench"), { recursive: true });
});
after(async () => {
  await a.remove();
  await b.remove();
});

async function load(root: string, id: string): Promise<ScenarioInstance> {
  const { scenarios } = await loadScenarios("bench/Tasks/forms.jsonl", { cwd: root });
  const found = scenarios.find((s) => s.id === id);
  assert.ok(found);
  return found;
}

describe("scenarioHash", () => {
  it("is a sha256 hex, stable across calls and across folders (machines)", async () => {
    const here = await scenarioHash(await load(a.root, "list_template"));
    assert.match(here, /^[0-9a-f]{64}$/);
    assert.equal(await scenarioHash(await load(a.root, "list_template")), here);
    assert.equal(await scenarioHash(await load(b.path("elsewhere"), "list_template")), here);
  });

  it("changes with any template byte, the global template, config file, version or command", async () => {
    const s = await load(a.root, "dir_template");
    const options = { globalTemplate: a.path("global"), configFile: a.path("config.yaml"), version: "1.0.0" };
    const base = await scenarioHash(s, options);
    const seen = new Set([base]);
    const expectNew = async (label: string, hash: Promise<string>): Promise<void> => {
      const value = await hash;
      assert.ok(!seen.has(value), label);
      seen.add(value);
    };
    await a.write("bench/Templates/TwoAgents/data/info.txt", "data for __MODEL__!\n");
    await expectNew("template byte", scenarioHash(s, options));
    await a.write("global/global_init.sh", ": changed\n");
    await expectNew("global template", scenarioHash(s, options));
    await a.write("config.yaml", "x: 2\n");
    await expectNew("config file", scenarioHash(s, options));
    await expectNew("version", scenarioHash(s, { ...options, version: "1.0.1" }));
    await expectNew("command", scenarioHash({ ...s, command: "python3 scenario.py" }, options));
    await expectNew("timeout", scenarioHash({ ...s, timeout: 5 }, options));
    await expectNew("substitution value", scenarioHash({ ...s, substitutions: { ...s.substitutions, "prompt.txt": { __PROMPT__: "other" } } }, options));
    await a.write("bench/Templates/TwoAgents/new.txt", "");
    await expectNew("a new empty file", scenarioHash(s, options));
  });

  it("depends on the order of replacements but not on labels that do not change the run", async () => {
    const s = await load(a.root, "file_template");
    const reversed = { "scenario.py": { __PROMPT__: "Say hi", __MODEL__: "gpt-4" } };
    assert.notEqual(await scenarioHash({ ...s, substitutions: reversed }), await scenarioHash(s));
    assert.equal(await scenarioHash({ ...s, category: ["x"], suite: "S", extra: { a: 1 } }), await scenarioHash(s));
  });
});
