import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { dockerEngine, PYTHON_IMAGE } from "./engine.ts";
import { labelled } from "./helpers.ts";

const engine = await dockerEngine();
const BIN = new URL("../../bin/bench.js", import.meta.url).pathname;

function bench(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", env: { ...process.env, ...env }, timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("bench clean", () => {
  it("with no engine answering: exit 2, names DOCKER_HOST and the socket, suggests --native", () => {
    const r = bench(["clean"], { DOCKER_HOST: "unix:///tmp/bench-no-such-docker.sock" });
    assert.equal(r.code, 2);
    assert.equal(
      r.stderr,
      "bench clean: No Docker engine answered at unix:///tmp/bench-no-such-docker.sock. Start Docker (the default socket is " +
        "/var/run/docker.sock), set DOCKER_HOST to a reachable engine, or pass --native to run without Docker.\n",
    );
  });

  it("rejects unknown flags with exit 2", () => {
    const r = bench(["clean", "--all"]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^bench clean: unknown option --all\n/);
  });

  it("removes the labelled leftovers of a run and prints how many", { skip: engine.skip }, async () => {
    const runId = `test-${randomUUID()}`;
    for (let i = 0; i < 2; i++) {
      const c = await engine.docker.createContainer({ Image: PYTHON_IMAGE, Cmd: ["sleep", "600"], Labels: { "bench-action.run-id": runId } });
      await c.start();
    }
    assert.equal(await labelled(engine.docker, runId), 2);
    const r = bench(["clean", "--run-id", runId]);
    assert.equal(r.stderr, "");
    assert.equal(r.stdout, `Removed 2 containers of run ${runId} (label bench-action.run-id).\n`);
    assert.equal(r.code, 0);
    assert.equal(await labelled(engine.docker, runId), 0);
    assert.equal(bench(["clean", "--run-id", runId]).stdout, `Removed 0 containers of run ${runId} (label bench-action.run-id).\n`);
  });

  it("also removes the temporary verifier images a crashed shared-mode verification left, by run id", { skip: engine.skip }, async () => {
    const runId = `test-${randomUUID()}`;
    const c = await engine.docker.createContainer({ Image: PYTHON_IMAGE, Cmd: ["true"], Labels: { "bench-action.run-id": runId } });
    await c.commit({ repo: "bench-action-verify", tag: randomUUID().slice(0, 8) });
    const images = () => engine.docker.listImages({ filters: { label: [`bench-action.run-id=${runId}`], reference: ["bench-action-verify"] } });
    assert.equal((await images()).length, 1);
    const r = bench(["clean", "--run-id", runId]);
    assert.equal(r.stderr, "");
    assert.equal(r.stdout, `Removed 1 container of run ${runId} (label bench-action.run-id).\nRemoved 1 temporary verifier image of run ${runId} (bench-action-verify).\n`);
    assert.equal((await images()).length, 0);
  });
});
