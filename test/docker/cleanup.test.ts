import { describe, it, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import { cleanContainers, DockerRunner } from "../../sdk/index.ts";
import { dockerEngine, PYTHON_IMAGE } from "./engine.ts";
import { labelled, runDir, task } from "./helpers.ts";

const engine = await dockerEngine();
const HANG = "echo started\nsleep 600\n";

/** Resolves once console_log.txt of `dir` contains "started" (the container is running). */
async function started(dir: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if ((await readFile(join(dir, "console_log.txt"), "utf8").catch(() => "")).includes("started")) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`run in ${dir} never started`);
}

describe("Docker cleanup by label", { skip: engine.skip }, () => {
  const dirs: string[] = [];
  after(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));
  const hangDir = async () => {
    const d = await runDir(HANG);
    dirs.push(d);
    return d;
  };

  it("aborting mid-run kills and removes the containers: outcome aborted, 0 labelled left", async () => {
    const runner = new DockerRunner({ docker: engine.docker });
    const controller = new AbortController();
    const [a, b] = [await hangDir(), await hangDir()];
    const runId = `test-${randomUUID()}`;
    const runs = [a, b].map((d, rep) => runner.run(task(d, { runId, rep }), controller.signal));
    await Promise.all([started(a), started(b)]);
    assert.equal(await labelled(engine.docker, runId), 2);
    controller.abort();
    const outcomes = await Promise.all(runs);
    await runner.close();
    assert.deepEqual(outcomes.map((o) => [o.aborted, o.exitCode, o.timedOut, o.error]), [[true, null, false, undefined], [true, null, false, undefined]]);
    assert.equal(await labelled(engine.docker, runId), 0);
  });

  it("SIGINT to a process running containers leaves 0 labelled containers", async () => {
    const [a, b] = [await hangDir(), await hangDir()];
    const runId = `test-${randomUUID()}`;
    const child = spawn(process.execPath, ["--import", "tsx", new URL("./fixtures/abort-child.ts", import.meta.url).pathname, runId, a, b], { stdio: ["ignore", "pipe", "inherit"] });
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    await Promise.all([started(a), started(b)]);
    assert.equal(await labelled(engine.docker, runId), 2);
    const t0 = Date.now();
    child.kill("SIGINT");
    const [code] = (await once(child, "exit")) as [number | null];
    assert.equal(code, 0);
    assert.ok(Date.now() - t0 < 10_000, `child took ${Date.now() - t0} ms to stop`);
    assert.deepEqual(JSON.parse(stdout), [{ aborted: true, exitCode: null, error: null }, { aborted: true, exitCode: null, error: null }]);
    assert.equal(await labelled(engine.docker, runId), 0);
  });

  it("cleanContainers removes leftovers of one run id only (and close() sweeps its runs)", async () => {
    const mine = `test-${randomUUID()}`;
    const other = `test-${randomUUID()}`;
    const create = (runId: string) =>
      engine.docker.createContainer({ Image: PYTHON_IMAGE, Cmd: ["sleep", "600"], Labels: { "bench-action.run-id": runId } }).then((c) => c.start().then(() => c));
    const unlabelled = await engine.docker.createContainer({ Image: PYTHON_IMAGE, Cmd: ["true"], Labels: { "bench-action.test-unrelated": "1" } });
    try {
      await Promise.all([create(mine), create(mine), create(other)]);
      assert.equal(await cleanContainers(engine.docker, { runId: mine }), 2);
      assert.equal(await labelled(engine.docker, mine), 0);
      assert.equal(await labelled(engine.docker, other), 1);
      const runner = new DockerRunner({ docker: engine.docker });
      await runner.prepare([task(await hangDir(), { runId: other })]);
      await runner.close();
      assert.equal(await labelled(engine.docker, other), 0);
      assert.equal((await unlabelled.inspect()).Id, unlabelled.id);
    } finally {
      await unlabelled.remove({ force: true });
      await cleanContainers(engine.docker, { runId: other });
    }
  });
});
