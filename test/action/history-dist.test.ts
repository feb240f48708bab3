/**
 * dist/index.js carrying agbenchmark history across jobs: main's pushes seed from main's previous
 * artifact, a PR seeds from its baseline, `history: none` and a corrupt baseline history start fresh.
 * Same fake GitHub + results service as action-dist.test.ts; exact REST requests asserted.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { cpSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { RecordedRequest } from "./fake-github.ts";
import { distFixture, type DistRun, runDist } from "./run-dist.ts";
import { zipEntry } from "./zip-entries.ts";

const MAIN_1 = 700;
const MAIN_2 = 701;
const PR_RUN = 800;
const PR_NO_HISTORY = 801;
const PR_CORRUPT = 802;
const PR_SHARDS = [803, 804];
const RUNS_OF_MAIN = "GET /repos/octo/bench/actions/workflows/bench.yml/runs?branch=main&status=success&exclude_pull_requests=true&per_page=50";
const prEvent = {
  pull_request: { number: 9, base: { ref: "main", repo: { full_name: "octo/bench" } }, head: { ref: "f", repo: { full_name: "octo/bench" } } },
  repository: { full_name: "octo/bench", default_branch: "main" },
};
const pushEvent = { repository: { full_name: "octo/bench", default_branch: "main" } };

describe("dist/index.js carries the agbenchmark history across jobs", () => {
  const fx = distFixture("bench-action-history-", (gh) => {
    for (const id of [MAIN_1, MAIN_2, PR_RUN, PR_NO_HISTORY, PR_CORRUPT, ...PR_SHARDS]) gh.backendRuns.set(`run-${id}`, id);
  });

  async function action(o: { push?: boolean; runId: number; inputs?: Record<string, string>; prepare?: (ws: string) => void }): Promise<DistRun & { workspace: string; rest: string[]; twirp: string[] }> {
    const { dir, workspace } = fx.job();
    o.prepare?.(workspace);
    const before = fx.gh.requests.length;
    const result = await runDist({
      dir, apiUrl: fx.gh.url, runId: o.runId,
      event: o.push ? pushEvent : prEvent, eventName: o.push ? "push" : "pull_request", ref: o.push ? "refs/heads/main" : "refs/pull/9/merge",
      workspace, inputs: { "github-token": "ghs_faketoken123", runtime: "native", "fail-on": "never", ...o.inputs },
      extraEnv: { BENCH_TEST_AGENT_MODE: o.push ? "base-agent-x9" : "head-agent-y7" },
    });
    const requests: RecordedRequest[] = fx.gh.requests.slice(before);
    return {
      ...result, workspace,
      rest: requests.filter((q) => !q.path.startsWith("/twirp/") && !q.path.startsWith("/devstoreaccount1/")).map((q) => `${q.method} ${q.path}`),
      twirp: requests.filter((q) => q.path.startsWith("/twirp/")).map((q) => q.path.split("/").pop() ?? ""),
    };
  }
  const history = (workspace: string, file: string): unknown => JSON.parse(readFileSync(join(workspace, "Results", file), "utf8"));
  const mainRun = (id: number, sha: string, hoursAgo: number) =>
    fx.gh.runs.push({ id, head_sha: sha.repeat(40 / sha.length), head_branch: "main", created_at: new Date(Date.now() - hoursAgo * 3600_000).toISOString(), workflow: "bench.yml" });

  let mainWorkspace = "";

  it("a push to main seeds from main's previous successful run, so the outcomes accumulate", async () => {
    const first = await action({ push: true, runId: MAIN_1 });
    assert.equal(first.code, 0, first.stdout + first.stderr);
    assert.deepEqual(first.rest, [RUNS_OF_MAIN]);
    assert.match(first.summary, /\n\nHistory: fresh \(no successful push, schedule or workflow_dispatch run of this workflow on `main` yet\)\n/);
    assert.deepEqual(history(first.workspace, "success_rate.json"), { steady: [true], fragile: [true], hard: [false] });
    mainRun(MAIN_1, "aaaa", 2);

    const second = await action({ push: true, runId: MAIN_2 });
    assert.equal(second.code, 0, second.stdout + second.stderr);
    const [artifact] = fx.gh.artifacts.ofRun(MAIN_1);
    assert.deepEqual(second.rest, [
      RUNS_OF_MAIN,
      `GET /repos/octo/bench/actions/runs/${MAIN_1}/artifacts?per_page=100`,
      `GET /repos/octo/bench/actions/artifacts/${artifact?.id}/zip`,
    ]);
    assert.deepEqual(second.twirp, ["CreateArtifact", "FinalizeArtifact"], "main's artifact comes through REST; only the upload uses the results service");
    assert.match(second.summary, /\n\nBaseline: this run is on `main`: it is the baseline\n\nHistory: 3 tests from `main` @ `aaaaaaa` \(0 regression tests\)\n/);
    assert.ok(second.stdout.includes("History: 3 tests from `main` @ `aaaaaaa` (0 regression tests)"), "logged too");
    assert.equal(second.outputs["verdict"], "no-baseline");
    assert.deepEqual(history(second.workspace, "success_rate.json"), { steady: [true, true], fragile: [true, true], hard: [false, false] });
    assert.deepEqual(history(second.workspace, "regression_tests.json"), {});
    mainRun(MAIN_2, "bbbb", 1);
    mainWorkspace = second.workspace;
  });

  it("a PR seeds from its baseline: steady's third pass in a row makes it a regression test, uploaded with the results", async () => {
    const r = await action({ runId: PR_RUN });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const [baseArtifact] = fx.gh.artifacts.ofRun(MAIN_2);
    assert.deepEqual(r.rest, [
      RUNS_OF_MAIN,
      `GET /repos/octo/bench/actions/runs/${MAIN_2}/artifacts?per_page=100`,
      `GET /repos/octo/bench/actions/artifacts/${baseArtifact?.id}/zip`,
      "GET /repos/octo/bench/issues/9/comments?per_page=100",
      "POST /repos/octo/bench/issues/9/comments",
    ], "one baseline lookup serves both the seed and the comparison");
    assert.match(r.summary, /\n\nHistory: 3 tests from the baseline \(0 regression tests\)\n/);
    assert.equal(r.outputs["verdict"], "inconclusive", "the same baseline is compared (3 tasks × 1 trial: too few to call)");
    const steady = { scenario: "math", streak: 3, "success_%": 100 };
    assert.deepEqual(history(r.workspace, "regression_tests.json"), { steady });
    assert.deepEqual(history(r.workspace, "success_rate.json"), { steady: [true, true, true], fragile: [true, true, false], hard: [false, false, false] });
    const [uploaded] = fx.gh.artifacts.ofRun(PR_RUN);
    assert.deepEqual(JSON.parse(zipEntry(uploaded?.zip ?? Buffer.alloc(0), "regression_tests.json") ?? "null"), { steady });
    assert.match(fx.gh.comments.get(9)?.at(-1)?.body ?? "", /\n\nHistory: 3 tests from the baseline \(0 regression tests\)\n/);
  });

  it("history: none seeds nothing but still compares with the baseline", async () => {
    const r = await action({ runId: PR_NO_HISTORY, inputs: { history: "none", "comment-mode": "off" } });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const [baseArtifact] = fx.gh.artifacts.ofRun(MAIN_2);
    assert.deepEqual(r.rest, [
      RUNS_OF_MAIN,
      `GET /repos/octo/bench/actions/runs/${MAIN_2}/artifacts?per_page=100`,
      `GET /repos/octo/bench/actions/artifacts/${baseArtifact?.id}/zip`,
    ]);
    assert.match(r.summary, /\n\nHistory: not seeded \(history: none\)\n/);
    assert.equal(r.outputs["verdict"], "inconclusive");
    assert.deepEqual(history(r.workspace, "success_rate.json"), { steady: [true], fragile: [false], hard: [false] });
    assert.deepEqual(history(r.workspace, "regression_tests.json"), {});
  });

  it("shard jobs seed only their own tasks from the baseline: the shards' histories are disjoint and cover every task", async () => {
    const [baseArtifact] = fx.gh.artifacts.ofRun(MAIN_2);
    const seen: Record<string, boolean[]>[] = [];
    for (const [i, runId] of PR_SHARDS.entries()) {
      const r = await action({ runId, inputs: { shard: `${i + 1}/2` } });
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.deepEqual(r.rest, [
        RUNS_OF_MAIN,
        `GET /repos/octo/bench/actions/runs/${MAIN_2}/artifacts?per_page=100`,
        `GET /repos/octo/bench/actions/artifacts/${baseArtifact?.id}/zip`,
      ], "a shard job looks the baseline up for its history only: no comment");
      const rates = history(r.workspace, "success_rate.json") as Record<string, boolean[]>;
      const own = Object.keys(rates);
      assert.match(r.summary, new RegExp(`\\n\\nHistory: ${own.length} tests? of this shard from the baseline \\(\\d+ regression tests?\\)\\n`));
      for (const id of own) assert.equal(rates[id]?.length, 3, `${id}: two seeded outcomes and this run's`);
      seen.push(rates);
    }
    const [a = {}, b = {}] = seen;
    assert.deepEqual(Object.keys(a).filter((id) => id in b), [], "no task in both shards");
    assert.deepEqual([...Object.keys(a), ...Object.keys(b)].sort(), ["fragile", "hard", "steady"]);
  });

  it("a corrupt history in the baseline is a warning: the job succeeds with a fresh history and still compares", async () => {
    const r = await action({
      runId: PR_CORRUPT, inputs: { baseline: "file:BaseResults", "comment-mode": "off" },
      prepare: (ws) => {
        cpSync(join(mainWorkspace, "Results"), join(ws, "BaseResults"), { recursive: true });
        writeFileSync(join(ws, "BaseResults", "success_rate.json"), '{"steady": [true, tru');
      },
    });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.deepEqual(r.rest, [], "a file baseline and no comment: no REST call");
    assert.match(r.stdout, /::warning::The history of the baseline is unreadable, starting with a fresh history: Invalid \S*\/BaseResults\/success_rate\.json: not valid JSON: .+\n/);
    assert.match(r.summary, /\n\nHistory: fresh \(the history of the baseline is unreadable\)\n/);
    assert.equal(r.outputs["verdict"], "inconclusive");
    assert.deepEqual(history(r.workspace, "success_rate.json"), { steady: [true], fragile: [false], hard: [false] });
    assert.ok(existsSync(join(r.workspace, "Results", "regression_tests.json")));
  });
});
