/**
 * dist/index.js and the sticky comment's identity: found by marker and by the token's own login from
 * GraphQL `viewer` (an App token included, where REST /user answers 403), and a comment a maintainer
 * hid is left alone (a new one is posted) unless hidden-comment: update. The GraphQL query is checked
 * against GitHub's schema by the fake.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { distFixture, runDist } from "./run-dist.ts";

const MARKER = "<!-- bench-action:default -->";
const PR = 21;
const prEvent = {
  pull_request: { number: PR, base: { ref: "main", repo: { full_name: "octo/bench" } }, head: { ref: "f", sha: "abcdef1".padEnd(40, "0"), repo: { full_name: "octo/bench" } } },
  repository: { full_name: "octo/bench", default_branch: "main" },
};

describe("dist/index.js: the sticky comment is the token's own, and a hidden one is not edited", () => {
  const fx = distFixture("bench-action-sticky-", (gh) => {
    gh.viewer = "bench-app[bot]";
  });

  async function action(inputs: Record<string, string> = {}) {
    const { n, dir, workspace } = fx.job();
    const before = fx.gh.requests.length;
    const r = await runDist({
      dir, apiUrl: fx.gh.url, event: prEvent, eventName: "pull_request", runId: 950 + n, workspace,
      inputs: { "github-token": "ghs_apptoken456", runtime: "native", baseline: "none", "upload-artifact": "false", "fail-on": "never", ...inputs },
      extraEnv: { BENCH_TEST_AGENT_MODE: "head-agent-y7" },
    });
    return { ...r, rest: fx.gh.requests.slice(before).map((q) => `${q.method} ${q.path}`), graphql: fx.gh.requests.slice(before).filter((q) => q.path === "/graphql").map((q) => JSON.parse(q.body) as unknown) };
  }
  const comments = () => fx.gh.comments.get(PR) ?? [];

  it("an App token creates its comment, then edits it — not github-actions[bot]'s marker comment, not a new one", async () => {
    fx.gh.addComments(PR, 1, () => ({ body: `${MARKER}\nfrom another workflow's GITHUB_TOKEN`, user: { login: "github-actions[bot]" } }));
    const first = await action();
    assert.equal(first.code, 0, first.stdout + first.stderr);
    assert.equal(comments().length, 2, "the bot's comment is not the App's");
    assert.equal(comments()[1]?.user.login, "bench-app[bot]");
    assert.deepEqual(first.graphql, [{
      query: "query($ids: [ID!]!) { viewer { login } nodes(ids: $ids) { ... on IssueComment { id isMinimized } } }",
      variables: { ids: [`IC_kwFake${comments()[0]?.id}`] },
    }]);
    const second = await action();
    assert.equal(second.code, 0, second.stdout + second.stderr);
    assert.deepEqual(second.rest, [
      `GET /repos/octo/bench/issues/${PR}/comments?per_page=100`,
      "POST /graphql",
      `PATCH /repos/octo/bench/issues/comments/${comments()[1]?.id}`,
    ], "no GET /user: it answers 403 to App tokens");
    assert.equal(comments().length, 2);
    assert.equal(second.outputs["comment-id"], String(comments()[1]?.id));
    assert.ok(comments()[0]?.body.endsWith("from another workflow's GITHUB_TOKEN"));
  });

  it("a comment a maintainer hid is left as it is and a new one is posted, saying why", async () => {
    const hidden = comments()[1]!;
    hidden.minimized = true;
    const bodyBefore = hidden.body;
    const r = await action();
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.deepEqual(r.rest.filter((q) => !q.startsWith("GET")), ["POST /graphql", `POST /repos/octo/bench/issues/${PR}/comments`]);
    assert.equal(hidden.body, bodyBefore);
    assert.equal(comments().length, 3);
    assert.match(r.stdout, new RegExp(`PR comment created: .*\\(the earlier comment ${hidden.id} is hidden, so a new one was posted \\(hidden-comment: new\\)\\)`));
    const next = await action();
    assert.deepEqual(next.rest.filter((q) => !q.startsWith("GET")), ["POST /graphql", `PATCH /repos/octo/bench/issues/comments/${comments()[2]?.id}`], "the new visible one is the sticky comment now");
  });

  it("hidden-comment: update edits the hidden comment anyway", async () => {
    for (const c of comments()) c.minimized = c.user.login === "bench-app[bot]";
    const r = await action({ "hidden-comment": "update" });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.deepEqual(r.rest.filter((q) => !q.startsWith("GET")), ["POST /graphql", `PATCH /repos/octo/bench/issues/comments/${comments()[2]?.id}`]);
    assert.equal(comments().length, 3);
  });
});
