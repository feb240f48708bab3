import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { chmod, readFile, symlink, mkdir } from "node:fs/promises";
import { existsSync } from "node:fs";
import { DEFAULT_COMMAND, renderRunSh } from "../../src/scenario/run-script.ts";
import { tempTree, type TempTree } from "./temp-tree.ts";

const BUSYBOX = spawnSync("sh", ["-c", "command -v busybox"], { encoding: "utf8" }).stdout.trim();
const HAS_BUSYBOX = BUSYBOX !== "";
const SHELLS: [string, string[]][] = [["sh", []], ...(HAS_BUSYBOX ? [["busybox", ["sh"]] as [string, string[]]] : [])];

let tree: TempTree;
before(async () => {
  tree = await tempTree({ "bin/python": "#!/bin/sh\necho \"FAKE PYTHON $*\"\n" });
  await chmod(tree.path("bin/python"), 0o755);
});
after(() => tree.remove());

/** Write run.sh (+ extra files) into a fresh folder and run it with `shell`; env holds only PATH + `env`. */
async function runIn(name: string, shell: [string, string[]], command: string, files: Record<string, string> = {}, env: Record<string, string> = {}) {
  const dir = `${name}-${shell[0]}`;
  await tree.write(`${dir}/run.sh`, renderRunSh({ command, version: "1.2.3" }));
  for (const [rel, content] of Object.entries(files)) await tree.write(`${dir}/${rel}`, content);
  const result = spawnSync(shell[0], [...shell[1], "run.sh"], {
    cwd: tree.path(dir), encoding: "utf8", env: { PATH: `${tree.path("bin")}:${process.env.PATH ?? ""}`, ...env },
  });
  return { ...result, dir: tree.path(dir), markers: result.stdout.split("\n").filter((l) => l.endsWith("!#!#")) };
}

for (const shell of SHELLS) {
  describe(`run.sh under ${[shell[0], ...shell[1]].join(" ")}`, () => {
    it("keeps the scenario's exit code, prints the markers in order, writes timestamp.txt", async () => {
      const r = await runIn("exit3", shell, "echo working\nexit 3");
      assert.equal(r.status, 3, r.stderr);
      assert.deepEqual(r.markers.map((m) => m.replace(/RUNTIME: \d+/, "RUNTIME: S")), [
        "RUN.SH STARTING !#!#", "SCENARIO.PY STARTING !#!#", "SCENARIO.PY EXITED WITH CODE: 3 !#!#",
        "SCENARIO.PY RUNTIME: S !#!#", "RUN.SH COMPLETE !#!#",
      ]);
      assert.match(r.stdout, /SCENARIO.PY STARTING !#!#\nworking\n/);
      assert.match(await readFile(`${r.dir}/timestamp.txt`, "utf8"), /^Timestamp: \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\nbench-action version: 1\.2\.3\n$/);
      assert.equal(r.stderr, "");
    });

    it("reports success, sources init/finalize scripts in agbench's order and cleans caches", async () => {
      const r = await runIn("ok", shell, "echo scenario; mkdir -p .cache __pycache__", {
        "global_init.sh": "echo global_init\n", "scenario_init.sh": "echo scenario_init\n",
        "scenario_finalize.sh": "echo scenario_finalize\n", "global_finalize.sh": "echo global_finalize\n",
      });
      assert.equal(r.status, 0, r.stderr);
      const steps = r.stdout.split("\n").filter((l) => !l.startsWith("SCENARIO.PY RUNTIME"));
      assert.deepEqual(steps, [
        "RUN.SH STARTING !#!#", "global_init", "scenario_init", "SCENARIO.PY STARTING !#!#", "scenario",
        "SCENARIO.PY COMPLETE !#!#", "scenario_finalize", "global_finalize", "RUN.SH COMPLETE !#!#", "",
      ]);
      assert.equal(existsSync(`${r.dir}/.cache`) || existsSync(`${r.dir}/__pycache__`), false);
    });

    it("installs requirements only when requirements.txt has a package and the runner has not", async () => {
      const install = "FAKE PYTHON -m pip install -r requirements.txt";
      assert.match((await runIn("req", shell, "true", { "requirements.txt": "requests\n" })).stdout, new RegExp(install));
      for (const [name, files, env] of [
        ["req-empty", { "requirements.txt": "" }, {}],
        ["req-comments", { "requirements.txt": "# nothing\n\n" }, {}],
        ["req-pre", { "requirements.txt": "requests\n" }, { BENCH_REQUIREMENTS_INSTALLED: "1" }],
      ] as const) {
        assert.doesNotMatch((await runIn(name, shell, "true", files, env)).stdout, /FAKE PYTHON/, name);
      }
    });

    it("an exit or cd inside the command cannot skip the rest of run.sh", async () => {
      const r = await runIn("cd-exit", shell, "cd /\nexit 5");
      assert.equal(r.status, 5);
      assert.ok(existsSync(`${r.dir}/timestamp.txt`));
      assert.equal(r.markers.at(-1), "RUN.SH COMPLETE !#!#");
    });

    it("runs the default command with python (a fake one here)", async () => {
      const r = await runIn("default", shell, DEFAULT_COMMAND);
      assert.equal(r.status, 0);
      assert.match(r.stdout, /SCENARIO.PY STARTING !#!#\nFAKE PYTHON scenario.py\n/);
    });
  });
}

describe("run.sh without python on PATH", { skip: !HAS_BUSYBOX && "busybox not installed" }, () => {
  it("falls back to python3", async () => {
    const bin = tree.path("py3bin");
    await mkdir(bin);
    for (const tool of ["sh", "date", "id", "grep", "rm"]) await symlink(BUSYBOX, `${bin}/${tool}`);
    await tree.write("py3bin/python3", "#!/bin/sh\necho \"PYTHON3 $*\"\n");
    await chmod(`${bin}/python3`, 0o755);
    await tree.write("py3/run.sh", renderRunSh({ command: DEFAULT_COMMAND, version: "1" }));
    const r = spawnSync(BUSYBOX, ["sh", "run.sh"], { cwd: tree.path("py3"), encoding: "utf8", env: { PATH: bin } });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /PYTHON3 scenario.py/);
  });
});

describe("renderRunSh", () => {
  it("quotes the version and uses no GNU-only tools", () => {
    const text = renderRunSh({ command: "true", version: "1'; rm -rf / #" });
    assert.match(text, /bench-action version: "'1'\\''; rm -rf \/ #'/);
    assert.doesNotMatch(text, /^\s*timeout\s|\[\[ |--preserve-status|\bsource\b|\$'/);
  });
});
