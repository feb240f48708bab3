import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { chmod, readdir, readFile, stat } from "node:fs/promises";
import { join, relative } from "node:path";
import { expandScenario } from "../../src/scenario/expand-scenario.ts";
import { loadScenarios } from "../../src/scenario/load-scenarios.ts";
import type { ScenarioInstance } from "../../src/types.ts";
import { FIXTURES, tempTree, type TempTree } from "./temp-tree.ts";

let out: TempTree;
let byId: Map<string, ScenarioInstance>;
before(async () => {
  out = await tempTree({ "config.yaml": "model: gpt-4\n", "confdir/x": "" });
  const { scenarios } = await loadScenarios(join(FIXTURES, "Tasks", "forms.jsonl"));
  byId = new Map(scenarios.map((s) => [s.id, s]));
});
after(() => out.remove());

function scenario(id: string): ScenarioInstance {
  const found = byId.get(id);
  assert.ok(found, id);
  return found;
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name))).sort();
}

const GLOBAL = ["global_finalize.sh", "global_init.sh", "requirements.txt", "run.sh"];

describe("expandScenario: template forms and order", () => {
  it("file template → scenario.py, after the global template, with run.sh last", async () => {
    const dest = out.path("R/forms/file_template/0");
    await expandScenario(scenario("file_template"), dest);
    assert.deepEqual(await listFiles(dest), [...GLOBAL, "scenario.py"].sort());
    const text = await readFile(join(dest, "scenario.py"), "utf8");
    assert.match(text, /^MODEL = "gpt-4"$/m);
    assert.match(text, /^PROMPT = """Say hi"""$/m);
    assert.equal((await stat(join(dest, "run.sh"))).mode & 0o777, 0o755);
    assert.equal(await readFile(join(dest, "requirements.txt"), "utf8"), "");
  });

  it("folder template → merged into the run folder; its requirements.txt overrides the global one", async () => {
    const dest = out.path("R/forms/dir_template/0");
    await expandScenario(scenario("dir_template"), dest);
    assert.deepEqual(await listFiles(dest), [...GLOBAL, "data/info.txt", "prompt.txt", "scenario.py", "scenario_init.sh"].sort());
    assert.equal(await readFile(join(dest, "requirements.txt"), "utf8"), "requests==2.31.0\n");
    assert.equal(await readFile(join(dest, "prompt.txt"), "utf8"), "Task: Plot NVDA\nRepeat: Plot NVDA Plot NVDA\nPrice: $5 and $& and $1 — café ☕\n");
    assert.match(await readFile(join(dest, "scenario.py"), "utf8"), /MODEL = "gpt-4o"  # model: gpt-4o/);
  });

  it("list template: paths merged or copied by base name, [src, dst] placed at dst (into it when a folder)", async () => {
    const dest = out.path("R/forms/list_template/0");
    await expandScenario(scenario("list_template"), dest);
    assert.deepEqual(await listFiles(dest), [
      ...GLOBAL, "data/info.txt", "extra_file.txt", "extras/docs/readme.txt", "extras/extra_file.txt", "extras/notes.md",
      "prompt.txt", "renamed.txt", "scenario.py", "scenario_init.sh",
    ].sort());
    assert.equal(await readFile(join(dest, "extras/notes.md"), "utf8"), "extra notes: ann\n");
    assert.equal(await readFile(join(dest, "renamed.txt"), "utf8"), "extra file bob\n");
    assert.equal(await readFile(join(dest, "extra_file.txt"), "utf8"), "extra file __WHO__\n");
  });

  it("legacy values and the flat form substitute like substitutions", async () => {
    await expandScenario(scenario("legacy_values"), out.path("R/v"));
    assert.match(await readFile(out.path("R/v/prompt.txt"), "utf8"), /^Task: from values$/m);
    await expandScenario(scenario("flat_form"), out.path("R/f"));
    assert.match(await readFile(out.path("R/f/scenario.py"), "utf8"), /MODEL = "flat-model"\nPROMPT = """flat prompt"""/);
  });

  it("copies config.yaml, uses the command in run.sh, honours a custom or no global template", async () => {
    const custom = await tempTree({ "g/global_init.sh": "echo custom\n", "g/skip.example": "x", "g/tool.sh": "#!/bin/sh\n" });
    try {
      await chmod(custom.path("g/tool.sh"), 0o755);
      const dest = out.path("R/ext");
      await expandScenario(scenario("extensions"), dest, { configFile: out.path("config.yaml"), globalTemplate: custom.path("g"), version: "9.9.9" });
      assert.deepEqual(await listFiles(dest), ["config.yaml", "global_init.sh", "run.sh", "scenario.py", "tool.sh"]);
      assert.equal(await readFile(join(dest, "config.yaml"), "utf8"), "model: gpt-4\n");
      assert.equal((await stat(join(dest, "tool.sh"))).mode & 0o111, 0o111, "modes are kept");
      const runSh = await readFile(join(dest, "run.sh"), "utf8");
      assert.match(runSh, /^\(\npython3 scenario.py --fast\n\)$/m);
      assert.match(runSh, /bench-action version: "'9\.9\.9'/);
      await expandScenario(scenario("file_template"), out.path("R/none"), { globalTemplate: null });
      assert.deepEqual(await listFiles(out.path("R/none")), ["run.sh", "scenario.py"]);
    } finally {
      await custom.remove();
    }
  });

  it("keeps the mode of a substituted file, and the last copy of a path wins", async () => {
    const tree = await tempTree({ "T/tool.sh": "echo __X__\n", "T2/tool.sh": "echo second __X__\n" });
    try {
      await chmod(tree.path("T/tool.sh"), 0o750);
      await chmod(tree.path("T2/tool.sh"), 0o755);
      const s: ScenarioInstance = {
        id: "m", template: ["T", "T2"], substitutions: { "tool.sh": { __X__: "y" } },
        scenario: "x", source: { file: "x", line: 1 }, baseDir: tree.root, extra: {},
      };
      await expandScenario(s, tree.path("out"), { globalTemplate: null });
      assert.equal(await readFile(tree.path("out/tool.sh"), "utf8"), "echo second y\n");
      assert.equal((await stat(tree.path("out/tool.sh"))).mode & 0o777, 0o755);
    } finally {
      await tree.remove();
    }
  });

  it("replaces placeholders spanning lines (whole-file replace)", async () => {
    const tree = await tempTree({ "t.py": "a = 1\n# BEGIN\n# END\nb = 2\n" });
    try {
      const s: ScenarioInstance = {
        id: "m", template: "t.py", substitutions: { "scenario.py": { "# BEGIN\n# END\n": "c = 3\n" } },
        scenario: "x", source: { file: "x", line: 1 }, baseDir: tree.root, extra: {},
      };
      await expandScenario(s, tree.path("out"), { globalTemplate: null });
      assert.equal(await readFile(tree.path("out/scenario.py"), "utf8"), "a = 1\nc = 3\nb = 2\n");
    } finally {
      await tree.remove();
    }
  });
});

describe("expandScenario: atomic", () => {
  it("replaces an existing run folder entirely", async () => {
    const dest = out.path("R2/a/0");
    await out.write("R2/a/0/stale.txt", "old run");
    await expandScenario(scenario("file_template"), dest);
    assert.deepEqual(await listFiles(dest), [...GLOBAL, "scenario.py"].sort());
  });

  it("a failure midway (config copy after the templates) leaves no dest and no temp folder", async () => {
    await out.write("R3/a/0/stale.txt", "old run");
    await assert.rejects(expandScenario(scenario("dir_template"), out.path("R3/a/0"), { configFile: out.path("confdir") }), (error: NodeJS.ErrnoException) => {
      assert.ok(["EISDIR", "EINVAL"].includes(error.code ?? ""), error.code); // Node: EISDIR, Deno: EINVAL
      return true;
    });
    assert.deepEqual(await readdir(out.path("R3/a")), []);
    await assert.rejects(expandScenario(scenario("dir_template"), out.path("R3/a/0"), { configFile: out.path("nope.yaml") }), {
      name: "ConfigError",
      issues: [`${out.path("nope.yaml")}: no such file`],
    });
    assert.deepEqual(await readdir(out.path("R3/a")), []);
  });

  it("a command that runs run.sh is refused before anything is written: it would run itself until the timeout", async () => {
    const base = scenario("dir_template");
    for (const command of ["sh run.sh", "bash ./run.sh --fast", "'run.sh'"]) {
      await assert.rejects(expandScenario({ ...base, command }, out.path("R4/a/0")), (error: Error & { issues?: string[] }) => {
        assert.equal(error.name, "ConfigError");
        assert.match(error.issues?.[0] ?? "", /^.+forms\.jsonl:\d+: command: run\.sh is the script bench generates to run this command: it would call itself until the timeout/);
        return true;
      });
    }
    await assert.rejects(readdir(out.path("R4/a/0")), { code: "ENOENT" });
    for (const command of ["sh agent.sh", "python3 my_run.sh.py", "sh prerun.sh"]) {
      await expandScenario({ ...base, command }, out.path("R5/a/0"));
      assert.match(await readFile(out.path("R5/a/0/run.sh"), "utf8"), new RegExp(command.replace(/\./g, "\\.")));
    }
  });
});
