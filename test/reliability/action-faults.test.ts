/**
 * Action faults not covered by test/action/action-dist.test.ts (which proves: 403 on the comment,
 * expired baseline, 150 earlier comments): no artifact service (ACTIONS_RESULTS_URL on a closed
 * port) together with a PR of 500 comments. The job still reports (summary, outputs, one comment),
 * the exit code follows `fail-on` only, and the ENV value (a secret) is in no comment or summary.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:net";
import { distFixture, runDist } from "../action/run-dist.ts";

const MARKER = "<!-- bench-action:default -->";
const SECRET = "head-agent-y7";
const PR = {
  pull_request: { number: 9, base: { ref: "main", repo: { full_name: "octo/bench" } }, head: { ref: "f", repo: { full_name: "octo/bench" } } },
  repository: { full_name: "octo/bench", default_branch: "main" },
};

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

describe("Action: missing artifact service, a PR with 500 comments", () => {
  const fx = distFixture("bench-action-faults-", (gh) => {
    gh.addComments(9, 500, (i) => ({ body: `comment ${i}`, user: { login: "someone" } }));
  });

  async function prRun(inputs: Record<string, string>) {
    const { n, dir, workspace } = fx.job();
    const port = await closedPort();
    return runDist({
      dir, apiUrl: fx.gh.url, event: PR, eventName: "pull_request", runId: 600 + n, workspace,
      inputs: { "github-token": "ghs_faketoken123", runtime: "native", ...inputs },
      extraEnv: { BENCH_TEST_AGENT_MODE: SECRET, ACTIONS_RESULTS_URL: `http://127.0.0.1:${port}/` },
    });
  }

  it("fail-on threshold (min 90 %): the upload fails with a warning, the job still reports, comments once after 500 comments, exits 1", async () => {
    const r = await prRun({ "fail-on": "threshold", "min-pass-rate": "0.9" });
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /::warning::Uploading artifact bench-results failed: .*ECONNREFUSED/);
    assert.match(r.stdout, /::error::bench-action: .*below/);
    assert.match(r.summary, /^## bench-action: 33\.3 %/);
    assert.equal(r.outputs["pass-rate"], "0.3333");
    const comments = fx.gh.comments.get(9) ?? [];
    assert.equal(comments.length, 501);
    assert.ok(comments.at(-1)?.body.startsWith(MARKER));
    assert.equal(r.outputs["comment-id"], String(comments.at(-1)?.id));
    for (const text of [r.summary, comments.at(-1)?.body ?? "", r.stdout.replace(`::add-mask::${SECRET}`, ""), r.stderr]) assert.ok(!text.includes(SECRET), "the ENV value leaked");
  });

  it("a second run with the same faults updates the comment found among 500, not a new one", async () => {
    const id = fx.gh.comments.get(9)?.at(-1)?.id;
    const r = await prRun({ "fail-on": "threshold", "min-pass-rate": "0.2" });
    assert.match(r.summary, /^## bench-action: 33\.3 %/);
    assert.equal(fx.gh.comments.get(9)?.length, 501);
    assert.equal(r.outputs["comment-id"], String(id));
  });

  it("fail-on never and fail-on regression: the same faults leave the job green; fail-on error fails it for the lost upload", async () => {
    for (const failOn of ["never", "regression"]) {
      const r = await prRun({ "fail-on": failOn });
      assert.equal(r.code, 0, `fail-on ${failOn}: ${r.stdout}${r.stderr}`);
      assert.match(r.stdout, /::warning::Uploading artifact bench-results failed/);
      assert.match(r.summary, /^## bench-action: 33\.3 %/);
    }
    const r = await prRun({ "fail-on": "error" });
    assert.equal(r.code, 1);
    assert.match(r.stdout, /::error::bench-action: artifact upload failed \(bench-results\)/);
    assert.equal(fx.gh.comments.get(9)?.length, 501);
  });
});
