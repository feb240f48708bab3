/**
 * The Runner contract (src/runners/runner.ts, docs/architecture.md#runners) as one list of behavioural
 * checks, run against every implementation: native, Docker and the fake the other suites inject
 * (test/runners/runner-contract.test.ts). Each case gives the run.sh the real runners execute and the
 * behaviour the fake acts out; the assertions are the same for all three.
 */
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Runner, RunnerOutcome, RunTask } from "../../src/runners/runner.ts";
import type { FakeBehaviour } from "../helpers/fake-runner.ts";

export interface ContractCase {
  name: string;
  /** run.sh for the real runners. */
  script: string;
  /** What the fake acts out for the same case. */
  fake: FakeBehaviour;
  task?: Partial<RunTask>;
  /** Abort the run this many ms after it starts. */
  abortAfterMs?: number;
  check(outcome: RunnerOutcome, run: { dir: string; log: string }): void | Promise<void>;
}

/** A host variable that must never reach a run. */
export const HOST_ONLY = "BENCH_CONTRACT_HOST_SECRET";

const big = 64 * 1024;

/** A grader file for the verifier cases, outside every run folder. */
const graderDir = mkdtempSync(join(tmpdir(), "bench-contract-grader-"));
writeFileSync(join(graderDir, "check.txt"), "grader-file-content\n");
const verifierTask = (command: string, timeoutMs = 60_000): Partial<RunTask> => ({
  verifier: {
    origin: "verify", command, timeoutMs, mode: "shared", env: { OWN: "verifier-own-value" }, reward: "file",
    files: [{ kind: "file", from: join(graderDir, "check.txt"), to: "check.txt" }],
  },
});

export const CONTRACT: readonly ContractCase[] = [
  {
    name: "exit 0: the exit code, the output in console_log.txt, logBytes its size, times in order",
    script: "echo hello contract\n",
    fake: { exitCode: 0, output: "hello contract\n" },
    check: async (outcome, { dir, log }) => {
      assert.equal(outcome.exitCode, 0);
      assert.equal(outcome.timedOut, false);
      assert.equal(outcome.error, undefined);
      assert.equal(outcome.aborted, undefined);
      assert.match(log, /hello contract/);
      assert.equal(outcome.logBytes, (await stat(join(dir, "console_log.txt"))).size);
      assert.equal(outcome.logTruncated, false);
      assert.ok(outcome.startedAt.getTime() <= outcome.finishedAt.getTime());
    },
  },
  {
    name: "a non-zero exit is data, not an error of the runner",
    script: "echo failing; exit 3\n",
    fake: { exitCode: 3, output: "failing\n" },
    check: (outcome) => {
      assert.equal(outcome.exitCode, 3);
      assert.equal(outcome.timedOut, false);
      assert.equal(outcome.error, undefined);
    },
  },
  {
    name: "the timeout kills from outside, whatever the run does: timedOut, no exit code",
    script: "echo started\ntrap '' TERM\nwhile :; do sleep 1; done\n",
    fake: { timedOut: true, output: "started\n" },
    task: { timeoutMs: 1500 },
    check: (outcome, { log }) => {
      assert.equal(outcome.timedOut, true);
      assert.equal(outcome.exitCode, null);
      assert.match(log, /started/);
    },
  },
  {
    name: "stdin is closed: a run that reads it gets end-of-file at once instead of waiting for input",
    script: "cat; echo after-stdin\n",
    fake: { exitCode: 0, output: "after-stdin\n" },
    task: { timeoutMs: 30_000 },
    check: (outcome, { log }) => {
      assert.equal(outcome.timedOut, false, "the run waited on stdin until its timeout");
      assert.equal(outcome.exitCode, 0);
      assert.match(log, /after-stdin/);
    },
  },
  {
    name: "a timeout past Node's timer limit (3 000 000 s) waits: the run ends by itself, not timed out at once",
    script: "sleep 1; echo finished\n",
    fake: { exitCode: 0, output: "finished\n" },
    task: { timeoutMs: 3_000_000_000 },
    check: (outcome, { log }) => {
      assert.equal(outcome.timedOut, false);
      assert.equal(outcome.exitCode, 0);
      assert.match(log, /finished/);
    },
  },
  {
    name: "an abort stops the run and says so (nothing terminal may be written for it)",
    script: "echo waiting\nsleep 60\n",
    fake: { block: true, output: "waiting\n" },
    abortAfterMs: 700,
    check: (outcome) => {
      assert.equal(outcome.aborted, true);
      assert.equal(outcome.exitCode, null);
    },
  },
  {
    name: "the run sees its own env and never the host's",
    script: `echo "mine=$CONTRACT_VAR host=\${${HOST_ONLY}:-unset}"\n`,
    fake: { output: "mine=given host=unset\n" },
    task: { env: { CONTRACT_VAR: "given" } },
    check: (outcome, { log }) => {
      assert.equal(outcome.exitCode, 0);
      assert.match(log, /mine=given host=unset/);
    },
  },
  {
    name: "secrets are masked in console_log.txt, also when split across writes",
    script: "printf 'token=s3cr'; sleep 0.2; printf 'et-value\\n'\n",
    fake: { output: "token=s3cret-value\n" },
    task: { secrets: ["s3cret-value"] },
    check: (_outcome, { log }) => {
      assert.ok(!log.includes("s3cret-value"), log);
      assert.match(log, /token=\*\*\*/);
    },
  },
  {
    name: "console output past the cap is cut with a marker; the run still ends normally",
    script: `head -c ${big} /dev/zero | tr '\\0' 'x'; echo; echo done\n`,
    fake: { output: `${"x".repeat(big)}\ndone\n` },
    task: { logCapBytes: 4096 },
    check: (outcome, { log }) => {
      assert.equal(outcome.exitCode, 0);
      assert.equal(outcome.logTruncated, true);
      assert.ok(outcome.logBytes <= 4096 * 2, `kept ${outcome.logBytes} bytes`);
      assert.ok(log.length < big, "the flood is not all kept");
      assert.match(log, /truncated|dropped/);
    },
  },
  {
    name: "files the run writes are in its run folder afterwards",
    script: "echo made > made.txt\n",
    fake: { files: { "made.txt": "made\n" } },
    check: async (outcome, { dir }) => {
      assert.equal(outcome.exitCode, 0);
      assert.equal((await readFile(join(dir, "made.txt"), "utf8")).trim(), "made");
    },
  },
  {
    name: "verifier: after the agent, grader files in $BENCH_TESTS, its own env only, reward copied to verifier/, output to verifier_log.txt",
    script: "echo 41 > answer.txt; ls \"$BENCH_TESTS\" 2>&1; echo agent-done\n",
    fake: { exitCode: 0, output: "agent-done\n", verifier: { output: "grader-file-content\nOWN=verifier-own-value\n", files: { "reward.txt": "0.5\n" } } },
    task: { env: { TASK_SECRET: "task-env-value" }, ...verifierTask('cat "$BENCH_TESTS/check.txt"; env | grep -E "^(OWN|TASK_SECRET|BENCH_CONTRACT_HOST_SECRET)="; [ "$(cat answer.txt)" = 41 ] && echo 0.5 > "$BENCH_VERIFIER_LOGS/reward.txt"') },
    check: async (outcome, { dir, log }) => {
      assert.equal(outcome.exitCode, 0);
      assert.doesNotMatch(log, /check\.txt/, "the grader files were visible to the agent");
      assert.equal(outcome.verifier?.exitCode, 0);
      assert.equal(outcome.verifier?.timedOut, false);
      assert.equal(outcome.verifier?.mode, "shared");
      assert.equal(await readFile(join(dir, "verifier", "reward.txt"), "utf8"), "0.5\n");
      const verifierLog = await readFile(join(dir, "verifier_log.txt"), "utf8");
      assert.match(verifierLog, /grader-file-content/);
      assert.match(verifierLog, /^OWN=verifier-own-value$/m);
      assert.doesNotMatch(verifierLog, /task-env-value|host-only-value/, "the verifier got the task's or the host's environment");
    },
  },
  {
    name: "verifier: killed at its own timeout (timedOut, no exit code), the agent's outcome untouched",
    script: "echo agent-done\n",
    fake: { exitCode: 0, output: "agent-done\n", verifier: { timedOut: true } },
    task: verifierTask("trap '' TERM; while :; do sleep 1; done", 1500),
    check: (outcome) => {
      assert.equal(outcome.exitCode, 0);
      assert.equal(outcome.timedOut, false);
      assert.equal(outcome.verifier?.timedOut, true);
      assert.equal(outcome.verifier?.exitCode, null);
    },
  },
];

/** Runs one case on `runner` in a fresh run folder and applies its checks. */
export async function runCase(runner: Runner, contractCase: ContractCase, base: Partial<RunTask> = {}): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "bench-contract-"));
  try {
    await writeFile(join(dir, "run.sh"), contractCase.script);
    const task: RunTask = {
      runId: `contract-${randomUUID()}`, scenario: "contract", taskId: "t1", rep: 0, runDir: dir, env: {},
      timeoutMs: 60_000, logCapBytes: 1024 * 1024, secrets: [], hasRequirements: false, ...base, ...contractCase.task,
    };
    const controller = new AbortController();
    const timer = contractCase.abortAfterMs === undefined ? undefined : setTimeout(() => controller.abort(), contractCase.abortAfterMs);
    process.env[HOST_ONLY] = "host-only-value";
    let outcome: RunnerOutcome;
    try {
      outcome = await runner.run(task, controller.signal);
    } finally {
      clearTimeout(timer);
      delete process.env[HOST_ONLY];
    }
    const log = await readFile(join(dir, "console_log.txt"), "utf8").catch(() => "");
    assert.ok(!log.includes("host-only-value"), "the host's environment leaked into the run");
    await contractCase.check(outcome, { dir, log });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
