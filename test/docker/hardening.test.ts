/**
 * Hardened container defaults on the real engine (docs/docker.md, "Hardened defaults"): no new
 * privileges, the capabilities run.sh needs, a pids limit and a memory cap; each overridable. A
 * memory hog and a process flood end as `error` with the reason, and the harness stays responsive.
 * The floods are bounded (64 MiB, 64 processes, seconds) so the shared machine is not disturbed.
 */
import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type Docker from "dockerode";
import { DockerRunner, runScenarios, type DockerSettings } from "../../sdk/index.ts";
import { randomUUID } from "node:crypto";
import { startServices } from "../../src/runners/docker/compose-services.ts";
import type { ImageCache } from "../../src/runners/docker/images.ts";
import { dockerEngine, PYTHON_IMAGE } from "./engine.ts";
import { consoleLog, runDir, task } from "./helpers.ts";

const engine = await dockerEngine();
/** CHOWN DAC_OVERRIDE FOWNER FSETID KILL SETGID SETUID NET_BIND_SERVICE (bits 0 1 3 4 5 6 7 10). */
const KEPT_CAPS = 0x4fb;
const NET_RAW = 1 << 13;
const PROBE = "grep -E '^(NoNewPrivs|CapEff)' /proc/self/status\n";

describe("hardened container defaults", { skip: engine.skip }, () => {
  const dirs: string[] = [];
  after(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  const probe = async (settings: DockerSettings) => {
    let inspected: Docker.ContainerInspectInfo | undefined;
    const runner = new DockerRunner({ docker: engine.docker, settings, onInspect: (info) => (inspected = info as unknown as Docker.ContainerInspectInfo) });
    const dir = await runDir(PROBE);
    dirs.push(dir);
    const outcome = await runner.run(task(dir));
    assert.equal(outcome.exitCode, 0, await consoleLog(dir));
    const log = await consoleLog(dir);
    return { inspected: inspected!, noNewPrivs: /NoNewPrivs:\s+(\d)/.exec(log)?.[1], caps: Number.parseInt(/CapEff:\s+([0-9a-f]+)/.exec(log)?.[1] ?? "", 16) };
  };

  it("default: no-new-privileges, the kept capabilities only, pids 1024, memory 4 GiB (swap included)", async () => {
    const { inspected, noNewPrivs, caps } = await probe({});
    assert.equal(noNewPrivs, "1");
    assert.equal(caps, KEPT_CAPS);
    assert.equal(inspected.HostConfig.PidsLimit, 1024);
    assert.equal(inspected.HostConfig.Memory, 4 * 1024 ** 3);
    assert.equal(inspected.HostConfig.MemorySwap, 4 * 1024 ** 3);
    assert.deepEqual(inspected.HostConfig.CapDrop, ["ALL"]);
  });
  it("overridable: --new-privileges, --cap-add, --pids-limit, --memory", async () => {
    const { inspected, noNewPrivs, caps } = await probe({ newPrivileges: true, capAdd: ["NET_RAW"], pidsLimit: 200, memory: "1g" });
    assert.equal(noNewPrivs, "0");
    assert.equal(caps, KEPT_CAPS | NET_RAW);
    assert.equal(inspected.HostConfig.PidsLimit, 200);
    assert.equal(inspected.HostConfig.Memory, 1024 ** 3);
  });

  it("a memory hog ends as error with the reason", async () => {
    const dir = await mkdtemp(join(tmpdir(), "bench-hardening-"));
    dirs.push(dir);
    await mkdir(join(dir, "Templates"));
    await writeFile(join(dir, "Templates", "hog.py"), "chunks = []\nwhile True:\n    chunks.append(bytearray(8 * 1024 * 1024))\n");
    await writeFile(join(dir, "t.jsonl"), `${JSON.stringify({ id: "hog", template: "Templates/hog.py", command: "python3 scenario.py", timeout: 60 })}\n`);
    const summary = await runScenarios(join(dir, "t.jsonl"), {
      runner: new DockerRunner({ docker: engine.docker, settings: { memory: "64m" } }), resultsDir: join(dir, "Results"), cwd: dir, dockerImage: PYTHON_IMAGE, noHistory: true,
    });
    const [result] = summary.results;
    assert.equal(result?.status, "error");
    assert.match(result?.error ?? "", /^out of memory: a process exceeded the container's memory limit \(64 MiB; raise it with --memory\)$/);
  });

  it("a fork bomb that spins at the pids limit ends as error with the reason; harness, engine and host stay responsive", async () => {
    // Python keeps retrying failed forks: the container sits at its limit until the timeout.
    const dir = await runDir("python3 -c 'import os, time\nwhile True:\n    try:\n        os.fork() or time.sleep(1000)\n    except OSError:\n        time.sleep(0.01)'\n");
    dirs.push(dir);
    let maxLag = 0;
    let last = Date.now();
    const tick = setInterval(() => {
      const now = Date.now();
      maxLag = Math.max(maxLag, now - last - 20);
      last = now;
    }, 20);
    const runner = new DockerRunner({ docker: engine.docker, settings: { pidsLimit: 64 } });
    const running = runner.run(task(dir, { timeoutMs: 4000 }));
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const pingStarted = Date.now();
    await engine.docker.ping();
    const pingMs = Date.now() - pingStarted;
    assert.equal(execFileSync("sh", ["-c", "echo host-ok"], { timeout: 5000 }).toString().trim(), "host-ok");
    const outcome = await running;
    clearInterval(tick);
    assert.equal(outcome.timedOut, false);
    assert.match(outcome.error ?? "", /^process limit reached \(64 processes; raise it with --pids-limit\): \d+ processes when the run timed out \(a fork bomb\?\)$/);
    assert.match(await consoleLog(dir), /\[bench-action: process limit reached/);
    assert.ok(pingMs < 5000, `engine ping took ${pingMs} ms`);
    assert.ok(maxLag < 2000, `event loop stalled ${maxLag} ms`);
  });
  it("a shell fork bomb that dies at the limit (dash exits when fork fails) ends as error with the reason", async () => {
    // The parent stays up (2 s) until the bomb has met the limit; when it ends first, the container takes the bomb with it.
    const dir = await runDir("bomb() { bomb | bomb & }; bomb; sleep 2\n");
    dirs.push(dir);
    const outcome = await new DockerRunner({ docker: engine.docker, settings: { pidsLimit: 64 } }).run(task(dir, { timeoutMs: 20_000 }));
    assert.match(outcome.error ?? "", /^process limit reached \(64 processes; raise it with --pids-limit\)/, await consoleLog(dir));
  });
});

describe("hardened defaults reach a Harbor task's compose services", { skip: engine.skip }, () => {
  it("a service container gets no-new-privileges, the kept capabilities, the pids limit and the memory cap (overridable)", async () => {
    const runId = `audit-services-${randomUUID()}`;
    const service = { name: "svc", image: PYTHON_IMAGE, environment: {}, dependsOn: [] };
    const compose = { services: [service], main: { environment: {}, dependsOn: [] } };
    // An image service needs no build: the image cache is never asked.
    const images = {} as ImageCache;
    const inspectService = async (settings: DockerSettings) => {
      const running = await startServices(engine.docker, images, task(await runDir("true\n"), { runId }), compose, 60_000, settings);
      try {
        const [found] = await engine.docker.listContainers({ all: true, filters: { label: [`bench-action.run-id=${runId}`, "bench-action.service=svc"] } });
        assert.ok(found, "the service container exists");
        return (await engine.docker.getContainer(found.Id).inspect()).HostConfig;
      } finally {
        await running.stop();
      }
    };
    const defaults = await inspectService({});
    assert.deepEqual(defaults.SecurityOpt, ["no-new-privileges"]);
    assert.deepEqual(defaults.CapDrop, ["ALL"]);
    assert.equal(defaults.PidsLimit, 1024);
    assert.equal(defaults.Memory, 4 * 1024 ** 3);
    assert.match(String(defaults.NetworkMode), /^bench-/);
    const raised = await inspectService({ pidsLimit: 64, memory: "256m" });
    assert.deepEqual([raised.PidsLimit, raised.Memory], [64, 256 * 1024 ** 2]);
    assert.equal((await engine.docker.listContainers({ all: true, filters: { label: [`bench-action.run-id=${runId}`] } })).length, 0);
  });
});
