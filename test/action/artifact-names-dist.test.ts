/**
 * dist/index.js and artifact names within one run: the fake results service refuses a second artifact
 * of one name (409, as the real one), so two legs with the same name fail the job with the fix, an
 * explicit artifact-overwrite replaces, and a re-run's attempt gets its own name that the report takes.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { distFixture, runDist } from "./run-dist.ts";

const MATRIX_RUN = 900;
const RERUN = 901;
const prEvent = {
  pull_request: { number: 11, base: { ref: "main", repo: { full_name: "octo/bench" } }, head: { ref: "f", sha: "abcdef1".padEnd(40, "0"), repo: { full_name: "octo/bench" } } },
  repository: { full_name: "octo/bench", default_branch: "main" },
};

describe("dist/index.js: artifact names never collide silently", () => {
  const fx = distFixture("bench-action-names-", (gh) => {
    for (const id of [MATRIX_RUN, RERUN]) gh.backendRuns.set(`run-${id}`, id);
  });

  async function action(runId: number, inputs: Record<string, string>, attempt = 1) {
    const { dir, workspace } = fx.job();
    const before = fx.gh.requests.length;
    const r = await runDist({
      dir, apiUrl: fx.gh.url, event: prEvent, eventName: "pull_request", runId, workspace,
      inputs: { "github-token": "ghs_faketoken123", runtime: "native", baseline: "none", "comment-mode": "off", "fail-on": "never", ...inputs },
      extraEnv: { BENCH_TEST_AGENT_MODE: "head-agent-y7", GITHUB_RUN_ATTEMPT: String(attempt) },
    });
    const twirp = fx.gh.requests.slice(before).filter((q) => q.path.startsWith("/twirp/")).map((q) => q.path.split("/").pop());
    return { ...r, twirp };
  }

  it("a second leg uploading the same name gets the service's 409: the job fails (whatever fail-on says) and names the fix", async () => {
    const first = await action(MATRIX_RUN, {});
    assert.equal(first.code, 0, first.stdout + first.stderr);
    const second = await action(MATRIX_RUN, {});
    assert.equal(second.code, 1, "fail-on: never does not hide lost results");
    assert.deepEqual(second.twirp, ["CreateArtifact"]);
    assert.match(second.stdout, /::warning::Uploading artifact bench-results failed: an artifact named 'bench-results' already exists in this run \(another job of the run uploaded it, e\.g\. a matrix leg\): give each leg its own artifact-name \(e\.g\. bench-results-\$\{\{ matrix\.model \}\}\), use shard: i\/n, or set artifact-overwrite: true/);
    assert.match(second.stdout, /::error::bench-action: artifact upload failed \(bench-results\)/);
    assert.match(second.summary, /^## bench-action: 33\.3 %/, "the summary is still written");
    assert.equal(second.outputs["artifact-id"], "");
    assert.deepEqual(fx.gh.artifacts.ofRun(MATRIX_RUN).map((a) => a.name), ["bench-results"]);
  });

  it("artifact-overwrite: true deletes the run's artifact of that name first, then uploads", async () => {
    const [old] = fx.gh.artifacts.ofRun(MATRIX_RUN);
    const r = await action(MATRIX_RUN, { "artifact-overwrite": "true" });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.deepEqual(r.twirp, ["ListArtifacts", "ListArtifacts", "DeleteArtifact", "CreateArtifact", "FinalizeArtifact"]);
    const now = fx.gh.artifacts.ofRun(MATRIX_RUN);
    assert.deepEqual(now.map((a) => a.name), ["bench-results"]);
    assert.notEqual(now[0]?.id, old?.id);
    assert.equal(r.outputs["artifact-id"], String(now[0]?.id));
  });

  it("a re-run (attempt 2) uploads under its own name and the report takes each shard's latest attempt", async () => {
    for (const shard of ["1/2", "2/2"]) assert.equal((await action(RERUN, { shard })).code, 0);
    const rerun = await action(RERUN, { shard: "1/2" }, 2);
    assert.equal(rerun.code, 0, rerun.stdout + rerun.stderr);
    assert.deepEqual(fx.gh.artifacts.ofRun(RERUN).map((a) => a.name), ["bench-results-shard-1-of-2", "bench-results-shard-2-of-2", "bench-results-shard-1-of-2-attempt-2"]);
    const report = await action(RERUN, { mode: "report" }, 2);
    assert.equal(report.code, 0, report.stdout + report.stderr);
    assert.match(report.stdout, /Reporting on 2 artifact\(s\) of this run: bench-results-shard-1-of-2-attempt-2, bench-results-shard-2-of-2\n/);
    assert.equal(report.outputs["passed"], "1");
  });
});
