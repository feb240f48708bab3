/**
 * examples/harbor-mini through the bundled Action (dist/index.js) on the real engine, against the
 * fake GitHub: main's push runs with agent nop (the baseline), the pull request with agent oracle;
 * the PR comment shows the pass rate's verdict and the mean reward base → head.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { dockerEngine } from "./engine.ts";
import { FakeGitHub } from "../action/fake-github.ts";
import { runDist } from "../action/run-dist.ts";
import { repoPath } from "../../src/repo-path.ts";

const engine = await dockerEngine();
const BASE_RUN = 810;
const PR_RUN = 811;

describe("Harbor tasks through the Action (dist/index.js)", { skip: engine.skip }, () => {
  let gh: FakeGitHub;
  let root: string;
  before(async () => {
    gh = await new FakeGitHub().start();
    gh.backendRuns.set(`run-${BASE_RUN}`, BASE_RUN);
    gh.backendRuns.set(`run-${PR_RUN}`, PR_RUN);
    root = mkdtempSync(join(tmpdir(), "bench-harbor-action-"));
  });
  after(async () => {
    await gh.stop();
    rmSync(root, { recursive: true, force: true });
  });

  const docker: Record<string, string> = process.env["DOCKER_HOST"] ? { DOCKER_HOST: process.env["DOCKER_HOST"] } : {};
  const action = (name: string, agent: string, runId: number, event: Record<string, unknown>, eventName: string) => {
    const workspace = join(root, name);
    cpSync(repoPath("examples/harbor-mini"), workspace, { recursive: true });
    return runDist({
      dir: join(root, `job-${name}`), apiUrl: gh.url, eventName, runId, workspace, event,
      ...(eventName === "push" ? { ref: "refs/heads/main" } : {}),
      inputs: { "github-token": "ghs_faketoken123", scenarios: "tasks", agent, parallel: "2" }, extraEnv: docker,
    }).then((r) => ({ ...r, workspace }));
  };

  it("nop on main is the baseline; oracle on the PR passes every task, and the comment carries the mean reward", async () => {
    const base = await action("base", "nop", BASE_RUN, { repository: { default_branch: "main" } }, "push");
    assert.equal(base.code, 0, base.stdout + base.stderr);
    assert.equal(base.outputs["passed"], "0");
    assert.equal(base.outputs["failed"], "3");
    gh.runs.push({ id: BASE_RUN, head_sha: "ba5e5ba5e5ba5e5ba5e5ba5e5ba5e5ba5e5ba5e5", head_branch: "main", created_at: new Date(Date.now() - 3600_000).toISOString(), workflow: "bench.yml" });

    const pr = await action("pr", "oracle", PR_RUN, {
      pull_request: { number: 9, base: { ref: "main", repo: { full_name: "octo/bench" } }, head: { ref: "feature", repo: { full_name: "octo/bench" } } },
      repository: { full_name: "octo/bench", default_branch: "main" },
    }, "pull_request");
    assert.equal(pr.code, 0, pr.stdout + pr.stderr);
    assert.equal(pr.outputs["passed"], "3");
    assert.deepEqual(gh.violations, []);
    const result = JSON.parse(readFileSync(join(pr.workspace, "Results/tasks/word-counts/0/result.json"), "utf8")) as { reward: number; metrics: Record<string, number> };
    assert.equal(result.reward, 1);
    assert.deepEqual(result.metrics, { reward: 1, files_right: 4, files: 4 });
    const comment = (gh.comments.get(9) ?? []).at(-1)?.body ?? "";
    // 3 tasks × 1 trial: even 0/3 → 3/3 has p = 2/2³ = .25, so the calibrated verdict cannot call it (docs/verdict.md)
    assert.match(comment, /## bench-action: 100\.0 % · Δ \*\*\+100\.0 pp\*\* vs base · verdict \*\*inconclusive\*\*\n\n\*\*Too few runs to tell: with 3 tasks no change could be shown; add tasks or trials\.\*\*¹/);
    assert.match(comment, /^Mean reward: 1\.000 \(base → head 0\.000 → 1\.000 \(\+1\.000\)\)$/m);
    assert.match(comment, /\| Flaky \| Mean reward \|/);
  });
});
