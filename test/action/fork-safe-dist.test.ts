/**
 * dist/index.js in fork-safe report mode (workflow_run of a fork PR's run): the PR number the fork's
 * artifact recorded is only believed when that PR's head is the run's head_sha; otherwise the PR is
 * looked up by the run's owner:branch, or nothing is commented. The verdict goes to a check run on
 * the head commit, so a required check can block the PR.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { distFixture, runDist } from "./run-dist.ts";

const FORK_RUN = 1500;
const FORGED_RUN = 1501;
const FORK_SHA = "f0f0f0f".padEnd(40, "1");
const FORGED_SHA = "e5e5e5e".padEnd(40, "2");
const VICTIM_SHA = "7777777".padEnd(40, "3");

const forkPr = (number: number, sha: string, ref: string) => ({
  pull_request: { number, base: { ref: "main", repo: { full_name: "octo/bench" } }, head: { ref, sha, repo: { full_name: "forker/bench" } } },
  repository: { full_name: "octo/bench", default_branch: "main" },
});
const workflowRun = (id: number, sha: string, branch: string) => ({
  workflow_run: {
    id, event: "pull_request", head_sha: sha, head_branch: branch, pull_requests: [],
    head_repository: { full_name: "forker/bench", owner: { login: "forker" } },
  },
  repository: { full_name: "octo/bench", default_branch: "main" },
});

describe("dist/index.js: fork-safe report mode", () => {
  const fx = distFixture("bench-action-fork-", (gh) => {
    for (const id of [FORK_RUN, FORGED_RUN]) gh.backendRuns.set(`run-${id}`, id);
  });

  async function action(o: { event: Record<string, unknown>; eventName: string; runId: number; inputs: Record<string, string> }) {
    const { dir, workspace } = fx.job();
    const before = fx.gh.requests.length;
    const r = await runDist({
      dir, apiUrl: fx.gh.url, event: o.event, eventName: o.eventName, runId: o.runId, workspace,
      ref: o.eventName === "workflow_run" ? "refs/heads/main" : undefined,
      inputs: { "github-token": "ghs_faketoken123", runtime: "native", baseline: "none", ...o.inputs },
      extraEnv: { BENCH_TEST_AGENT_MODE: "head-agent-y7" },
    });
    return { ...r, rest: fx.gh.restRequests().filter((q) => fx.gh.requests.indexOf(q) >= before).map((q) => `${q.method} ${q.path}`) };
  }

  it("the fork's PR run uploads its results (it records PR 31) without a comment", async () => {
    const r = await action({ event: forkPr(31, FORK_SHA, "main"), eventName: "pull_request", runId: FORK_RUN, inputs: { "comment-mode": "off", "fail-on": "never" } });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.summary, /\n\nHead `f0f0f0f` · /);
    fx.gh.pulls.set(31, { number: 31, headSha: FORK_SHA, headRepo: "forker/bench", headRef: "main", baseRef: "main", state: "open" });
  });

  it("the report verifies PR 31 by its head commit, comments, and posts the verdict as a failing check run on that commit", async () => {
    const r = await action({ event: workflowRun(FORK_RUN, FORK_SHA, "main"), eventName: "workflow_run", runId: 1600, inputs: { mode: "report", "fail-on": "threshold", "min-pass-rate": "90%" } });
    assert.equal(r.code, 1, "the job fails too, but its status belongs to main");
    const [artifact] = fx.gh.artifacts.ofRun(FORK_RUN);
    assert.deepEqual(r.rest, [
      `GET /repos/octo/bench/actions/runs/${FORK_RUN}/artifacts?per_page=100`,
      `GET /repos/octo/bench/actions/artifacts/${artifact?.id}/zip`,
      "GET /repos/octo/bench/pulls/31",
      "GET /repos/octo/bench/issues/31/comments?per_page=100",
      "POST /repos/octo/bench/issues/31/comments",
      "POST /repos/octo/bench/check-runs",
    ]);
    assert.equal(fx.gh.comments.get(31)?.length, 1);
    const check = fx.gh.checkRuns.at(-1) ?? {};
    assert.deepEqual({ ...check, output: undefined }, {
      name: "bench-action", head_sha: FORK_SHA, status: "completed", conclusion: "failure",
      details_url: "https://github.com/octo/bench/actions/runs/1600", output: undefined,
    });
    const output = check["output"] as { title: string; summary: string };
    assert.equal(output.title, "pass rate 33.3 % is below min-pass-rate 90.0 %");
    assert.match(output.summary, /^## bench-action: 33\.3 %/);
  });

  it("a PR number the fork's artifact claims is not believed when that PR's head is another commit: no comment, the check run still lands", async () => {
    // The fork's job recorded PR 32 (someone else's PR) for a commit on its branch "evil".
    const run = await action({ event: forkPr(32, FORGED_SHA, "evil"), eventName: "pull_request", runId: FORGED_RUN, inputs: { "comment-mode": "off", "fail-on": "never" } });
    assert.equal(run.code, 0, run.stdout + run.stderr);
    fx.gh.pulls.set(32, { number: 32, headSha: VICTIM_SHA, headRepo: "octo/bench", headRef: "feature", baseRef: "main", state: "open" });
    const r = await action({ event: workflowRun(FORGED_RUN, FORGED_SHA, "evil"), eventName: "workflow_run", runId: 1601, inputs: { mode: "report", "fail-on": "never" } });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.deepEqual(r.rest.slice(2), ["GET /repos/octo/bench/pulls/32", "GET /repos/octo/bench/pulls?head=forker%3Aevil&state=open&per_page=100", "POST /repos/octo/bench/check-runs"]);
    assert.match(r.stdout, /::warning::No PR comment: no open pull request of octo\/bench has head e5e5e5e, the commit run 1501 benchmarked; rejected #32 \(its head is 7777777\)\./);
    assert.equal(fx.gh.comments.get(32), undefined, "the victim PR got no comment");
    assert.deepEqual([fx.gh.checkRuns.at(-1)?.["head_sha"], fx.gh.checkRuns.at(-1)?.["conclusion"]], [FORGED_SHA, "success"]);
  });

  it("the real PR of that branch is found by owner:branch and head commit; a check run refused (no checks: write) is a warning", async () => {
    fx.gh.pulls.set(33, { number: 33, headSha: FORGED_SHA, headRepo: "forker/bench", headRef: "evil", baseRef: "main", state: "open" });
    fx.gh.checkRunStatus = 403;
    try {
      const r = await action({ event: workflowRun(FORGED_RUN, FORGED_SHA, "evil"), eventName: "workflow_run", runId: 1602, inputs: { mode: "report", "fail-on": "never" } });
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.equal(fx.gh.comments.get(33)?.length, 1);
      assert.equal(fx.gh.comments.get(32), undefined);
      assert.match(r.stdout, /::warning::Could not post the check run "bench-action" \(HTTP 403: Resource not accessible by integration.*\); it needs 'permissions: checks: write'\./);
    } finally {
      fx.gh.checkRunStatus = undefined;
    }
  });

  it("check-run: off posts none", async () => {
    const before = fx.gh.checkRuns.length;
    const r = await action({ event: workflowRun(FORK_RUN, FORK_SHA, "main"), eventName: "workflow_run", runId: 1603, inputs: { mode: "report", "fail-on": "never", "check-run": "off" } });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(fx.gh.checkRuns.length, before);
    assert.ok(!r.rest.includes("POST /repos/octo/bench/check-runs"));
  });
});
