/**
 * The agbench byte-identity check (docs/architecture.md#the-life-of-an-invocation): with the same templates and substitutions, every
 * expanded file other than run.sh and timestamp.txt has the bytes agbench's line-by-line replace
 * gives — checked against a TS transcription of that algorithm and, when python3 is installed,
 * against agbench's expand_scenario code run by Python itself.
 */
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { DEFAULT_GLOBAL_TEMPLATE } from "../../src/scenario/global-template.ts";
import { expandScenario } from "../../src/scenario/expand-scenario.ts";
import { loadScenarios } from "../../src/scenario/load-scenarios.ts";
import type { ScenarioInstance } from "../../src/types.ts";
import { FIXTURES, tempTree, type TempTree } from "./temp-tree.ts";

const FILES = ["agbench.jsonl", "forms.jsonl"].map((name) => join(FIXTURES, "Tasks", name));
const HAS_PYTHON = spawnSync("python3", ["--version"]).status === 0;

/** agbench: for each line, for each find → replace in order, line = line.replace(find, replace). */
function agbenchReplace(text: string, values: Record<string, string>): string {
  const lines = text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  return lines.map((line) => Object.entries(values).reduce((acc, [find, replace]) => acc.split(find).join(replace), line)).join("");
}

async function filesOf(dir: string): Promise<Map<string, Buffer>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const out = new Map<string, Buffer>();
  for (const entry of entries.filter((e) => e.isFile()).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(entry.parentPath, entry.name);
    const rel = relative(dir, path);
    if (rel !== "run.sh" && rel !== "timestamp.txt") out.set(rel, await readFile(path));
  }
  return out;
}

let out: TempTree;
let scenarios: ScenarioInstance[];
before(async () => {
  out = await tempTree();
  scenarios = (await loadScenarios(FILES)).scenarios;
  for (const s of scenarios) await expandScenario(s, out.path(`ours/${s.scenario}/${s.id}`));
});
after(() => out.remove());

describe("agbench byte identity of expanded files", () => {
  it("equals agbench's line-by-line replace over the unsubstituted copy", async () => {
    for (const s of scenarios) {
      const raw = out.path(`raw/${s.scenario}/${s.id}`);
      await expandScenario({ ...s, substitutions: {} }, raw);
      const before = await filesOf(raw);
      const ours = await filesOf(out.path(`ours/${s.scenario}/${s.id}`));
      assert.deepEqual([...ours.keys()].sort(), [...before.keys()].sort(), s.id);
      for (const [file, bytes] of before) {
        const values = s.substitutions[file];
        const expected = values === undefined ? bytes : Buffer.from(agbenchReplace(bytes.toString("utf8"), values));
        assert.ok(ours.get(file)?.equals(expected), `${s.id}: ${file}`);
      }
    }
  });

  it("equals what agbench's own expand_scenario (run by python3) writes", { skip: !HAS_PYTHON && "python3 not installed" }, async () => {
    for (const file of FILES) {
      const name = relative(join(FIXTURES, "Tasks"), file).replace(/\.jsonl$/, "");
      const result = spawnSync("python3", [join(import.meta.dirname, "agbench-expand.py"), file, DEFAULT_GLOBAL_TEMPLATE, out.path(`py/${name}`)], {
        encoding: "utf8", env: { ...process.env, PYTHONUTF8: "1" },
      });
      assert.equal(result.status, 0, result.stderr);
    }
    let compared = 0;
    for (const s of scenarios) {
      const theirs = await filesOf(out.path(`py/${s.scenario}/${s.id}`));
      const ours = await filesOf(out.path(`ours/${s.scenario}/${s.id}`));
      assert.deepEqual([...ours.keys()].sort(), [...theirs.keys()].sort(), s.id);
      for (const [file, bytes] of theirs) {
        assert.ok(ours.get(file)?.equals(bytes), `${s.id}: ${file} differs from agbench`);
        compared++;
      }
    }
    assert.ok(compared >= 50, `compared ${compared} files`);
  });

  it("writes a substituted CRLF or CR template with LF line endings, as agbench's text-mode rewrite does", { skip: !HAS_PYTHON && "python3 not installed" }, async () => {
    // A Windows checkout (core.autocrlf) of a HumanEval-shaped template: prompt.txt and test.txt are
    // substituted (line endings become LF), README.txt is only copied (kept as it is); the value's own
    // CRLF is written as it is.
    const tree = await tempTree({
      "Templates/Crlf/prompt.txt": "Solve:\r\n__PROMPT__\r\nold mac\rline\r\n",
      "Templates/Crlf/test.txt": "__TEST__\r\n",
      "Templates/Crlf/README.txt": "kept\r\nas is\r",
      "Tasks/crlf.jsonl": `${JSON.stringify({ id: "HumanEval_0", template: "../Templates/Crlf", substitutions: { "prompt.txt": { __PROMPT__: "def f():\n    pass\n" }, "test.txt": { __TEST__: "assert f() is None\r\n" } } })}\n`,
    });
    try {
      const [scenario] = (await loadScenarios(tree.path("Tasks/crlf.jsonl"))).scenarios;
      await expandScenario(scenario!, tree.path("ours"));
      const py = spawnSync("python3", [join(import.meta.dirname, "agbench-expand.py"), tree.path("Tasks/crlf.jsonl"), DEFAULT_GLOBAL_TEMPLATE, tree.path("py")], { encoding: "utf8" });
      assert.equal(py.status, 0, py.stderr);
      const ours = await filesOf(tree.path("ours"));
      const theirs = await filesOf(tree.path("py/HumanEval_0"));
      assert.deepEqual([...ours.keys()].sort(), [...theirs.keys()].sort());
      for (const [file, bytes] of theirs) assert.equal(ours.get(file)?.toString("latin1"), bytes.toString("latin1"), file);
      assert.equal(ours.get("prompt.txt")?.toString(), "Solve:\ndef f():\n    pass\n\nold mac\nline\n");
      assert.equal(ours.get("test.txt")?.toString(), "assert f() is None\r\n\n");
      assert.equal(ours.get("README.txt")?.toString(), "kept\r\nas is\r");
    } finally {
      await tree.remove();
    }
  });

  it("substitutes $ patterns, unicode and repeated placeholders literally", async () => {
    const prompt = await readFile(out.path("ours/agbench/humaneval_0/prompt.txt"), "utf8");
    assert.equal(prompt, 'TASK: def add(a, b):\n    """Add two numbers; cost $& $1 $$."""\n\nRepeat: def add(a, b):\n    """Add two numbers; cost $& $1 $$."""\n def add(a, b):\n    """Add two numbers; cost $& $1 $$."""\n\nPrice: $5 and $& and $1 — café ☕\n');
    assert.equal(await readFile(out.path("ours/agbench/humaneval_0/data/info.txt"), "utf8"), "data for zürich ✓\n");
  });
});
