import { describe, it, after } from "node:test";
import assert from "node:assert/strict";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createHash } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DockerRunner } from "../../sdk/index.ts";
import { dockerEngine, PYTHON_IMAGE } from "./engine.ts";
import { consoleLog, runDir, task } from "./helpers.ts";

const engine = await dockerEngine();
const WHEELS = new URL("./fixtures/wheels", import.meta.url).pathname;
const SCRIPT = 'echo "installed=${BENCH_REQUIREMENTS_INSTALLED:-no}"\npython3 -c "import benchdemo; print(benchdemo.GREETING)"\n';

describe("DockerRunner images", { skip: engine.skip }, () => {
  const dirs: string[] = [];
  const tags: string[] = [];
  after(async () => {
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
    for (const tag of tags) await engine.docker.getImage(tag).remove({ force: true }).catch(() => {});
  });

  it("builds the requirements image once for N runs (also when they start together) and reuses it", async () => {
    // A unique comment makes a fresh tag for this test run; pip installs from the local wheels/ dir.
    const requirements = `# test ${Date.now()}\n--no-index\n--find-links ./wheels\nbenchdemo==1.0\n`;
    const logDir = await mkdtemp(join(tmpdir(), "bench-build-logs-"));
    dirs.push(logDir);
    const runner = new DockerRunner({ docker: engine.docker, buildLogDir: logDir });
    const runs = await Promise.all(
      [0, 1, 2, 3].map(async (rep) => {
        const d = await runDir(SCRIPT, { "requirements.txt": requirements });
        dirs.push(d);
        await cp(WHEELS, join(d, "wheels"), { recursive: true });
        return { d, t: task(d, { rep, image: PYTHON_IMAGE, hasRequirements: true }) };
      }),
    );
    await runner.prepare(runs.map((r) => r.t));
    const outcomes = await Promise.all(runs.map((r) => runner.run(r.t)));
    assert.equal(runner.images.built.length, 1, `built ${runner.images.built.join(", ")}`);
    const tag = runner.images.built[0] ?? "";
    tags.push(tag);
    assert.match(tag, /^bench-action-req:[0-9a-f]{16}$/);
    for (const [i, outcome] of outcomes.entries()) {
      assert.equal(outcome.exitCode, 0, await consoleLog(runs[i]?.d ?? ""));
      assert.equal(outcome.image, tag);
      assert.equal(await consoleLog(runs[i]?.d ?? ""), "installed=1\nhello from benchdemo\n");
    }
    const created = (await engine.docker.getImage(tag).inspect()).Created;
    // A second runner (a later `bench run`) finds the image and builds nothing.
    const again = new DockerRunner({ docker: engine.docker, buildLogDir: logDir });
    const outcome = await again.run(runs[0]?.t ?? assert.fail("no run"));
    assert.equal(outcome.image, tag);
    assert.equal(again.images.built.length, 0);
    assert.equal((await engine.docker.getImage(tag).inspect()).Created, created);
    assert.match(await readFile(join(logDir, `${tag.replace(":", "_")}.log`), "utf8"), /Successfully installed benchdemo-1\.0/);
  });

  it("a failing requirements build is an error outcome with the build log's tail", async () => {
    const logDir = await mkdtemp(join(tmpdir(), "bench-build-logs-"));
    const d = await runDir(SCRIPT, { "requirements.txt": `# ${Date.now()}\n--no-index\nno-such-package-xyz\n` });
    dirs.push(logDir, d);
    const outcome = await new DockerRunner({ docker: engine.docker, buildLogDir: logDir }).run(task(d, { hasRequirements: true }));
    assert.equal(outcome.exitCode, null);
    assert.match(outcome.error ?? "", /^Building image bench-action-req:[0-9a-f]{16} failed: The command '.*' returned a non-zero code: 1\n--- last lines of .*\.log ---\n/);
    assert.match(outcome.error ?? "", /No matching distribution found for no-such-package-xyz/);
  });

  it("builds the default image from templates/Dockerfile once, tagged by its content hash", async () => {
    const logDir = await mkdtemp(join(tmpdir(), "bench-build-logs-"));
    dirs.push(logDir);
    const dockerfile = join(logDir, "Dockerfile");
    const content = `FROM ${PYTHON_IMAGE}\nENV BENCH_TEST_STAMP=${Date.now()}\nWORKDIR /workspace\n`;
    await writeFile(dockerfile, content);
    // the local base exists here, so it is the BASE_IMAGE build arg that is part of the tag's hash
    const expected = `bench-action:${createHash("sha256").update(`${content}\nBASE_IMAGE=${PYTHON_IMAGE}`).digest("hex").slice(0, 16)}`;
    tags.push(expected);
    const runner = new DockerRunner({ docker: engine.docker, dockerfile, buildLogDir: logDir });
    const a = await runDir('echo "stamp=${BENCH_TEST_STAMP:+set}"\n');
    const b = await runDir("true\n");
    dirs.push(a, b);
    const outcomes = await Promise.all([runner.run(task(a, { image: undefined })), runner.run(task(b, { image: undefined }))]);
    assert.deepEqual(outcomes.map((o) => o.image), [expected, expected]);
    assert.deepEqual(runner.images.built, [expected]);
    assert.equal(await consoleLog(a), "stamp=set\n");
  });

  it("templates/Dockerfile builds FROM the local base when present (python:3.12-slim otherwise), as bench-action:<hash>", async () => {
    const text = await readFile(new URL("../../templates/Dockerfile", import.meta.url), "utf8");
    assert.deepEqual(text.split("\n").filter((l) => l.startsWith("FROM ")), ["FROM ${BASE_IMAGE}"]);
    assert.match(text, /^ARG BASE_IMAGE=python:3\.12-slim$/m);
    const runner = new DockerRunner({ docker: engine.docker });
    const tag = await runner.images.resolve({ hasRequirements: false, runDir: "/nonexistent" });
    assert.equal(tag, `bench-action:${createHash("sha256").update(`${text}\nBASE_IMAGE=${PYTHON_IMAGE}`).digest("hex").slice(0, 16)}`);
    assert.equal((await engine.docker.getImage(tag).inspect()).Config.Env?.includes("PYTHONUNBUFFERED=1"), true);
    assert.equal((await engine.docker.getImage(tag).inspect()).Config.WorkingDir, "/workspace");
  });

  it("an abort during an image build cancels it: the run ends aborted at once, no image is tagged and the step container goes", async () => {
    const logDir = await mkdtemp(join(tmpdir(), "bench-build-logs-"));
    dirs.push(logDir);
    const dockerfile = join(logDir, "Dockerfile");
    const marker = `bench-abort-${Date.now()}`;
    const content = `FROM ${PYTHON_IMAGE}\nRUN echo ${marker} && sleep 120\n`;
    await writeFile(dockerfile, content);
    const tag = `bench-action:${createHash("sha256").update(`${content}\nBASE_IMAGE=${PYTHON_IMAGE}`).digest("hex").slice(0, 16)}`;
    const runner = new DockerRunner({ docker: engine.docker, dockerfile, buildLogDir: logDir });
    const d = await runDir("true\n");
    dirs.push(d);
    const controller = new AbortController();
    const stepContainers = async () =>
      (await engine.docker.listContainers({ all: true })).filter((c) => c.Command.includes(marker)).length;
    const started = Date.now();
    const outcome = runner.run(task(d, { image: undefined }), controller.signal);
    // Abort once the RUN step's container is up (the build is really in progress).
    while ((await stepContainers()) === 0) {
      assert.ok(Date.now() - started < 60_000, "the build never started its RUN step");
      await new Promise((r) => setTimeout(r, 200));
    }
    const abortedAt = Date.now();
    controller.abort();
    const result = await outcome;
    const tookMs = Date.now() - abortedAt;
    console.log(`# abort during a build: run() returned ${tookMs} ms after the abort`);
    assert.equal(result.aborted, true);
    assert.equal(result.error, undefined);
    assert.ok(tookMs < 3000, `run() returned ${tookMs} ms after the abort`);
    assert.deepEqual(runner.images.built, []);
    // The engine notices the closed connection, kills the step container and removes it.
    const deadline = Date.now() + 20_000;
    while ((await stepContainers()) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    console.log(`# abort during a build: step container gone ${Date.now() - abortedAt} ms after the abort`);
    assert.equal(await stepContainers(), 0, "the build's step container is still there");
    await assert.rejects(engine.docker.getImage(tag).inspect(), (error: { statusCode?: number }) => error.statusCode === 404);
    assert.match(await readFile(join(logDir, `${tag.replace(":", "_")}.log`), "utf8"), new RegExp(`${marker}[\\s\\S]*ABORTED: the build was cancelled`));
  });
});
