import { mkdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { describeError, failureReasons, headlineOf, renderSummaryAndComment, type BaselineInfo, type ComparisonView } from "../sdk/index.ts";
import { findBaseline, type BaselineSource } from "./baseline.ts";
import { postCheckRun, verifiedPr } from "./fork-safe.ts";
import { compareTabulations, customTabulateScript, envValues, htmlReport, mergeShards, plannedTaskIds, runBenchmark, tabulateResults, tabulationMarkdown, type Tabulation } from "./bench.ts";
import { readContext, type ActionContext } from "./context.ts";
import { seedHistory } from "./history-seed.ts";
import { readInputs } from "./inputs.ts";
import { postPrComment } from "./pr-comment.ts";
import { logScenarioGroups, progressLogger } from "./progress.ts";
import { writeOutputs } from "./publish.ts";
import { findReportSource } from "./report-source.ts";
import type { ActionCore, ActionDeps, GitHubApi } from "./types.ts";
import { uploadResults, type UploadedArtifact } from "./upload-results.ts";

export const TABULATION_FILE = "bench-tabulation.json";
export const CONTEXT_FILE = "bench-context.json";
/** Written at the Results root so its relative log links work inside the downloaded artifact. */
export const HTML_REPORT_FILE = "report.html";

/** The Action: inputs → baseline → seed history, run (or collect results) → artifact → compare → summary, comment, outputs. */
export async function run(core: ActionCore, deps: ActionDeps): Promise<void> {
  try {
    await runAction(core, deps);
  } catch (error) {
    core.setFailed(describeError(error));
  }
}

async function runAction(core: ActionCore, deps: ActionDeps): Promise<void> {
  const inputs = readInputs((name) => core.getInput(name));
  if (inputs.githubToken) core.setSecret(inputs.githubToken);
  const ctx = readContext(deps.env);
  const cwd = resolve(deps.env["GITHUB_WORKSPACE"] ?? process.cwd(), inputs.workingDirectory);
  const resultsDir = resolve(cwd, inputs.resultsDir);
  const tempDir = join(deps.env["RUNNER_TEMP"] ?? tmpdir(), `bench-action-${ctx.runId}-${process.pid}`);
  let api: GitHubApi | undefined;
  const github = (): GitHubApi => (api ??= deps.github(inputs.githubToken));
  const failures: string[] = [];

  const baselineDeps = { github, artifacts: deps.artifacts, now: deps.now(), tempDir, cwd };
  // Looked up once: a run job seeds its history from it before running, a job that is not a shard
  // compares with it. A shard job seeds only its own tasks, so the shards' histories stay disjoint.
  const lookUpBaseline = (): Promise<BaselineSource> => findBaseline(inputs, ctx, baselineDeps);

  let head: Tabulation;
  let found: BaselineSource | undefined;
  let history: string | undefined;
  let prNumber = ctx.pr?.number;
  if (inputs.mode === "run") {
    for (const value of await envValues(inputs, cwd, deps.env)) core.setSecret(value);
    core.saveState("runtime", inputs.runtime);
    core.saveState("results-dir", resultsDir);
    const seedDeps = { ...baselineDeps, warn: (m: string) => core.warning(m) };
    if (!inputs.shard) {
      found = await lookUpBaseline();
      history = await seedHistory(inputs, ctx, resultsDir, found, seedDeps);
    } else if (inputs.history === "none") {
      history = "not seeded (history: none)";
    } else {
      const own = await plannedTaskIds(inputs, cwd, deps.env);
      history = await seedHistory(inputs, ctx, resultsDir, await lookUpBaseline(), seedDeps, own);
    }
    core.info(`History: ${history}`);
    let untilDecided: { base: Tabulation; log: (line: string) => void } | undefined;
    if (inputs.untilDecided && !inputs.shard && found && found.paths.length > 0) {
      untilDecided = { base: await tabulateResults(found.paths), log: (line) => core.info(line) };
    } else if (inputs.untilDecided) core.info(`until-decided: no baseline to decide against here; running ${inputs.run.repeat ?? 1} repetition(s)`);
    const summary = await runBenchmark(inputs, cwd, progressLogger(core), deps.env, untilDecided);
    logScenarioGroups(core, summary);
    head = await tabulateResults([resultsDir]);
    const script = await customTabulateScript(inputs, cwd);
    if (script) {
      core.warning(`${relative(cwd, script)}: the Action tabulates by each run's result.json and does not run this script; ` +
        "bench tabulate runs it (in a sandbox), so its figures may differ from the summary's (docs/options.md)");
    }
  } else {
    const source = await findReportSource(resultsDir, inputs.artifactName, ctx, deps.artifacts, github);
    core.info(`Reporting on ${source.from}`);
    head = source.dirs.length > 1 ? await mergeShards(source.dirs) : await tabulateResults(source.dirs);
    const recorded = await recordedPr(source.dirs);
    prNumber = fromPullRequest(ctx) ? await verifiedPr(core, ctx, recorded, github()) : (prNumber ?? recorded);
    found = inputs.shard ? undefined : await lookUpBaseline();
  }
  await mkdir(resultsDir, { recursive: true });
  const tabulationPath = join(resultsDir, TABULATION_FILE);
  await writeFile(tabulationPath, JSON.stringify(head, null, 2));
  await writeFile(join(resultsDir, HTML_REPORT_FILE), htmlReport(head));

  let artifact: UploadedArtifact | undefined;
  if (inputs.mode === "run") {
    await writeFile(join(resultsDir, CONTEXT_FILE), JSON.stringify({ pr: prNumber ?? null, sha: ctx.sha, ref: ctx.ref, runId: ctx.runId, event: ctx.eventName }, null, 2));
    if (inputs.uploadArtifact) {
      const upload = await uploadResults(core, inputs, ctx, resultsDir, deps.artifacts);
      artifact = upload.artifact;
      if (upload.failure) failures.push(upload.failure);
    }
  }

  let baseline: BaselineInfo = { state: "none", note: "not compared in a shard job (the report job compares)" };
  let comparison: ComparisonView | undefined;
  if (found) {
    baseline = found.info;
    if (found.paths.length > 0) {
      try {
        comparison = compareTabulations(await tabulateResults(found.paths), head, inputs);
      } catch (error) {
        baseline = { ...baseline, state: "failed", note: `${baseline.note} — unreadable: ${describeError(error).split("\n")[0]}` };
      }
    }
  }

  const view = headlineOf(head);
  const details = tabulationMarkdown(head, 512 * 1024);
  const { summary, comment } = renderSummaryAndComment({ head: view, comparison, baseline, history, details, artifact, title: "bench-action", shard: inputs.shard, headSha: ctx.headSha });
  await core.writeSummary(summary);
  const summaryPath = join(resultsDir, "bench-summary.md");
  await writeFile(summaryPath, summary);
  const posted = inputs.shard ? undefined : await postPrComment(core, inputs, ctx, prNumber, comment, github);

  writeOutputs(core, { view, comparison, tabulationPath, summaryPath, artifact, commentId: posted?.id });
  failures.push(...failureReasons(inputs, view, comparison));
  // A workflow_run job's own status belongs to the default branch: the PR's head commit gets the verdict.
  if (inputs.mode === "report" && fromPullRequest(ctx) && inputs.checkRun === "auto") {
    await postCheckRun(core, ctx, github(), { commentKey: inputs.commentKey, failures, headline: summary.split("\n")[0]?.replace(/^#+ /, "") ?? "", summary: comment });
  }
  if (failures.length > 0) core.setFailed(`bench-action: ${failures.join("; ")}`);
}

/** A workflow_run event about a pull request's run (the fork-safe report pattern). */
const fromPullRequest = (ctx: ActionContext): boolean => ["pull_request", "pull_request_target"].includes(ctx.triggeringRun?.event ?? "");

/** The PR number a run-mode job recorded next to its results (fork PRs' workflow_run has none). */
async function recordedPr(dirs: string[]): Promise<number | undefined> {
  for (const dir of dirs) {
    try {
      const data = JSON.parse(await readFile(join(dir, CONTEXT_FILE), "utf8")) as { pr?: unknown };
      if (typeof data.pr === "number") return data.pr;
    } catch {
      // no context recorded in this tree
    }
  }
  return undefined;
}
