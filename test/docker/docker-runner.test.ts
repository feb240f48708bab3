import { describe, it, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { connect, createServer, type Socket } from "node:net";
import { join } from "node:path";
import Docker from "dockerode";
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

describe("DockerRunner: the answer to a container start is lost", { skip: engine.skip }, () => {
  const dirs: string[] = [];
  after(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  it("the run ends error + retryable at once and is not started over: the engine may have started it", async (t) => {
    const d = await runDir("echo ran\n");
    const sockets = await mkdtemp(join(tmpdir(), "bench-engine-proxy-"));
    dirs.push(d, sockets);
    const proxy = await dropFirstStartAnswer(join(sockets, "engine.sock"));
    t.after(() => proxy.close());
    const runner = new DockerRunner({ docker: new Docker({ socketPath: proxy.path }) });
    const lost = task(d);
    const outcome = await runner.run(lost);
    assert.equal(proxy.creates(), 1);
    assert.equal(outcome.error, "Docker engine connection lost during the run (socket hang up)");
    assert.equal(outcome.retryable, true);
    assert.equal(outcome.exitCode, null);
    assert.equal(await labelled(engine.docker, lost.runId), 0);
  });
});

/**
 * A unix socket in front of the engine's that passes everything but the engine's answer to the first
 * container start: it closes that connection once the engine answered (the container was started),
 * as an engine killed at that moment does. Counts the container creates it passed.
 */
async function dropFirstStartAnswer(path: string): Promise<{ path: string; creates: () => number; close: () => Promise<void> }> {
  // dockerode's default client resolves its socket lazily (socketPath is then a function).
  const socketPath = (engine.docker.modem as { socketPath?: unknown }).socketPath;
  const upstreamPath = typeof socketPath === "string" ? socketPath : "/var/run/docker.sock";
  let creates = 0;
  let dropped = false;
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(upstreamPath);
    let cut = false;
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on("error", () => {});
      socket.on("close", () => sockets.delete(socket));
    }
    client.on("end", () => upstream.end());
    upstream.on("end", () => client.end());
    client.on("data", (chunk: Buffer) => {
      const head = chunk.toString("latin1");
      if (/^POST \S*\/containers\/create/.test(head)) creates++;
      if (!dropped && /^POST \S*\/containers\/\w+\/start/.test(head)) cut = dropped = true;
      upstream.write(chunk);
    });
    upstream.on("data", (chunk: Buffer) => (cut ? client.destroy() : client.write(chunk)));
  });
  await new Promise<void>((resolve) => server.listen(path, resolve));
  const close = () => new Promise<void>((resolve) => {
    server.close(() => resolve());
    sockets.forEach((socket) => socket.destroy());
  });
  return { path, creates: () => creates, close };
}
