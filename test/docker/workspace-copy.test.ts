// Copy workspace mode (remote engines): mode choice, the guarded extraction, and real runs on the engine.
import { describe, it, after } from "node:test";
import assert from "node:assert/strict";
import { connect, createServer, type Server, type Socket } from "node:net";
import { mkdir, readdir, readFile, readlink, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { PassThrough, Readable } from "node:stream";
import Docker from "dockerode";
import { DockerRunner, runScenarios } from "../../sdk/index.ts";
import { containerConfig } from "../../src/runners/docker/container-config.ts";
import { isEngineError } from "../../src/runners/docker/engine-errors.ts";
import { isRemoteEngine, workspaceMode } from "../../src/runners/docker/workspace-mode.ts";
import { downloadWorkspace, uploadWorkspace, WorkspaceCopyError } from "../../src/runners/docker/workspace-copy.ts";
import { removedAfterTests } from "../helpers/temp-dir.ts";
import { dockerEngine, PYTHON_IMAGE } from "./engine.ts";
import { consoleLog, labelled, runDir, task } from "./helpers.ts";

const engine = await dockerEngine();
const tempDir = removedAfterTests();

describe("workspaceMode", () => {
  const docker = (options?: Docker.DockerOptions) => new Docker(options);
  it("auto: copy for tcp/http/https/ssh engines and host/port clients, bind for unix sockets and npipes", () => {
    assert.equal(workspaceMode(undefined, docker({ socketPath: "/var/run/docker.sock" }), ""), "bind");
    assert.equal(workspaceMode("auto", docker({ host: "127.0.0.1", port: 2375 }), ""), "copy");
    assert.equal(workspaceMode("auto", docker({ host: "build-box", protocol: "ssh" }), ""), "copy");
    assert.equal(isRemoteEngine({ socketPath: "//./pipe/docker_engine" }, "tcp://x:2375"), false);
    assert.equal(isRemoteEngine({ protocol: "http" }, undefined), false, "docker-modem's default: the local socket");
    for (const host of ["tcp://10.0.0.2:2376", "https://engine:2376", "http://engine", "ssh://me@engine", "TCP://a:1"]) {
      assert.equal(isRemoteEngine({ protocol: "http" }, host), true, host);
    }
    for (const host of ["unix:///var/run/docker.sock", "npipe:////./pipe/docker_engine", "", undefined]) {
      assert.equal(isRemoteEngine({ protocol: "http" }, host), false, String(host));
    }
  });

  it("an explicit setting wins; copy mode mounts nothing at /workspace but keeps --mount and the socket", () => {
    assert.equal(workspaceMode("bind", docker({ host: "10.1.1.1", port: 2375 }), ""), "bind");
    assert.equal(workspaceMode("copy", docker({ socketPath: "/var/run/docker.sock" }), ""), "copy");
    const settings = { mounts: ["/data:/data:ro"], socket: true };
    assert.deepEqual(containerConfig(task("/runs/a"), "img", settings, "copy").HostConfig?.Binds, ["/data:/data:ro", "/var/run/docker.sock:/var/run/docker.sock"]);
    assert.deepEqual(containerConfig(task("/runs/a"), "img", settings).HostConfig?.Binds, ["/runs/a:/workspace", "/data:/data:ro", "/var/run/docker.sock:/var/run/docker.sock"]);
  });
});

describe("uploadWorkspace / downloadWorkspace failures", () => {
  const fake = (methods: Partial<Record<"putArchive" | "getArchive", () => Promise<unknown>>>) => methods as unknown as Docker.Container;

  it("a failed upload names the step; an engine connection error stays retryable", async () => {
    const dir = await runDir("true\n");
    tempDir.add(dir);
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:2375"), { code: "ECONNREFUSED" });
    const error = await uploadWorkspace(fake({ putArchive: () => Promise.reject(refused) }), dir).catch((e: unknown) => e);
    assert.ok(error instanceof WorkspaceCopyError);
    assert.equal(error.message, "Copying the run folder into the container failed: connect ECONNREFUSED 127.0.0.1:2375");
    assert.equal(isEngineError(error), true);
    const full = await uploadWorkspace(fake({ putArchive: () => Promise.reject(new Error("(HTTP code 500) server error - no space left on device")) }), dir).catch((e: unknown) => e);
    assert.equal((full as Error).message, "Copying the run folder into the container failed: (HTTP code 500) server error - no space left on device");
    assert.equal(isEngineError(full), false);
  });

  it("an unreadable run folder fails the upload at once, not at the time limit", async () => {
    const missing = join(await tempDir("bench-gone-"), "gone");
    const swallow = (archive: unknown) => new Promise(() => void (archive as Readable).resume());
    const t0 = Date.now();
    const error = await uploadWorkspace({ putArchive: swallow } as unknown as Docker.Container, missing).catch((e: unknown) => e);
    assert.equal((error as Error).message, `Copying the run folder into the container failed: ENOENT: no such file or directory, lstat '${missing}'`);
    assert.ok(Date.now() - t0 < 1000);
  });

  it("a download that stalls is cut off at its time limit", async () => {
    const dir = await tempDir("bench-stall-");
    const stalled = new PassThrough();
    const t0 = Date.now();
    const error = await downloadWorkspace(fake({ getArchive: async () => stalled }), dir, { timeoutMs: 300 }).catch((e: unknown) => e);
    assert.equal((error as Error).message, "Copying /workspace back from the container failed: timed out after 0.3 s");
    assert.ok(Date.now() - t0 < 2000);
    assert.equal(stalled.destroyed, true);
  });
});

/** A TCP server piping each connection to the local engine socket: a "remote" engine at 127.0.0.1:port. */
async function tcpForwarder(): Promise<{ server: Server; port: number; connections: () => number }> {
  let count = 0;
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    count++;
    const upstream = connect("/var/run/docker.sock");
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on("error", () => {});
      socket.on("close", () => sockets.delete(socket));
    }
    client.pipe(upstream).pipe(client);
  });
  server.on("close", () => sockets.forEach((s) => s.destroy()));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  return { server, port: typeof address === "object" && address ? address.port : 0, connections: () => count };
}

/** A task folder with one template and a JSONL line running `command`. */
async function project(command: string): Promise<string> {
  const dir = await tempDir("bench-copy-project-");
  await mkdir(join(dir, "Templates/Copy"), { recursive: true });
  await writeFile(join(dir, "Templates/Copy/data.txt"), "template data\n");
  await writeFile(join(dir, "copy.jsonl"), JSON.stringify({ id: "c1", template: "Templates/Copy", command }) + "\n");
  return dir;
}

const WRITER = [
  "cat data.txt",
  "test -e console_log.txt || echo no host log inside",
  "mkdir -p out && echo 42 > out/result.txt",
  "echo 'with spaces' > 'a file with spaces.txt'",
  "echo forged > console_log.txt",
  "echo '{\"success\": true, \"score\": 1}' > score.json",
  "echo 'ALL TESTS PASSED !#!#'",
].join(" && ");

const expectedLog = [
  "RUN.SH STARTING !#!#", "SCENARIO.PY STARTING !#!#", "template data", "no host log inside", "ALL TESTS PASSED !#!#",
  "SCENARIO.PY COMPLETE !#!#", "SCENARIO.PY RUNTIME: N !#!#", "RUN.SH COMPLETE !#!#", "",
].join("\n");

async function checkCopiedRun(dir: string): Promise<void> {
  const run = join(dir, "Results/copy/c1/0");
  assert.equal(await readFile(join(run, "out/result.txt"), "utf8"), "42\n");
  assert.equal(await readFile(join(run, "a file with spaces.txt"), "utf8"), "with spaces\n");
  assert.match(await readFile(join(run, "timestamp.txt"), "utf8"), /^Timestamp: /);
  assert.equal((await readFile(join(run, "console_log.txt"), "utf8")).replace(/RUNTIME: \d+/, "RUNTIME: N"), expectedLog);
  const result = JSON.parse(await readFile(join(run, "result.json"), "utf8")) as { status: string; score: { source: string } };
  assert.equal(result.status, "passed");
  assert.equal(result.score.source, "score.json");
}

describe("copy mode on the engine", { skip: engine.skip }, () => {
  const mountsAtWorkspace: number[] = [];
  const runner = new DockerRunner({
    docker: engine.docker, settings: { workspace: "copy" },
    onInspect: (info) => void mountsAtWorkspace.push(((info as unknown as Docker.ContainerInspectInfo).Mounts ?? []).filter((m) => m.Destination === "/workspace").length),
  });
  after(() => runner.close());

  it("files in and out, scored as in bind mode, console_log.txt only what was printed, no bind mount", async () => {
    const dir = await project(WRITER);
    const summary = await runScenarios("copy.jsonl", { cwd: dir, runner, dockerImage: PYTHON_IMAGE });
    assert.equal(runner.workspace, "copy");
    assert.deepEqual(summary.results.map((r) => r.status), ["passed"]);
    await checkCopiedRun(dir);
    assert.deepEqual(mountsAtWorkspace, [0]);
    assert.equal(await labelled(engine.docker, summary.runId), 0);
  });

  it("hostile output: escaping symlinks are not copied back, nothing written outside, the run still gets a result", async () => {
    const d = await runDir([
      "ln -s /etc/passwd escape", "ln -s / link-dir", "ln -s ../.. up", "ln -s out/r.txt inside",
      "mkdir out && echo r > out/r.txt", "echo forged > result.json", "echo done",
    ].join("\n") + "\n");
    tempDir.add(d);
    const outcome = await runner.run(task(d));
    assert.equal(outcome.exitCode, 0);
    assert.equal(outcome.error, undefined);
    assert.deepEqual((await readdir(d)).sort(), ["console_log.txt", "inside", "out", "run.sh"]);
    assert.equal(await readlink(join(d, "inside")), "out/r.txt");
    assert.equal(await consoleLog(d), "done\n");
  });

  it("more than copyLimitBytes: error with the reason, the run folder not filled past the limit", async () => {
    const capped = new DockerRunner({ docker: engine.docker, settings: { workspace: "copy", copyLimitBytes: 100_000 } });
    const d = await runDir("for i in 1 2 3 4 5 6 7 8; do head -c 30000 /dev/zero > big$i; done\necho wrote\n");
    tempDir.add(d);
    const outcome = await capped.run(task(d));
    await capped.close();
    assert.equal(outcome.error, "Copying /workspace back from the container failed: /workspace holds more than 100000 bytes of files (docker copyLimitBytes); the copy stopped at the limit");
    assert.equal(outcome.retryable, undefined);
    let copied = 0;
    for (const name of await readdir(d)) if (name.startsWith("big")) copied += (await stat(join(d, name))).size;
    assert.ok(copied <= 100_000, `${copied} bytes copied back`);
    assert.equal(await consoleLog(d), "wrote\n");
  });

  it("timeout: the run is killed and what it wrote before is copied back", async () => {
    const d = await runDir("echo started\necho early > early.txt\nsleep 600\n");
    tempDir.add(d);
    const t0 = Date.now();
    const outcome = await runner.run(task(d, { timeoutMs: 2000 }));
    assert.equal(outcome.timedOut, true);
    assert.equal(outcome.exitCode, null);
    assert.ok(Date.now() - t0 < 8000, `took ${Date.now() - t0} ms`);
    assert.equal(await readFile(join(d, "early.txt"), "utf8"), "early\n");
    assert.equal(await consoleLog(d), "started\n");
  });
});

describe("a remote-looking engine (TCP forwarder to the local socket)", { skip: engine.skip }, () => {
  it("auto picks copy for DOCKER_HOST=tcp://…, and runScenarios works end to end over TCP", async () => {
    const { server, port, connections } = await tcpForwarder();
    const saved = process.env.DOCKER_HOST;
    process.env.DOCKER_HOST = `tcp://127.0.0.1:${port}`;
    try {
      const dir = await project(WRITER);
      const notices: string[] = [];
      const summary = await runScenarios("copy.jsonl", {
        cwd: dir, dockerImage: PYTHON_IMAGE, onEvent: (event) => void (event.type === "notice" && notices.push(event.message)),
      });
      assert.deepEqual(summary.results.map((r) => r.status), ["passed"]);
      assert.deepEqual(notices, [`Docker engine at http://127.0.0.1:${port} is remote: run folders are copied into and out of the containers`]);
      await checkCopiedRun(dir);
      assert.equal((JSON.parse(await readFile(join(dir, "Results/run.json"), "utf8")) as { workspace?: string }).workspace, "copy", "run.json records the mode auto chose");
      assert.ok(connections() > 0);
      assert.equal(workspaceMode(undefined, new Docker({ host: "127.0.0.1", port })), "copy");
    } finally {
      if (saved === undefined) delete process.env.DOCKER_HOST;
      else process.env.DOCKER_HOST = saved;
      server.close();
    }
  });
});
