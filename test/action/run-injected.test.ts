/** run() in-process with a fake core, a fake GitHub API and a fake artifact store (no HTTP, no bundle). */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run } from "../../action/run.ts";
import type { ActionCore, ArtifactStore, GitHubApi, IssueComment } from "../../action/types.ts";

const FIXTURE = new URL("./fixtures/bench/", import.meta.url).pathname;

function fakeCore(inputs: Record<string, string>) {
  const log: string[] = [];
  const outputs: Record<string, string> = {};
  const secrets: string[] = [];
  let failed: string | undefined;
  let summary = "";
  const core: ActionCore = {
    getInput: (name) => inputs[name] ?? "",
    setOutput: (name, value) => void (outputs[name] = value),
    setSecret: (s) => void secrets.push(s),
    setFailed: (m) => void (failed = m),
    info: (m) => void log.push(m),
    warning: (m) => void log.push(`warning: ${m}`),
    notice: (m) => void log.push(`notice: ${m}`),
    startGroup: (n) => void log.push(`group: ${n}`),
    endGroup: () => undefined,
    saveState: () => undefined,
    writeSummary: async (md) => void (summary += md),
  };
  return { core, log, outputs, secrets, failed: () => failed, summary: () => summary };
}

function fakeGitHub(calls: string[]): GitHubApi {
  const comments: IssueComment[] = [];
  return {
    listComments: async (n) => (calls.push(`list ${n}`), comments),
    createComment: async (n, body) => {
      calls.push(`create ${n}`);
      const c = { id: comments.length + 1, node_id: `IC_${comments.length + 1}`, body, user: { login: "github-actions[bot]" } };
      comments.push(c);
      return c;
    },
    updateComment: async (id) => (calls.push(`update ${id}`), comments[id - 1] as IssueComment),
    viewer: async () => ({ login: "github-actions[bot]", minimized: new Set<string>() }),
    listSuccessfulRuns: async () => [],
    getRun: async () => { throw new Error("not used"); },
    getPull: async () => { throw new Error("not used"); }, listPullsByHead: async () => [], createCheckRun: async () => { throw new Error("not used"); },
    listRunArtifacts: async () => [],
  };
}

const noArtifacts: ArtifactStore = {
  upload: async () => { throw new Error("upload should be off"); },
  listCurrentRun: async () => [],
  download: async () => { throw new Error("not used"); },
  delete: async () => { throw new Error("not used"); },
};

describe("run() with injected core and clients", () => {
  it("runs natively, compares with a file baseline, comments once, sets outputs and fails on the regression", async () => {
    // 5 trials a task: "fragile" going 5/5 → 0/5 is significant (p = 2/C(10, 5) = .008, q = .024); with
    // fewer runs no honest test could call one task out of three a regression (docs/verdict.md)
    const ws = mkdtempSync(join(tmpdir(), "bench-action-run-"));
    cpSync(FIXTURE, ws, { recursive: true });
    const event = join(ws, "event.json");
    writeFileSync(event, JSON.stringify({ pull_request: { number: 3, base: { ref: "main" }, head: { sha: "c0ffee1c0ffee1c0ffee1c0ffee1c0ffee1c0ffe" } } }));
    const env = { GITHUB_WORKSPACE: ws, GITHUB_EVENT_NAME: "pull_request", GITHUB_EVENT_PATH: event, GITHUB_REPOSITORY: "o/r", GITHUB_RUN_ID: "9", RUNNER_TEMP: ws };
    const calls: string[] = [];
    const deps = { env: { ...env, BENCH_TEST_AGENT_MODE: "base-agent-x9" }, github: () => fakeGitHub(calls), artifacts: noArtifacts, now: () => new Date() };

    const base = fakeCore({ runtime: "native", repeat: "5", "results-dir": "Base", "upload-artifact": "false", baseline: "none", "comment-mode": "off" });
    await run(base.core, deps);
    assert.equal(base.failed(), undefined);
    assert.deepEqual(base.secrets, ["base-agent-x9"]);

    const head = fakeCore({ runtime: "native", repeat: "5", "upload-artifact": "false", baseline: "file:Base", "github-token": "t0k" });
    await run(head.core, { ...deps, env: { ...env, BENCH_TEST_AGENT_MODE: "head-agent-y7" } });
    assert.deepEqual(head.secrets, ["t0k", "head-agent-y7"]);
    assert.deepEqual(calls, ["list 3", "create 3"], "update mode looks for an earlier comment, finds none, creates one");
    assert.equal(head.outputs["verdict"], "regressed");
    assert.equal(head.outputs["regressions"], "1");
    assert.equal(head.outputs["comment-id"], "1");
    assert.equal(head.failed(), "bench-action: regressed against the base: Δ −33.3 pp, 1 new failure");
    assert.ok(head.log.includes("group: math: 5/15 runs passed"));
    assert.match(head.summary(), /^## bench-action: 33\.3 % · Δ \*\*−33\.3 pp\*\* vs base · verdict \*\*regressed\*\*\n\n\*\*Regressed: tasks pass 33\.3 pp less often than on the base, more than chance explains\.\*\*¹\n\nHead `c0ffee1` · 3 tasks · 15 trials: 5 passed, 10 failed/, "the PR's head, not the merge commit");
    // five passes in a row make steady and fragile regression tests in the baseline's history
    assert.match(head.summary(), /Baseline: `Base`\n\nHistory: 3 tests from the baseline \(2 regression tests\)\n/);
    assert.ok(head.log.includes("History: 3 tests from the baseline (2 regression tests)"));
  });

  it("a benchmark with a custom_tabulate.py: the Action says it tabulates without it (bench tabulate would run it)", async () => {
    const ws = mkdtempSync(join(tmpdir(), "bench-action-run-"));
    cpSync(FIXTURE, ws, { recursive: true });
    const env = { GITHUB_WORKSPACE: ws, GITHUB_EVENT_NAME: "push", GITHUB_REPOSITORY: "o/r", GITHUB_RUN_ID: "11", RUNNER_TEMP: ws, BENCH_TEST_AGENT_MODE: "base-agent-x9" };
    const deps = { env, github: () => fakeGitHub([]), artifacts: noArtifacts, now: () => new Date() };
    const inputs = { runtime: "native", "upload-artifact": "false", baseline: "none", "comment-mode": "off" };
    const plain = fakeCore(inputs);
    await run(plain.core, deps);
    assert.equal(plain.failed(), undefined);
    assert.ok(!plain.log.some((line) => line.includes("custom_tabulate.py")), "no script, no warning");

    writeFileSync(join(ws, "Tasks", "custom_tabulate.py"), "def main(args):\n    pass\n");
    const scripted = fakeCore(inputs);
    await run(scripted.core, deps);
    assert.ok(scripted.log.includes("warning: Tasks/custom_tabulate.py: the Action tabulates by each run's result.json and does not run this script; " +
      "bench tabulate runs it (in a sandbox), so its figures may differ from the summary's (docs/options.md)"), scripted.log.join("\n"));
  });

  it("a push to main whose previous run cannot be looked up starts a fresh history and stays green", async () => {
    const ws = mkdtempSync(join(tmpdir(), "bench-action-run-"));
    cpSync(FIXTURE, ws, { recursive: true });
    const event = join(ws, "event.json");
    writeFileSync(event, JSON.stringify({ repository: { default_branch: "main" } }));
    const calls: string[] = [];
    const github: GitHubApi = {
      ...fakeGitHub(calls),
      listSuccessfulRuns: async (workflow, branch) => {
        calls.push(`runs ${workflow} ${branch}`);
        throw Object.assign(new Error("Resource not accessible by integration"), { status: 403 });
      },
    };
    const env = {
      GITHUB_WORKSPACE: ws, GITHUB_EVENT_NAME: "push", GITHUB_EVENT_PATH: event, GITHUB_REF: "refs/heads/main", GITHUB_REPOSITORY: "o/r",
      GITHUB_RUN_ID: "10", RUNNER_TEMP: ws, GITHUB_WORKFLOW_REF: "o/r/.github/workflows/bench.yml@refs/heads/main", BENCH_TEST_AGENT_MODE: "base-agent-x9",
    };
    const main = fakeCore({ runtime: "native", "upload-artifact": "false", "github-token": "t0k" });
    await run(main.core, { env, github: () => github, artifacts: noArtifacts, now: () => new Date() });
    assert.equal(main.failed(), undefined);
    assert.deepEqual(calls, ["runs bench.yml main"], "one lookup of main's runs, no comment on a push");
    const line = "History: fresh (could not be fetched from `main`: Resource not accessible by integration)";
    assert.ok(main.log.includes(line), main.log.join("\n"));
    assert.match(main.summary(), /\n\nBaseline: this run is on `main`: it is the baseline\n\nHistory: fresh \(could not be fetched from `main`: Resource not accessible by integration\)\n/);
  });

  it("until-decided: runs in looks against the baseline and stops once the verdict is settled", async () => {
    const ws = mkdtempSync(join(tmpdir(), "bench-action-run-"));
    cpSync(FIXTURE, ws, { recursive: true });
    const event = join(ws, "event.json");
    writeFileSync(event, JSON.stringify({ pull_request: { number: 4, base: { ref: "main" } } }));
    const env = { GITHUB_WORKSPACE: ws, GITHUB_EVENT_NAME: "pull_request", GITHUB_EVENT_PATH: event, GITHUB_REPOSITORY: "o/r", GITHUB_RUN_ID: "11", RUNNER_TEMP: ws };
    const deps = { env: { ...env, BENCH_TEST_AGENT_MODE: "base-agent-x9" }, github: () => fakeGitHub([]), artifacts: noArtifacts, now: () => new Date() };
    const base = fakeCore({ runtime: "native", repeat: "5", "results-dir": "Base", "upload-artifact": "false", baseline: "none", "comment-mode": "off" });
    await run(base.core, deps);
    const head = fakeCore({ runtime: "native", repeat: "8", "until-decided": "true", "upload-artifact": "false", baseline: "file:Base", "comment-mode": "off" });
    await run(head.core, { ...deps, env: { ...env, BENCH_TEST_AGENT_MODE: "head-agent-y7" } });
    const looks = head.log.filter((l) => l.startsWith("until-decided: "));
    assert.ok(looks.length >= 2 && looks.length < 8, looks.join("\n"));
    assert.match(looks.at(-1) ?? "", /→ stop: regressed \(p .* at this look\)$/);
    assert.ok(looks.slice(0, -1).every((l) => l.endsWith("→ more runs where they help most")));
    assert.equal(head.outputs["verdict"], "regressed");
    // No run after the stop: the run folders are exactly the runs of the last look, as run.json planned them.
    const runs = Number(/look \d+, (\d+) of at most/.exec(looks.at(-1) ?? "")?.[1]);
    const manifest = JSON.parse(readFileSync(join(ws, "Results", "run.json"), "utf8")) as { scenarios: { name: string; trials: Record<string, number> }[] };
    const planned = manifest.scenarios.flatMap((s) => Object.entries(s.trials).map(([id, n]) => ({ dir: join(ws, "Results", s.name, id), n })));
    assert.equal(planned.reduce((a, p) => a + p.n, 0), runs);
    for (const { dir, n } of planned) assert.equal(readdirSync(dir).filter((d) => /^\d+$/.test(d)).length, n, dir);
  });
});
