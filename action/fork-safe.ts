/**
 * Fork-safe report mode (a `workflow_run` job reporting on a pull_request run): the PR to comment on
 * is verified against GitHub's own record of the triggering run, and the verdict is posted as a check
 * run on the PR's head commit so that a required check can block the merge. See docs/action.md,
 * "Pull requests from forks".
 */
import { describeError, fitText } from "../sdk/index.ts";
import type { ActionContext } from "./context.ts";
import { httpStatus } from "./github-api.ts";
import type { ActionCore, GitHubApi, PullRequest } from "./types.ts";

/**
 * The PR the triggering run was about, or undefined with a warning. Candidates: the event's
 * `pull_requests` (GitHub's data; empty for forks), then the number the run recorded in its artifact
 * (written by the PR's own code: untrusted), then the open PRs whose head is the run's `owner:branch`.
 * A candidate counts only when its head commit is the run's `head_sha`.
 */
export async function verifiedPr(core: ActionCore, ctx: ActionContext, recorded: number | undefined, api: GitHubApi): Promise<number | undefined> {
  const run = ctx.triggeringRun;
  if (!run) return ctx.pr?.number;
  const rejected: string[] = [];
  for (const number of new Set([ctx.pr?.number, recorded].filter((n) => n !== undefined))) {
    let pull: PullRequest;
    try {
      pull = await api.getPull(number);
    } catch (error) {
      rejected.push(`#${number} (${httpStatus(error) ?? describeError(error).split("\n")[0]})`);
      continue;
    }
    if (pull.headSha === run.headSha) return number;
    rejected.push(`#${number} (its head is ${pull.headSha.slice(0, 7)})`);
  }
  if (run.headLabel) {
    try {
      const match = (await api.listPullsByHead(run.headLabel)).find((p) => p.headSha === run.headSha);
      if (match) return match.number;
    } catch (error) {
      rejected.push(`the PRs of ${run.headLabel} could not be listed (${describeError(error).split("\n")[0]})`);
    }
  }
  const tried = rejected.length > 0 ? `; rejected ${rejected.join(", ")}` : "";
  core.warning(`No PR comment: no open pull request of ${ctx.owner}/${ctx.repo} has head ${run.headSha.slice(0, 7)}, the commit run ${run.id} benchmarked${tried}.`);
  return undefined;
}

/** GitHub's limit on a check run's output summary (characters). */
const CHECK_RUN_SUMMARY_LIMIT = 65_535;

/** Check run name: one per comment-key, so two benchmarks on one PR are two required checks. */
export const checkRunName = (commentKey: string): string => (commentKey === "default" ? "bench-action" : `bench-action (${commentKey})`);

/** Post the verdict as a completed check run on the triggering run's head commit. A 403 is a warning. */
export async function postCheckRun(
  core: ActionCore, ctx: ActionContext, api: GitHubApi, o: { commentKey: string; failures: string[]; headline: string; summary: string },
): Promise<void> {
  const run = ctx.triggeringRun;
  if (!run) return;
  const name = checkRunName(o.commentKey);
  try {
    const created = await api.createCheckRun({
      name, headSha: run.headSha, conclusion: o.failures.length > 0 ? "failure" : "success",
      title: o.failures.length > 0 ? o.failures.join("; ").slice(0, 1000) : o.headline.slice(0, 1000),
      summary: fitText(o.summary, CHECK_RUN_SUMMARY_LIMIT, "\n\n_… trimmed; the job summary has everything._"),
      detailsUrl: `${ctx.serverUrl}/${ctx.owner}/${ctx.repo}/actions/runs/${ctx.runId}`,
    });
    core.info(`Check run "${name}" on ${run.headSha.slice(0, 7)}: ${o.failures.length > 0 ? "failure" : "success"} (${created.url})`);
  } catch (error) {
    const status = httpStatus(error);
    if (status !== 403 && status !== 404) throw error;
    core.warning(`Could not post the check run "${name}" (HTTP ${status}: ${describeError(error).split("\n")[0]}); it needs 'permissions: checks: write'.`);
  }
}
