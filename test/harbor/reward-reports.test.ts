/** Fractional rewards reach tabulate, compare and the Action's comment beside the pass rate (docs/harbor.md). */
import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { compare, renderComparisonMarkdown, renderComparisonText, renderMarkdown, renderText, tabulate } from "../../sdk/index.ts";
import { renderSummaryAndComment as render } from "../../src/report/render-pr-report.ts";
import { comparisonView, headlineOf } from "../../src/report/report-view.ts";

const temps: string[] = [];

/** A Results tree: suite "tb" with trials given as [id, rep, status, reward?]. */
async function results(trials: [string, number, "passed" | "failed" | "error", number?][]): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), "bench-reward-"));
  temps.push(root);
  for (const [id, rep, status, reward] of trials) {
    const dir = join(root, "tb", id, String(rep));
    await mkdir(dir, { recursive: true });
    const result = {
      schema: 1, scenario: "tb", id, rep, status, exitCode: 0, timedOut: false, startedAt: "2026-01-01T00:00:00.000Z", finishedAt: "2026-01-01T00:00:01.000Z",
      durationMs: 1000, attempts: 1, scenarioHash: "h", image: null, runner: "docker", ...(reward === undefined ? {} : { reward }),
    };
    await writeFile(join(dir, "result.json"), JSON.stringify(result));
  }
  return root;
}

describe("rewards in reports", () => {
  after(async () => {
    for (const dir of temps) await rm(dir, { recursive: true, force: true });
  });

  it("tabulate: mean reward per task and suite (a trial without a reward counts as its pass)", async () => {
    const head = await tabulate(await results([["a", 0, "failed", 0.5], ["a", 1, "passed", 1], ["b", 0, "failed", 0], ["b", 1, "error"], ["c", 0, "passed"], ["c", 1, "failed"]]));
    const suite = head.suites[0];
    assert.deepEqual(suite?.rows.map((r) => [r.id, r.meanReward]), [["a", 0.75], ["b", 0], ["c", undefined]]);
    // (0.75 + 0 + 0.5) / 3: c has no reward, its pass rate stands in.
    assert.equal(suite?.meanReward, 0.4166666666666667);
    assert.equal(head.overall.meanReward, 0.4166666666666667);
    assert.match(renderText(head), /^ {2}Mean reward: 0\.417 {2}\(Mean reward = mean over tasks/m);
    const md = renderMarkdown(head);
    assert.match(md, /\| Flaky \| Mean reward \|\n/);
    assert.match(md, /\| tb \| 3 \| 2 \| .* \| 0\.417 \|\n/);
    assert.match(md, /\| a \| ❌✅ \| 50% \| 0\.750 \|\n/);
  });

  it("no reward anywhere: no column, no line (reports stay as they were)", async () => {
    const head = await tabulate(await results([["a", 0, "passed"], ["b", 0, "failed"]]));
    assert.equal(head.overall.meanReward, undefined);
    assert.doesNotMatch(renderMarkdown(head), /Mean reward/);
    assert.doesNotMatch(renderText(head), /Mean reward/);
  });

  it("compare and the PR comment show mean reward base → head; the verdict stays the pass rate's", async () => {
    const base = await tabulate(await results([["a", 0, "failed", 0.25], ["b", 0, "failed", 0]]));
    const head = await tabulate(await results([["a", 0, "failed", 0.75], ["b", 0, "failed", 0.5]]));
    const c = compare(base, head);
    assert.deepEqual(c.reward, { base: 0.125, head: 0.625, delta: 0.5 });
    assert.equal(c.verdict, "inconclusive");
    assert.match(renderComparisonMarkdown(c), /\*\*Mean reward\*\* 0\.125 → 0\.625 \(\+0\.500\)/);
    assert.match(renderComparisonText(c), /^Mean reward: 0\.125 → 0\.625 \(\+0\.500\)$/m);
    const { comment } = render({ title: "bench-action", head: headlineOf(head), comparison: comparisonView(compare(base, head)), baseline: { state: "found", note: "main" } });
    assert.match(comment, /^Mean reward: 0\.625 \(base → head 0\.125 → 0\.625 \(\+0\.500\)\)$/m);
    assert.match(comment, /\| Flaky \| Mean reward \|\n/);
  });
});
