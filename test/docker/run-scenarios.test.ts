import { describe, it, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { runScenarios } from "../../sdk/index.ts";
import { dockerEngine, NODE_IMAGE, PYTHON_IMAGE } from "./engine.ts";
import { labelled } from "./helpers.ts";

const engine = await dockerEngine();
const root = resolve(import.meta.dirname, "../..");

async function copyQuickstart(dirs: string[]): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "bench-docker-qs-"));
  dirs.push(dir);
  await cp(join(root, "examples/quickstart"), dir, { recursive: true, filter: (src) => !src.includes("/Results") });
  return dir;
}

const runIdOf = async (dir: string): Promise<string> => (JSON.parse(await readFile(join(dir, "Results/run.json"), "utf8")) as { runId: string }).runId;

describe("runScenarios on Docker (end to end)", { skip: engine.skip }, () => {
  const dirs: string[] = [];
  after(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  it("quickstart in containers: every status as designed, hang killed at its timeout, nothing left", async () => {
    const dir = await copyQuickstart(dirs);
    const summary = await runScenarios("Tasks", { cwd: dir, parallel: 2, dockerImage: NODE_IMAGE });
    const statuses = Object.fromEntries(summary.results.map((r) => [`${r.scenario}/${r.id}`, r.status]));
    assert.deepEqual(statuses, {
      "adder/add_small": "passed", "adder/add_negative": "passed", "adder/add_large": "passed",
      "adder/add_wrong_answer": "failed", "faults/crash": "error", "faults/hang": "timeout",
    });
    const hang = summary.results.find((r) => r.id === "hang");
    assert.ok(hang && hang.timedOut && hang.durationMs >= 1900 && hang.durationMs < 7000, `hang killed at about 2 s (${hang?.durationMs} ms)`);
    assert.deepEqual([...new Set(summary.results.map((r) => `${r.runner} ${r.image}`))], [`docker ${NODE_IMAGE}`]);
    const manifest = JSON.parse(await readFile(join(dir, "Results/run.json"), "utf8")) as { runner: string; workspace?: string };
    assert.deepEqual([manifest.runner, manifest.workspace], ["docker", "bind"], "a local engine: the run folder is bind-mounted");
    assert.match(await readFile(join(dir, "Results/adder/add_small/0/console_log.txt"), "utf8"), /agent answered 5\nALL TESTS PASSED !#!#\n/);
    assert.equal(await labelled(engine.docker, summary.runId), 0);
  });

  it("requirements.txt: one derived image built for all runs, run.sh skips its own install", async () => {
    const dir = await mkdtemp(join(tmpdir(), "bench-docker-req-"));
    dirs.push(dir);
    await mkdir(join(dir, "Templates/Req"), { recursive: true });
    await cp(new URL("./fixtures/wheels", import.meta.url).pathname, join(dir, "Templates/Req/wheels"), { recursive: true });
    await writeFile(join(dir, "Templates/Req/requirements.txt"), `# e2e ${Date.now()}\n--no-index\n--find-links ./wheels\nbenchdemo==1.0\n`);
    await writeFile(join(dir, "Templates/Req/scenario.py"), "import benchdemo\nprint(benchdemo.GREETING)\nprint('ALL TESTS PASSED !#!#')\n");
    await writeFile(join(dir, "req.jsonl"), ["a", "b"].map((id) => JSON.stringify({ id, template: "Templates/Req", command: "python3 scenario.py" })).join("\n") + "\n");
    // The runner runScenarios makes itself: its image builds come back as notice events.
    const notices: string[] = [];
    const summary = await runScenarios("req.jsonl", {
      cwd: dir, dockerImage: PYTHON_IMAGE, repeat: 2, parallel: 2,
      onEvent: (event) => void (event.type === "notice" && notices.push(event.message)),
    });
    const tag = summary.results[0]?.image ?? "";
    try {
      assert.match(tag, /^bench-action-req:[0-9a-f]{16}$/);
      const builds = notices.filter((m) => m.includes("Docker image"));
      assert.equal(builds.length, 2, notices.join("\n"));
      assert.equal(builds[0], `Building Docker image ${tag} (requirements.txt on ${PYTHON_IMAGE}); log: ${join(tmpdir(), "bench-action-builds", `${tag.replace(":", "_")}.log`)}`);
      assert.match(builds[1] ?? "", new RegExp(`^Built Docker image ${tag} in \\d+\\.\\d s$`));
      assert.deepEqual(summary.results.map((r) => [r.id, r.rep, r.status, r.image]), [["a", 0, "passed", tag], ["a", 1, "passed", tag], ["b", 0, "passed", tag], ["b", 1, "passed", tag]]);
      const log = await readFile(join(dir, "Results/req/a/1/console_log.txt"), "utf8");
      assert.match(log, /hello from benchdemo\n/);
      assert.doesNotMatch(log, /pip install|Processing|REQUIREMENTS INSTALL FAILED/);
    } finally {
      await engine.docker.getImage(tag).remove({ force: true }).catch(() => {});
    }
  });

  it("SIGINT to `bench run` mid-run: exit 130, 0 labelled containers, the resume completes the interrupted run", async () => {
    const dir = await copyQuickstart(dirs);
    await writeFile(join(dir, "Tasks/slow.jsonl"), '{"id": "sleepy", "template": "../Templates/Hang", "command": "node scenario.js", "timeout": 60}\n');
    const args = ["run", "Tasks/slow.jsonl", "Tasks/adder.jsonl", "-d", NODE_IMAGE, "--filter", "^(sleepy|add_small)$"];
    const child = spawn(process.execPath, [join(root, "bin/bench.js"), ...args], { cwd: dir, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += String(chunk)));
    const exited = new Promise<number | null>((done) => child.on("exit", (code) => done(code)));
    const logFile = join(dir, "Results/slow/sleepy/0/console_log.txt");
    while (!(await readFile(logFile, "utf8").catch(() => "")).includes("SCENARIO.PY STARTING")) await new Promise((r) => setTimeout(r, 50));
    const runId = await runIdOf(dir);
    assert.equal(await labelled(engine.docker, runId), 1);
    child.kill("SIGINT");
    assert.equal(await exited, 130, stderr);
    assert.ok(stderr.includes("SIGINT received, stopping runs"), stderr);
    assert.equal(await labelled(engine.docker, runId), 0);
    assert.equal((await engine.docker.listContainers({ all: true, filters: { label: ["bench-action.scenario=slow"] } })).length, 0);
    assert.ok(!existsSync(join(dir, "Results/slow/sleepy/0/result.json")));

    await writeFile(join(dir, "Tasks/slow.jsonl"), '{"id": "sleepy", "template": "../Templates/Hang", "command": "node scenario.js", "timeout": 1}\n');
    const resumed = await runScenarios(["Tasks/slow.jsonl", "Tasks/adder.jsonl"], { cwd: dir, dockerImage: NODE_IMAGE, filter: "^(sleepy|add_small)$" });
    assert.deepEqual(resumed.results.map((r) => [r.id, r.status, r.runner]), [["sleepy", "timeout", "docker"], ["add_small", "passed", "docker"]]);
    assert.equal(await labelled(engine.docker, resumed.runId), 0);
  });
});
