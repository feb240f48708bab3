/** examples/humaneval-mini in the Python base image: every task passes in its own container. */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { DockerRunner, runScenarios, tabulate } from "../../sdk/index.ts";
import { dockerEngine, PYTHON_IMAGE } from "./engine.ts";

const engine = await dockerEngine();
const TASKS = fileURLToPath(new URL("../../examples/humaneval-mini/Tasks/", import.meta.url));

describe("examples/humaneval-mini in Docker", { skip: engine.skip }, () => {
  it(`passes every task in ${PYTHON_IMAGE}`, async () => {
    const resultsDir = join(await mkdtemp(join(tmpdir(), "humaneval-docker-")), "Results");
    const runner = new DockerRunner({ docker: engine.docker, defaultImage: PYTHON_IMAGE });
    try {
      const summary = await runScenarios(TASKS, { runner, resultsDir, dockerImage: PYTHON_IMAGE, parallel: 2, timeout: 120 });
      assert.deepEqual(summary.results.map((r) => [r.id, r.status, r.image]).sort(), [
        ["below_zero", "passed", PYTHON_IMAGE], ["fizz_buzz", "passed", PYTHON_IMAGE],
        ["has_close_elements", "passed", PYTHON_IMAGE], ["reverse_words", "passed", PYTHON_IMAGE],
      ]);
    } finally {
      await runner.close();
    }
    const tabulation = await tabulate(resultsDir);
    assert.equal(tabulation.suites[0]?.percentage, 100);
    assert.match(await readFile(join(resultsDir, "human_eval/below_zero/0/console_log.txt"), "utf8"), /TASK: below_zero\nALL TESTS PASSED !#!#\n/);
  });
});
