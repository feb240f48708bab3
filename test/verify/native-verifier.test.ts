/**
 * The verifier phase natively, through runScenarios: every adversarial agent is scored as the
 * verifier alone decides (docs/verifier.md). Native runs have no isolation; what is checked here is
 * what the harness guarantees even so: grader files appear only after the agent's process group is
 * gone, the reward comes from a folder created after the agent, score.json and the sentinel are ignored.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chmodSync, readFileSync } from "node:fs";
import { NativeRunner, runScenarios, type RunResult } from "../../sdk/index.ts";
import { absolutePath, runNativeVerifier } from "../../src/runners/native-verifier.ts";
import { makeRunDir, makeTask } from "../runners/native-fixtures.ts";
import { GRADER_MARKER, writeAdversarialBenchmark } from "../helpers/verifier-fixture.ts";

const byId = (results: RunResult[]) => new Map(results.map((r) => [r.id, r]));

describe("verifier phase, native runner", () => {
  let results: Map<string, RunResult>;
  let resultsDir: string;
  const hostSecret = `host-secret-${process.pid}`;
  before(async () => {
    const { dir, jsonl } = await writeAdversarialBenchmark({
      overrides: { honest: { verify: { files: "tests", mode: "separate" } } },
      extraLines: [
        { id: "grounds_command", template: "Templates/honest", command: "sh agent.sh", score: { command: "grep -qx 42 answer.txt" } },
        { id: "no_reward", template: "Templates/honest", command: "sh agent.sh", verify: { command: "echo no reward here" } },
        { id: "verifier_timeout", template: "Templates/honest", command: "sh agent.sh", verify: { command: "sleep 30", timeout: 0.5 } },
        { id: "agent_timeout", template: "Templates/honest", command: "sh agent.sh; sleep 30", timeout: 1, verify: { files: "tests" } },
        { id: "fraction", template: "Templates/honest", command: "sh agent.sh", verify: { command: `printf '{"reward": 0.25, "tests": 4}' > "$BENCH_VERIFIER_LOGS/reward.json"` } },
        { id: "exit_code", template: "Templates/honest", command: "sh agent.sh", verify: { command: "grep -qx 42 answer.txt", reward: "exit-code" } },
      ],
    });
    await writeFile(join(dir, "ENV.yaml"), `ENV_SECRET: env-yaml-secret-value\n`);
    resultsDir = join(await mkdtemp(join(tmpdir(), "bench-verifier-native-")), "Results");
    process.env.BENCH_VERIFIER_HOST_SECRET = hostSecret;
    const summary = await runScenarios(jsonl, { runner: new NativeRunner({ killGraceMs: 200 }), resultsDir, cwd: dir, envFile: join(dir, "ENV.yaml") });
    results = byId(summary.results);
  });
  after(() => delete process.env.BENCH_VERIFIER_HOST_SECRET);

  const expectVerdict = (id: string, status: string, reward: number) => {
    const r = results.get(id)!;
    assert.equal(r.status, status, `${id}: ${JSON.stringify(r)}`);
    assert.equal(r.reward, reward, id);
    assert.equal(r.score?.source, "verifier", id);
  };

  it("an honest agent passes with reward 1; both phases are recorded", () => {
    expectVerdict("honest", "passed", 1);
    const r = results.get("honest")!;
    assert.equal(r.phases?.agent.exitCode, 0);
    assert.equal(r.phases?.agent.timedOut, false);
    assert.equal(r.phases?.verifier?.exitCode, 0);
    assert.equal(r.phases?.verifier?.mode, "separate");
    assert.ok(typeof r.phases?.verifier?.durationMs === "number");
  });
  it("score.json and the sentinel are ignored", () => expectVerdict("forge_score", "failed", 0));
  it("the tests are not there while the agent runs", async () => {
    expectVerdict("read_tests", "failed", 0);
    const snoop = await readFile(join(resultsDir, "adversarial/read_tests/0/snoop.txt"), "utf8");
    assert.doesNotMatch(snoop, new RegExp(GRADER_MARKER));
    // Other runs' verifier folders may be in the shared temp folder meanwhile: their contents, not their names, matter.
    assert.doesNotMatch(snoop, /expected=/);
  });
  it("a reward the agent wrote into verifier/ or the logs variable is not read; verifier_log.txt is the verifier's", async () => {
    expectVerdict("overwrite_logs", "failed", 0);
    const log = await readFile(join(resultsDir, "adversarial/overwrite_logs/0/verifier_log.txt"), "utf8");
    assert.match(log, /graded answer 41/);
    assert.doesNotMatch(log, /forged/);
    assert.equal((await readFile(join(resultsDir, "adversarial/overwrite_logs/0/verifier/reward.txt"), "utf8")).trim(), "0");
  });
  it("a background process the agent left is gone before the verifier starts", () => expectVerdict("background", "failed", 0));
  it("so are processes that left its process group (setsid, nohup, a double fork), and the log says so", async () => {
    expectVerdict("background_escaped", "failed", 0);
    assert.match(await readFile(join(resultsDir, "adversarial/background_escaped/0/console_log.txt"), "utf8"), /\[bench-action: killed \d+ process(es)? run\.sh left running outside its process group\]/);
  });
  it("files the agent planted where the grader's are looked up are not executed", () => expectVerdict("planted", "failed", 0));
  it("the verifier's environment is minimal: no ENV.yaml values, no host variables beyond the allowlist", async () => {
    const env = await readFile(join(resultsDir, "adversarial/honest/0/verifier/env.txt"), "utf8");
    assert.doesNotMatch(env, /env-yaml-secret-value|ENV_SECRET/);
    assert.doesNotMatch(env, new RegExp(hostSecret));
    assert.match(env, /^BENCH_TESTS=/m);
    assert.match(env, /^BENCH_WORKSPACE=/m);
  });
  it("a grounds command runs in the verifier phase and the grounds decide", () => {
    const r = results.get("grounds_command")!;
    assert.equal(r.status, "passed");
    assert.equal(r.score?.source, "grounds");
    assert.equal(r.reward, undefined);
    assert.equal(r.phases?.verifier?.exitCode, 0);
  });
  it("statuses tell a verifier error, an agent timeout and a failure apart", () => {
    const noReward = results.get("no_reward")!;
    assert.equal(noReward.status, "error");
    assert.equal(noReward.error, "verifier error: the verifier wrote no reward.txt or reward.json (exit code 0)");
    const slowVerifier = results.get("verifier_timeout")!;
    assert.equal(slowVerifier.status, "error");
    assert.equal(slowVerifier.error, "verifier error: timed out after 0.5 s");
    assert.equal(slowVerifier.phases?.verifier?.timedOut, true);
    const slowAgent = results.get("agent_timeout")!;
    assert.equal(slowAgent.status, "timeout");
    assert.equal(slowAgent.error, "timed out after 1 s");
    assert.equal(slowAgent.phases?.agent.timedOut, true);
    assert.equal(slowAgent.reward, 1, "the verifier still ran after the agent timed out, and its verdict is kept");
  });
  it("fractional rewards and reward.json metrics are kept; exit-code rewards work", () => {
    const r = results.get("fraction")!;
    assert.equal(r.status, "failed");
    assert.equal(r.reward, 0.25);
    assert.deepEqual(r.metrics, { reward: 0.25, tests: 4 });
    expectVerdict("exit_code", "passed", 1);
  });
});

describe("native verifier: PATH", () => {
  it("keeps only absolute entries: a host PATH with '.' or an empty entry never finds the agent's planted commands", async () => {
    assert.equal(absolutePath(".:/usr/bin::bin:/bin:"), "/usr/bin:/bin");
    assert.equal(absolutePath(undefined), "/usr/local/bin:/usr/bin:/bin");
    // The agent planted `cat` in its run folder; the verifier runs there (shared mode).
    const runDir = makeRunDir("true\n", { "answer.txt": "41\n", cat: "#!/bin/sh\necho 42\n" });
    chmodSync(join(runDir, "cat"), 0o755);
    const hostPath = process.env.PATH;
    process.env.PATH = `.::${hostPath ?? ""}`;
    try {
      const verifier = { origin: "verify" as const, command: 'echo "$(cat answer.txt)" > "$BENCH_VERIFIER_LOGS/seen.txt"; echo 1 > "$BENCH_VERIFIER_LOGS/reward.txt"', timeoutMs: 30_000, mode: "shared" as const, env: {}, files: [], reward: "file" as const };
      const outcome = await runNativeVerifier(makeTask(runDir), verifier, { shell: "sh", killGraceMs: 200 });
      assert.equal(outcome.exitCode, 0, JSON.stringify(outcome));
    } finally {
      process.env.PATH = hostPath;
    }
    assert.equal(readFileSync(join(runDir, "verifier", "seen.txt"), "utf8"), "41\n");
  });
});
