import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { readdir } from "node:fs/promises";
import { loadScenarios } from "../../src/scenario/load-scenarios.ts";
import { expandScenario } from "../../src/scenario/expand-scenario.ts";
import type { ScenarioInstance } from "../../src/types.ts";
import { tempTree, type TempTree } from "./temp-tree.ts";

let tree: TempTree;
before(async () => {
  tree = await tempTree({
    "secret.txt": "outside\n",
    "Templates/Ok/scenario.py": "print(1)\n",
    "Templates/Ok/data/a.txt": "a\n",
    "Templates/Out/scenario.py": "print(1)\n",
    "Templates/Loop/scenario.py": "print(1)\n",
    "Templates/Broken/scenario.py": "print(1)\n",
  });
  await tree.link("Templates/Ok/inside-link.txt", "data/a.txt");
  await tree.link("Templates/Out/leak.txt", tree.path("secret.txt"));
  await tree.link("Templates/Out/up", "../..");
  await tree.link("Templates/Loop/self", ".");
  await tree.link("Templates/Broken/gone.txt", "missing.txt");
});
after(() => tree.remove());

async function issuesOf(line: string): Promise<readonly string[]> {
  await tree.write("Tasks/t.jsonl", `${line}\n`);
  const error = await loadScenarios("Tasks/t.jsonl", { cwd: tree.root }).then(() => undefined, (e: { issues: string[] }) => e);
  return error?.issues ?? [];
}

describe("paths that would leave the run folder are rejected before anything is written", () => {
  it('rejects ".." in a dst', async () => {
    assert.deepEqual(await issuesOf(`{"id": "a", "template": [["../Templates/Ok", "x/../../up"]]}`), [
      'Tasks/t.jsonl:1: /template/0/1: dst must not contain "..", it would leave the run folder: x/../../up',
    ]);
  });

  it("rejects an absolute dst", async () => {
    assert.deepEqual(await issuesOf(`{"id": "a", "template": [["../Templates/Ok/scenario.py", "/tmp/evil.py"]]}`), [
      "Tasks/t.jsonl:1: /template/0/1: dst must be a relative path inside the run folder, not absolute: /tmp/evil.py",
    ]);
  });

  it("rejects template symlinks pointing outside the template, and names each", async () => {
    const outside = tree.path("secret.txt");
    assert.deepEqual(await issuesOf(`{"id": "a", "template": "../Templates/Out"}`), [
      `Tasks/t.jsonl:1: /template: symlink points outside the template: leak.txt -> ${outside}`,
      `Tasks/t.jsonl:1: /template: symlink points outside the template: up -> ${tree.root}`,
    ]);
  });

  it("rejects symlink loops and broken symlinks", async () => {
    assert.deepEqual(await issuesOf(`{"id": "a", "template": "../Templates/Loop"}`), ["Tasks/t.jsonl:1: /template: symlink loop in template: self"]);
    assert.deepEqual(await issuesOf(`{"id": "a", "template": "../Templates/Broken"}`), ["Tasks/t.jsonl:1: /template: broken symlink in template: gone.txt"]);
  });

  it('rejects substitution file names with ".." or an absolute path', async () => {
    assert.deepEqual(await issuesOf(`{"id": "a", "template": "../Templates/Ok", "substitutions": {"../../x.py": {"a": "b"}, "/etc/passwd": {"a": "b"}}}`), [
      'Tasks/t.jsonl:1: /substitutions/..~1..~1x.py: substitution file must not contain "..", it would leave the run folder: ../../x.py',
      "Tasks/t.jsonl:1: /substitutions/~1etc~1passwd: substitution file must be a relative path inside the run folder, not absolute: /etc/passwd",
    ]);
  });

  it("accepts symlinks that stay inside the template and copies their content", async () => {
    assert.deepEqual(await issuesOf(`{"id": "a", "template": "../Templates/Ok", "substitutions": {"./inside-link.txt": {"a": "b"}}}`), []);
    const { scenarios } = await loadScenarios("Tasks/t.jsonl", { cwd: tree.root });
    assert.deepEqual(scenarios[0]?.substitutions, { "inside-link.txt": { a: "b" } });
  });

  it("expandScenario re-checks (a scenario built by hand cannot escape either) and writes nothing", async () => {
    const scenario: ScenarioInstance = {
      id: "a", template: [["Templates/Ok", "../escape"]], substitutions: {}, scenario: "s",
      source: { file: "sdk", line: 0 }, baseDir: tree.root, extra: {},
    };
    const dest = tree.path("Results/s/a/0");
    await assert.rejects(expandScenario(scenario, dest), {
      name: "ConfigError",
      issues: ['sdk:0: /template/0/1: dst must not contain "..", it would leave the run folder: ../escape'],
    });
    assert.deepEqual((await readdir(tree.root)).sort(), ["Tasks", "Templates", "secret.txt"]);
  });
});
