import { describe, it, after } from "node:test";
import assert from "node:assert/strict";
import { rm } from "node:fs/promises";
import { DockerRunner } from "../../sdk/index.ts";
import { dockerEngine, NODE_IMAGE } from "./engine.ts";
import { consoleLog, labelled, runDir, task } from "./helpers.ts";

const engine = await dockerEngine();

describe("DockerRunner outcomes", { skip: engine.skip }, () => {
  const runner = new DockerRunner({ docker: engine.docker });
  const dirs: string[] = [];
  const dir = async (script: string) => {
    const d = await runDir(script);
    dirs.push(d);
    return d;
  };
  after(async () => {
    await runner.close();
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });

  it("passes: exit 0, stdout and stderr merged into console_log.txt, container removed", async () => {
    const d = await dir("echo out-line\necho err-line >&2\npwd\necho ALL TESTS PASSED !#!#\n");
    const t = task(d);
    const outcome = await runner.run(t);
    assert.equal(outcome.exitCode, 0);
    assert.equal(outcome.timedOut, false);
    assert.equal(outcome.error, undefined);
    assert.equal(outcome.image, "bench-action/python:bookworm");
    const log = await consoleLog(d);
    // stdout and stderr are separate pipes in the container: their relative order is not defined.
    assert.deepEqual(log.split("\n").sort(), ["", "/workspace", "ALL TESTS PASSED !#!#", "err-line", "out-line"]);
    assert.equal(outcome.logBytes, Buffer.byteLength(log));
    assert.equal(await labelled(engine.docker, t.runId), 0);
  });

  it("fails: exit 1 is data, not an exception", async () => {
    const outcome = await runner.run(task(await dir("echo nope\nexit 1\n")));
    assert.equal(outcome.exitCode, 1);
    assert.equal(outcome.error, undefined);
  });

  it("crashes: the exit code is kept (3)", async () => {
    const d = await dir("python3 -c 'import sys; print(\"boom\"); sys.exit(3)'\n");
    const outcome = await runner.run(task(d));
    assert.equal(outcome.exitCode, 3);
    assert.equal(await consoleLog(d), "boom\n");
  });

  it("gets env from task.env only, masks secrets in the log, runs in another image", async () => {
    process.env.BENCH_HOST_ONLY = "host-value";
    const d = await dir("echo \"key=$API_KEY host=${BENCH_HOST_ONLY:-unset}\"\nnode -e 'console.log(process.version.startsWith(\"v\"))'\n");
    const outcome = await runner.run(task(d, { image: NODE_IMAGE, env: { API_KEY: "s3cr3t-value" }, secrets: ["s3cr3t-value"] }));
    delete process.env.BENCH_HOST_ONLY;
    assert.equal(outcome.exitCode, 0);
    assert.equal(await consoleLog(d), "key=*** host=unset\ntrue\n");
  });

  it("kills a silent hang within timeout + 5 s: timedOut, exit code null, container removed", async () => {
    const d = await dir("echo started\nsleep 600\n");
    const t = task(d, { timeoutMs: 2000 });
    const t0 = Date.now();
    const outcome = await runner.run(t);
    const elapsed = Date.now() - t0;
    assert.equal(outcome.timedOut, true);
    assert.equal(outcome.exitCode, null);
    assert.ok(elapsed >= 2000 && elapsed < 7000, `took ${elapsed} ms`);
    assert.equal(await consoleLog(d), "started\n");
    assert.equal(await labelled(engine.docker, t.runId), 0);
  });

  it("a missing image is an error outcome naming the image, no exception, nothing left", async () => {
    const d = await dir("echo never\n");
    const t = task(d, { image: "bench-action/does-not-exist:1" });
    const outcome = await runner.run(t);
    assert.equal(outcome.error, "Docker image 'bench-action/does-not-exist:1' not found (nothing is pulled: build or load it first)");
    assert.equal(outcome.exitCode, null);
    assert.equal(await labelled(engine.docker, t.runId), 0);
  });

  it("a failed start (unknown user) is an error and the created container is removed", async () => {
    const d = await dir("echo unused\n");
    const t = task(d, { image: "bench-action/python:bookworm" });
    const broken = new DockerRunner({ docker: engine.docker, settings: { user: "no-such-user" } });
    const outcome = await broken.run(t);
    assert.match(outcome.error ?? "", /no-such-user/);
    assert.equal(outcome.exitCode, null);
    assert.equal(await labelled(engine.docker, t.runId), 0);
  });
});
