/**
 * SIGTERM to `bench run` on Docker mid-run (issue 8; SIGINT is test/docker/run-scenarios.test.ts):
 * exit 130, 0 labelled containers, finished runs' result.json intact, the resume completes the rest.
 */
import { describe, it, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runScenarios } from "../../sdk/index.ts";
import { dockerEngine, PYTHON_IMAGE } from "../docker/engine.ts";
import { labelled } from "../docker/helpers.ts";
import { startBench } from "./cli.ts";
import { until } from "./proc.ts";

const engine = await dockerEngine();
const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const quick = (id: string) => ({ id, template: "../T", command: `echo "output of ${id}"; echo 'ALL TESTS PASSED !#!#'` });
const slow = (id: string) => ({ id, template: "../T", command: "echo started; sleep 300", timeout: 120 });
const write = (dir: string, lines: object[]) => writeFileSync(join(dir, "Tasks/s.jsonl"), lines.map((l) => JSON.stringify(l)).join("\n") + "\n");

describe("faults: SIGTERM to `bench run` (Docker)", { skip: engine.skip }, () => {
  it("exit 130, 0 labelled containers, finished result.json intact, the resume completes the rest", async () => {
    const dir = mkdtempSync(join(tmpdir(), "bench-faults-docker-"));
    dirs.push(dir);
    mkdirSync(join(dir, "Tasks"));
    mkdirSync(join(dir, "T"));
    writeFileSync(join(dir, "T/readme.txt"), "t\n");
    write(dir, [quick("q1"), slow("s1"), slow("s2")]);
    const run = startBench(["run", "Tasks", "-d", PYTHON_IMAGE, "-p", "2"], dir);
    try {
      const logOf = (id: string) => { try { return readFileSync(join(dir, "Results/s", id, "0/console_log.txt"), "utf8"); } catch { return ""; } };
      await until(() => logOf("s1").includes("started") && logOf("s2").includes("started"), 60_000, "both slow runs to start");
      const runId = (JSON.parse(readFileSync(join(dir, "Results/run.json"), "utf8")) as { runId: string }).runId;
      assert.equal(await labelled(engine.docker, runId), 2);
      const finished = readFileSync(join(dir, "Results/s/q1/0/result.json"), "utf8");
      run.child.kill("SIGTERM");
      const exit = await run.done;
      assert.equal(exit.code, 130, exit.stderr);
      assert.ok(exit.stderr.includes("SIGTERM received, stopping runs"), exit.stderr);
      assert.equal(await labelled(engine.docker, runId), 0);
      assert.equal(readFileSync(join(dir, "Results/s/q1/0/result.json"), "utf8"), finished);
      assert.ok(!existsSync(join(dir, "Results/s/s1/0/result.json")) && !existsSync(join(dir, "Results/s/s2/0/result.json")));

      write(dir, [quick("q1"), quick("s1"), quick("s2")]);
      const resumed = await runScenarios("Tasks", { cwd: dir, dockerImage: PYTHON_IMAGE, parallel: 2 });
      assert.equal(resumed.resumed, 1);
      assert.deepEqual(resumed.results.map((r) => [r.id, r.status]).sort(), [["q1", "passed"], ["s1", "passed"], ["s2", "passed"]]);
      assert.equal(await labelled(engine.docker, resumed.runId), 0);
    } finally {
      run.child.kill("SIGKILL");
    }
  });
});
