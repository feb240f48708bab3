/**
 * The verifier phase on the real engine (docs/verifier.md): every adversarial agent of
 * test/helpers/verifier-fixture.ts is scored as the verifier alone decides, in shared and separate
 * mode, and nothing the scenario or the agent wrote runs on the host.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DockerRunner, LABEL_RUN_ID, runScenarios, type DockerSettings, type RunResult, type RunSummary } from "../../sdk/index.ts";
import { GRADER_MARKER, writeAdversarialBenchmark } from "../helpers/verifier-fixture.ts";
import { dockerEngine, PYTHON_IMAGE } from "./engine.ts";

const engine = await dockerEngine();
const marker = `/tmp/bench-host-marker-${randomUUID()}`;

/** Docker-only agents, on top of the shared adversarial set. */
const DOCKER_AGENTS: Record<string, string> = {
  // A process that left the session and the process group: it dies with the container all the same.
  background_setsid: `echo 41 > answer.txt
setsid sh -c 'until [ -e /workspace/verifier_log.txt ]; do sleep 0.05; done; while :; do echo 42 > /workspace/answer.txt; mkdir -p /logs/verifier; echo 1 > /logs/verifier/reward.txt; sleep 0.05; done' > /dev/null 2>&1 &
true`,
  // /logs replaced by a symlink into the workspace, holding a forged reward.
  logs_symlink: `echo 41 > answer.txt
rm -rf /logs && mkdir -p /workspace/fake/verifier && echo 1 > /workspace/fake/verifier/reward.txt && ln -s /workspace/fake /logs
true`,
  // A cat that always answers 42, earlier on PATH: only the agent's own container has it.
  path_hijack: `echo 41 > answer.txt
printf '#!/bin/sh\\necho 42\\n' > /usr/local/bin/cat && chmod +x /usr/local/bin/cat
true`,
};

async function runMode(mode: "shared" | "separate"): Promise<{ summary: RunSummary; results: Map<string, RunResult>; resultsDir: string }> {
  const { dir, jsonl } = await writeAdversarialBenchmark({
    mode,
    extraLines: [
      ...Object.keys(DOCKER_AGENTS).map((id) => ({
        id, template: `Templates/${id}`, command: "sh agent.sh", timeout: 60,
        verify: { files: "tests", mode, timeout: 60, ...(id === "background_setsid" ? { env: { VERIFY_DELAY: "1" } } : {}) },
      })),
      { id: "grounds_command", template: "Templates/honest", command: "sh agent.sh", score: { command: `touch ${marker} && grep -qx 42 answer.txt` } },
      { id: "verify_command", template: "Templates/honest", command: "sh agent.sh", verify: { mode, command: `touch ${marker}; echo 1 > /logs/verifier/reward.txt` } },
    ],
  });
  const { mkdir, writeFile } = await import("node:fs/promises");
  for (const [id, script] of Object.entries(DOCKER_AGENTS)) {
    await mkdir(join(dir, "Templates", id), { recursive: true });
    await writeFile(join(dir, "Templates", id, "agent.sh"), `${script}\n`);
  }
  const resultsDir = join(await mkdtemp(join(tmpdir(), `bench-verifier-docker-${mode}-`)), "Results");
  const runner = new DockerRunner({ docker: engine.docker, defaultImage: PYTHON_IMAGE });
  const summary = await runScenarios(jsonl, { runner, resultsDir, cwd: dir, dockerImage: PYTHON_IMAGE, parallel: 2, noHistory: true });
  return { summary, results: new Map(summary.results.map((r) => [r.id, r])), resultsDir };
}

for (const mode of ["shared", "separate"] as const) {
  describe(`verifier phase on the real engine, ${mode} mode`, { skip: engine.skip }, () => {
    let run: Awaited<ReturnType<typeof runMode>>;
    before(async () => (run = await runMode(mode)));
    after(async () => rm(join(run.resultsDir, ".."), { recursive: true, force: true }));
    const verdict = (id: string, status: string, reward: number) => {
      const r = run.results.get(id)!;
      assert.equal(r.status, status, `${id}: ${JSON.stringify(r)}`);
      assert.equal(r.reward, reward, id);
      assert.equal(r.score?.source, "verifier", id);
      assert.equal(r.phases?.verifier?.mode, mode, id);
    };

    it("an honest agent passes", () => verdict("honest", "passed", 1));
    it("score.json and the sentinel are ignored", () => verdict("forge_score", "failed", 0));
    it("the tests are nowhere in the agent's container", async () => {
      verdict("read_tests", "failed", 0);
      const snoop = await readFile(join(run.resultsDir, "adversarial/read_tests/0/snoop.txt"), "utf8");
      assert.doesNotMatch(snoop, new RegExp(GRADER_MARKER));
    });
    it("a reward written to /logs/verifier, verifier/ or through a /logs symlink is not read", async () => {
      verdict("overwrite_logs", "failed", 0);
      verdict("logs_symlink", "failed", 0);
      assert.doesNotMatch(await readFile(join(run.resultsDir, "adversarial/overwrite_logs/0/verifier_log.txt"), "utf8"), /forged/);
    });
    it("background processes (also setsid) are gone before the verifier starts", () => {
      verdict("background", "failed", 0);
      verdict("background_setsid", "failed", 0);
      verdict("background_escaped", "failed", 0);
    });
    it("planted grader files are not executed", () => verdict("planted", "failed", 0));
    if (mode === "separate") it("a binary the agent replaced outside the workspace does not exist for a separate verifier", () => verdict("path_hijack", "failed", 0));
    it("grounds and verifier commands run in the sandbox, never on the host", () => {
      assert.equal(run.results.get("grounds_command")?.status, "passed", JSON.stringify(run.results.get("grounds_command")));
      verdict("verify_command", "passed", 1);
      assert.equal(existsSync(marker), false, "a command ran on the host");
    });
    it("the verifier's environment has no ENV values; nothing is left on the engine", async () => {
      const env = await readFile(join(run.resultsDir, "adversarial/honest/0/verifier/env.txt"), "utf8");
      assert.match(env, /^BENCH_TESTS=\/tests$/m);
      assert.match(env, /^BENCH_VERIFIER_LOGS=\/logs\/verifier$/m);
      const label = `${LABEL_RUN_ID}=${run.summary.runId}`;
      assert.equal((await engine.docker.listContainers({ all: true, filters: { label: [label] } })).length, 0);
      assert.equal((await engine.docker.listImages({ filters: { label: [label] } })).length, 0);
    });
  });
}

/** One scenario with its own verifier, run alone; `check` reads its result and run folder before the folder is removed. */
async function runOne(id: string, verify: Record<string, unknown>, settings: DockerSettings, check: (result: RunResult | undefined, runDir: string) => Promise<void> | void): Promise<void> {
  const { dir, jsonl } = await writeAdversarialBenchmark({ only: ["honest"], extraLines: [{ id, template: "Templates/honest", command: "true", verify }] });
  const resultsDir = join(await mkdtemp(join(tmpdir(), `bench-verifier-${id}-`)), "Results");
  try {
    const runner = new DockerRunner({ docker: engine.docker, defaultImage: PYTHON_IMAGE, settings });
    const summary = await runScenarios(jsonl, { runner, resultsDir, cwd: dir, dockerImage: PYTHON_IMAGE, noHistory: true, filter: `^${id}$` });
    await check(summary.results.find((r) => r.id === id), join(resultsDir, "adversarial", id, "0"));
  } finally {
    await rm(join(resultsDir, ".."), { recursive: true, force: true });
  }
}

describe("verifier phase as a non-root user", { skip: engine.skip }, () => {
  it("the image's user (here the agent's --user, kept by the shared mode's commit) can write its reward", () =>
    runOne("nonroot", { mode: "shared", command: 'id -u > "$BENCH_VERIFIER_LOGS/uid.txt"; echo 1 > "$BENCH_VERIFIER_LOGS/reward.txt"' }, { user: "65534:65534" }, async (result, runDir) => {
      assert.equal(result?.status, "passed", JSON.stringify(result));
      assert.equal((await readFile(join(runDir, "verifier/uid.txt"), "utf8")).trim(), "65534");
    }));
});

describe("verifier output past the limit", { skip: engine.skip }, () => {
  it("a /logs/verifier over 64 MiB is a verifier error that says the copy failed, not that the verifier could not run", () =>
    runOne("big_logs", { mode: "separate", command: 'head -c 70000000 /dev/zero > "$BENCH_VERIFIER_LOGS/big"; echo 1 > "$BENCH_VERIFIER_LOGS/reward.txt"' }, {}, (result) => {
      assert.equal(result?.status, "error");
      assert.equal(result?.error, "verifier error: copying /logs/verifier out failed: more than 67108864 bytes of files (at most 64 MiB is kept)");
    }));
});

describe("the shared mode's committed image", { skip: engine.skip }, () => {
  it("keeps the names of the run's variables, never their values (it outlives a crashed bench on the engine)", async () => {
    const dir = await mkdtemp(join(tmpdir(), "bench-verifier-commit-"));
    const secret = `commit-secret-${randomUUID()}`;
    try {
      await writeFile(join(dir, "run.sh"), "echo 42 > answer.txt\n");
      const runner = new DockerRunner({ docker: engine.docker, defaultImage: PYTHON_IMAGE });
      const runId = `audit-commit-${randomUUID()}`;
      const verifier = { origin: "verify" as const, command: 'sleep 8; echo 1 > "$BENCH_VERIFIER_LOGS/reward.txt"', timeoutMs: 120_000, mode: "shared" as const, env: {}, files: [], reward: "file" as const };
      const task = { runId, scenario: "commit", taskId: "t", rep: 0, runDir: dir, env: { MY_TOKEN: secret }, timeoutMs: 120_000, logCapBytes: 1 << 20, secrets: [secret], hasRequirements: false, image: PYTHON_IMAGE, verifier };
      const running = runner.run(task);
      // The image exists from the commit to the end of the verification (8 s and more).
      let env: string[] | undefined;
      for (let tries = 0; env === undefined && tries < 600; tries++) {
        const [image] = await engine.docker.listImages({ filters: { label: [`${LABEL_RUN_ID}=${runId}`], reference: ["bench-action-verify"] } });
        if (image) env = (await engine.docker.getImage(image.Id).inspect()).Config.Env ?? [];
        else await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const outcome = await running;
      await runner.close();
      assert.equal(outcome.verifier?.exitCode, 0, JSON.stringify(outcome));
      assert.ok(env, "the committed image was seen");
      assert.ok(env.includes("MY_TOKEN="), env.join(" "));
      assert.equal(env.some((entry) => entry.includes(secret)), false, env.join(" "));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
