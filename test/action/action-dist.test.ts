/**
 * The bundled dist/index.js run as a process against local servers playing the GitHub REST API and
 * the artifact results service, with the environment a runner gives. Asserts the exact requests.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { RecordedRequest } from "./fake-github.ts";
import { distFixture, type DistRun, runDist } from "./run-dist.ts";

const MARKER = "<!-- bench-action:default -->";
const BASE_RUN = 400;
const PR_RUN = 500;

const prEvent = (fork = false) => ({
  pull_request: {
    number: 7,
    base: { ref: "main", repo: { full_name: "octo/bench" } },
    head: { ref: "feature", repo: { full_name: fork ? "forker/bench" : "octo/bench" } },
  },
  repository: { full_name: "octo/bench", default_branch: "main" },
});

describe("dist/index.js against fake GitHub + results service", () => {
  const fx = distFixture("bench-action-dist-", (gh) => {
    gh.backendRuns.set(`run-${BASE_RUN}`, BASE_RUN);
    gh.backendRuns.set(`run-${PR_RUN}`, PR_RUN);
  });

  /** A fresh workspace (copy of the fixture benchmark) and a run of the bundle in it. */
  async function action(o: { event: Record<string, unknown>; eventName: string; runId: number; inputs: Record<string, string>; mode?: string; ref?: string; workspace?: string; extraEnv?: Record<string, string> }): Promise<DistRun & { workspace: string; requests: RecordedRequest[] }> {
    const { dir, workspace } = fx.job(o.workspace);
    const before = fx.gh.requests.length;
    const result = await runDist({
      dir, apiUrl: fx.gh.url, event: o.event, eventName: o.eventName, runId: o.runId, ref: o.ref,
      workspace, inputs: { "github-token": "ghs_faketoken123", runtime: "native", ...o.inputs },
      extraEnv: { BENCH_TEST_AGENT_MODE: o.runId === BASE_RUN ? "base-agent-x9" : "head-agent-y7", ...o.extraEnv },
    });
    return { ...result, workspace, requests: fx.gh.requests.slice(before) };
  }

  it("a push to main runs the benchmark, uploads the artifact, writes summary and outputs, posts no comment", async () => {
    const r = await action({ event: { repository: { default_branch: "main" } }, eventName: "push", runId: BASE_RUN, ref: "refs/heads/main", inputs: { "retention-days": "400" }, extraEnv: { GITHUB_RETENTION_DAYS: "90" } });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const twirp = r.requests.filter((q) => q.path.startsWith("/twirp/")).map((q) => q.path.split("/").pop());
    assert.deepEqual(twirp, ["CreateArtifact", "FinalizeArtifact"]);
    const create = JSON.parse(r.requests.find((q) => q.path.endsWith("/CreateArtifact"))?.body ?? "{}") as Record<string, unknown>;
    assert.equal(create["name"], "bench-results");
    assert.equal(create["workflow_run_backend_id"], `run-${BASE_RUN}`);
    assert.equal(create["version"], 7);
    const days = (Date.parse(String(create["expires_at"])) - Date.now()) / 86_400_000;
    assert.ok(days > 89.9 && days <= 90, `retention-days 400 is capped at the repository's 90 days, got ${days}`);
    assert.match(r.stdout, /::warning::Retention days cannot be greater than the maximum allowed retention set within the repository\. Using 90 instead\./);
    const blob = r.requests.filter((q) => q.path.startsWith("/devstoreaccount1/"));
    assert.ok(blob.some((q) => q.method === "PUT" && q.path.includes("comp=block&")), "stages a block");
    assert.ok(blob.some((q) => q.method === "PUT" && q.path.includes("comp=blocklist")), "commits the block list");
    assert.deepEqual(fx.gh.restRequests().filter((q) => r.requests.includes(q)).map((q) => `${q.method} ${q.path}`), [
      "GET /repos/octo/bench/actions/workflows/bench.yml/runs?branch=main&status=success&exclude_pull_requests=true&per_page=50",
    ], "on a push to the baseline branch the only REST call looks for main's last run, to seed the history");
    assert.match(r.summary, /\n\nHistory: fresh \(no successful push, schedule or workflow_dispatch run of this workflow on `main` yet\)\n/);
    const [artifact] = fx.gh.artifacts.ofRun(BASE_RUN);
    assert.equal(artifact?.name, "bench-results");
    assert.ok((artifact?.zip.length ?? 0) > 100, "the zip was uploaded");
    assert.ok(artifact?.zip.includes("report.html"), "the HTML report is in the artifact");
    assert.match(readFileSync(join(r.workspace, "Results", "report.html"), "utf8"), /^<!doctype html>[\s\S]*66\.7/);
    assert.equal(r.outputs["artifact-id"], String(artifact?.id));
    assert.equal(r.outputs["artifact-url"], `https://github.com/octo/bench/actions/runs/${BASE_RUN}/artifacts/${artifact?.id}`);
    assert.equal(r.outputs["passed"], "2");
    assert.equal(r.outputs["failed"], "1");
    assert.equal(r.outputs["errored"], "0");
    assert.equal(r.outputs["pass-rate"], "0.6667");
    assert.equal(r.outputs["verdict"], "no-baseline");
    assert.equal(r.outputs["comment-id"], "");
    assert.match(r.summary, /^## bench-action: 66\.7 %.*\n\nHead `f00dfee` · 3 tasks · 3 trials/, "a push shows its own commit");
    assert.match(r.summary, /Baseline: this run is on `main`: it is the baseline/);
    assert.match(r.summary, /\| math \| 66\.7 % \| 3 \| 1 \| 2 \| 1 \| 0 \| 0 \| 0 \|/);
    assert.ok(existsSync(r.outputs["results-json"] ?? ""), "tabulation JSON written");
    assert.ok(r.stdout.includes("::add-mask::base-agent-x9"), "the ENV value is masked");
    assert.ok(r.stdout.includes("::group::math: 2/3 runs passed"));
    fx.gh.runs.push({ id: BASE_RUN, head_sha: "ba5e5ba5e5ba5e5ba5e5ba5e5ba5e5ba5e5ba5e5", head_branch: "main", created_at: new Date(Date.now() - 3 * 3600_000).toISOString(), workflow: "bench.yml" });
  });

  it("a PR's shard jobs upload one artifact each and do not comment", async () => {
    for (const shard of ["1/2", "2/2"]) {
      const r = await action({ event: prEvent(), eventName: "pull_request", runId: PR_RUN, inputs: { shard } });
      assert.equal(r.code, 0, r.stdout + r.stderr);
      const [i, count] = shard.split("/");
      const create = JSON.parse(r.requests.find((q) => q.path.endsWith("/CreateArtifact"))?.body ?? "{}") as Record<string, unknown>;
      assert.equal(create["name"], `bench-results-shard-${i}-of-${count}`);
      assert.equal(r.requests.filter((q) => q.path.includes("/comments")).length, 0);
      assert.match(r.summary, new RegExp(`\\(shard ${i}/2\\)`));
    }
    assert.deepEqual(fx.gh.artifacts.ofRun(PR_RUN).map((a) => a.name), ["bench-results-shard-1-of-2", "bench-results-shard-2-of-2"]);
  });

  it("the report job merges the shards, compares with main's artifact and creates the comment once (150 earlier comments)", async () => {
    fx.gh.addComments(7, 150, (i) => ({ body: i === 40 ? `${MARKER}\nforged by someone else` : `comment ${i}`, user: { login: i === 40 ? "mallory" : "someone" } }));
    const r = await action({ event: prEvent(), eventName: "pull_request", runId: PR_RUN, inputs: { mode: "report" } });
    // 3 tasks × 1 trial cannot show a change (docs/verdict.md): inconclusive, so fail-on regression keeps the job green
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.doesNotMatch(r.stdout, /::error::/);
    const rest = r.requests.filter((q) => !q.path.startsWith("/twirp/") && !q.path.startsWith("/devstoreaccount1/")).map((q) => `${q.method} ${q.path}`);
    const zipId = fx.gh.artifacts.ofRun(BASE_RUN)[0]?.id;
    assert.deepEqual(rest, [
      "GET /repos/octo/bench/actions/workflows/bench.yml/runs?branch=main&status=success&exclude_pull_requests=true&per_page=50",
      `GET /repos/octo/bench/actions/runs/${BASE_RUN}/artifacts?per_page=100`,
      `GET /repos/octo/bench/actions/artifacts/${zipId}/zip`,
      "GET /repos/octo/bench/issues/7/comments?per_page=100",
      "GET /repos/octo/bench/issues/7/comments?per_page=100&page=2",
      "POST /graphql",
      "POST /repos/octo/bench/issues/7/comments",
    ]);
    const twirp = r.requests.filter((q) => q.path.startsWith("/twirp/")).map((q) => q.path.split("/").pop());
    assert.deepEqual(twirp, ["ListArtifacts", "ListArtifacts", "GetSignedArtifactURL", "ListArtifacts", "GetSignedArtifactURL"]);
    const comments = fx.gh.comments.get(7) ?? [];
    assert.equal(comments.length, 151);
    const ours = comments.at(-1);
    assert.ok(ours?.body.startsWith(`${MARKER}\n## bench-action: 33.3 %`), ours?.body.slice(0, 200));
    assert.match(ours?.body ?? "", /verdict \*\*inconclusive\*\*\n\n\*\*Too few runs to tell: with 3 tasks no change could be shown; add tasks or trials\.\*\*¹\n/);
    assert.match(ours?.body ?? "", /Baseline: `main` @ `ba5e5ba` \(\[run 400\]\(https:\/\/github\.com\/octo\/bench\/actions\/runs\/400\), 180 min old\)|Baseline: `main` @ `ba5e5ba` \(\[run 400\]\(https:\/\/github\.com\/octo\/bench\/actions\/runs\/400\), 3 h old\)/);
    assert.doesNotMatch(ours?.body ?? "", /New failures/);
    assert.match(ours?.body ?? "", /<sub>¹ Verdict: stratified permutation test .*α = 0\.05/);
    assert.equal(r.outputs["comment-id"], String(ours?.id));
    assert.equal(r.outputs["verdict"], "inconclusive");
    assert.equal(r.outputs["regressions"], "0");
    assert.match(r.summary, /^## bench-action: 33\.3 % · Δ \*\*−33\.3 pp\*\* vs base · verdict \*\*inconclusive\*\*/);
    assert.equal(comments[40]?.body, `${MARKER}\nforged by someone else`, "another user's marker comment is left alone");
  });

  it("a second report run updates the same comment instead of adding one", async () => {
    const firstId = fx.gh.comments.get(7)?.at(-1)?.id;
    const r = await action({ event: prEvent(), eventName: "pull_request", runId: PR_RUN, inputs: { mode: "report", "fail-on": "never" } });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const writes = r.requests.filter((q) => q.path.includes("/comments") && q.method !== "GET").map((q) => `${q.method} ${q.path}`);
    assert.deepEqual(writes, [`PATCH /repos/octo/bench/issues/comments/${firstId}`]);
    assert.equal(fx.gh.comments.get(7)?.length, 151);
    assert.equal(r.outputs["comment-id"], String(firstId));
  });

  it("a 403 on the comment is a warning and the job stays green", async () => {
    fx.gh.commentWriteStatus = 403;
    try {
      const r = await action({ event: prEvent(), eventName: "pull_request", runId: PR_RUN, inputs: { mode: "report", "fail-on": "never" } });
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.match(r.stdout, /::warning::Could not post the PR comment \(HTTP 403: Resource not accessible by integration/);
      assert.equal(r.outputs["comment-id"], "");
      assert.ok(r.summary.length > 0, "the summary is still written");
    } finally {
      fx.gh.commentWriteStatus = undefined;
    }
  });

  it("a fork PR gets a notice and no comment request", async () => {
    const r = await action({ event: prEvent(true), eventName: "pull_request", runId: PR_RUN, inputs: { mode: "report", "fail-on": "never", baseline: "none" } });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /::notice::This pull request comes from a fork, so its GITHUB_TOKEN is read-only/);
    assert.equal(r.requests.filter((q) => q.path.includes("/comments")).length, 0);
  });

  it("bad inputs fail with every problem, each naming its input", async () => {
    const r = await action({ event: prEvent(), eventName: "pull_request", runId: PR_RUN, inputs: { repeat: "two", shard: "3/2", "comment-mode": "sometimes" } });
    assert.equal(r.code, 1);
    assert.ok(r.stdout.includes(
      "::error::Invalid action inputs:%0A  input 'repeat' must be a whole number ≥ 1, got \"two\"%0A" +
      "  input 'shard' must be i/n with 1 ≤ i ≤ n (e.g. 2/4), got \"3/2\"%0A  input 'comment-mode' must be one of update | new | off, got \"sometimes\""), r.stdout);
    assert.equal(r.requests.length, 0);
  });

  it("a workflow_run report (fork-safe) downloads the triggering run's shards and comments on the PR they recorded", async () => {
    const event = {
      workflow_run: { id: PR_RUN, event: "pull_request", head_sha: "feedfacefeedfacefeedfacefeedfacefeedface", pull_requests: [], head_repository: { full_name: "forker/bench" } },
      repository: { full_name: "octo/bench", default_branch: "main" },
    };
    const commentId = fx.gh.comments.get(7)?.at(-1)?.id;
    fx.gh.pulls.set(7, { number: 7, headSha: "feedface".repeat(5), headRepo: "forker/bench", headRef: "feature", baseRef: "main", state: "open" });
    const r = await action({ event, eventName: "workflow_run", runId: 600, ref: "refs/heads/main", inputs: { mode: "report", "fail-on": "never" } });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const rest = r.requests.filter((q) => !q.path.startsWith("/twirp/") && !q.path.startsWith("/devstoreaccount1/")).map((q) => `${q.method} ${q.path}`);
    const [s1, s2] = fx.gh.artifacts.ofRun(PR_RUN);
    assert.deepEqual(rest.slice(0, 3), [
      `GET /repos/octo/bench/actions/runs/${PR_RUN}/artifacts?per_page=100`,
      `GET /repos/octo/bench/actions/artifacts/${s1?.id}/zip`,
      `GET /repos/octo/bench/actions/artifacts/${s2?.id}/zip`,
    ]);
    assert.equal(r.requests.filter((q) => q.path.startsWith("/twirp/")).length, 0, "another run's artifacts come through the REST API");
    assert.ok(rest.includes("GET /repos/octo/bench/pulls/7"), "the recorded PR is checked against the run's head_sha");
    assert.ok(rest.includes(`PATCH /repos/octo/bench/issues/comments/${commentId}`), rest.join("\n"));
    assert.deepEqual(fx.gh.checkRuns.map((c) => [c["name"], c["head_sha"], c["conclusion"]]), [["bench-action", "feedface".repeat(5), "success"]]);
    assert.match(r.stdout, /Reporting on 2 artifact\(s\) of run 500: bench-results-shard-1-of-2, bench-results-shard-2-of-2/);
  });

  it("an expired baseline artifact is reported in the comment, not a failure", async () => {
    for (const a of fx.gh.artifacts.ofRun(BASE_RUN)) a.expired = true;
    const r = await action({ event: prEvent(), eventName: "pull_request", runId: PR_RUN, inputs: { mode: "report" } });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(fx.gh.comments.get(7)?.at(-1)?.body ?? "",
      /Baseline: no live `bench-results` artifact in 1 successful push, schedule or workflow_dispatch run\(s\) on `main`: run 400 \(its artifact has expired\)\n/);
    assert.equal(r.outputs["verdict"], "no-baseline");
    assert.ok(!readFileSync(join(r.workspace, "Results", "bench-summary.md"), "utf8").includes("Δ"));
  });

  it("the baseline walks back past a fork's pull_request run on its `main`, a run without artifact and an expired one, and says so", async () => {
    const hoursAgo = (h: number) => new Date(Date.now() - h * 3600_000).toISOString();
    const [expired] = fx.gh.artifacts.ofRun(BASE_RUN);
    fx.gh.runs.push(
      // A fork's PR from its own branch "main": GitHub's branch=main matches it. It must never be a baseline.
      { id: 420, head_sha: "bad0".repeat(10), head_branch: "main", created_at: hoursAgo(1), workflow: "bench.yml", event: "pull_request", headRepo: "forker/bench" },
      { id: 410, head_sha: "0a10".repeat(10), head_branch: "main", created_at: hoursAgo(2), workflow: "bench.yml", event: "push" },
      { id: 390, head_sha: "5c4e".repeat(10), head_branch: "main", created_at: hoursAgo(5), workflow: "bench.yml", event: "schedule" },
    );
    const poison = fx.gh.artifacts.add(420, "bench-results", expired?.zip ?? Buffer.alloc(0));
    const good = fx.gh.artifacts.add(390, "bench-results", expired?.zip ?? Buffer.alloc(0));
    const r = await action({ event: prEvent(), eventName: "pull_request", runId: PR_RUN, inputs: { mode: "report", "fail-on": "never" } });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.deepEqual(r.requests.filter((q) => q.path.includes("/actions/")).map((q) => `${q.method} ${q.path}`), [
      "GET /repos/octo/bench/actions/workflows/bench.yml/runs?branch=main&status=success&exclude_pull_requests=true&per_page=50",
      "GET /repos/octo/bench/actions/runs/410/artifacts?per_page=100",
      `GET /repos/octo/bench/actions/runs/${BASE_RUN}/artifacts?per_page=100`,
      "GET /repos/octo/bench/actions/runs/390/artifacts?per_page=100",
      `GET /repos/octo/bench/actions/artifacts/${good.id}/zip`,
    ], `the fork's artifact ${poison.id} is never listed nor downloaded`);
    assert.match(r.summary, new RegExp(
      "\\n\\nBaseline: `main` @ `5c4e5c4` \\(\\[run 390\\]\\(https://github\\.com/octo/bench/actions/runs/390\\), 5 h old\\); skipped newer: " +
      "run 420 \\(a pull_request run from forker/bench\\), run 410 \\(no `bench-results` artifact\\), run 400 \\(its artifact has expired\\)\\n"));
    assert.equal(r.outputs["verdict"], "inconclusive", "compared with run 390's results (3 tasks × 1 trial: too few to call)");
  });
});
