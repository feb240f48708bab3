import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { fitComment, renderSummaryAndComment as render } from "../../src/report/render-pr-report.ts";
import { comparisonView, headlineOf, type HeadlineView } from "../../src/report/report-view.ts";
import { compare } from "../../src/compare/compare.ts";
import { makeTabulation, uniform } from "../tabulate/make-tabulation.ts";

const ids = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => `${prefix}/task_${String(i).padStart(5, "0")}`);

function bigHead(): HeadlineView {
  return {
    percentage: 41.5, tasks: 20_000, passed: 8300, failed: 9000, errored: 2700, skipped: 0, missing: 0, total: 20_000,
    flaky: ids(3000, "suite"),
    suites: Array.from({ length: 400 }, (_, i) => ({ name: `suite_${i}`, percentage: 41.5, tasks: 50, trials: 1, passed: 20, failed: 25, errored: 5, missing: 0, flaky: [] })),
  };
}

describe("summary and comment rendering", () => {
  it("keeps the headline and regressions first and stays under GitHub's limits, linking the artifact", () => {
    const { summary, comment } = render({
      title: "bench-action", head: bigHead(),
      comparison: { verdict: "regressed", delta: -7.25, newFailures: ids(80, "suite_1"), fixed: [], newlyFlaky: ids(3, "suite_2"), markdown: "x".repeat(700_000) },
      baseline: { state: "found", note: "`main` @ `ba5e5ba`" },
      details: "| a | b |\n".repeat(200_000),
      artifact: { name: "bench-results", url: "https://github.com/o/r/actions/runs/1/artifacts/2" },
    });
    assert.ok(Buffer.byteLength(summary) < 1024 * 1024, `summary is ${Buffer.byteLength(summary)} bytes`);
    assert.ok(comment.length < 65_536 - 100, `comment is ${comment.length} characters`);
    for (const text of [summary, comment]) {
      assert.ok(text.startsWith("## bench-action: 41.5 % · Δ **−7.3 pp** vs base · verdict **regressed**\n"));
      assert.ok(text.indexOf("### ❌ New failures (80)") < text.indexOf("| Suite | Pass |"), "regressions come before the table");
      assert.ok(text.includes("- … and 30 more"));
      assert.ok(text.endsWith("Full results: [artifact `bench-results`](https://github.com/o/r/actions/runs/1/artifacts/2)\n"));
      assert.equal((text.match(/<details>/g) ?? []).length, (text.match(/<\/details>/g) ?? []).length, "every <details> is closed");
    }
    assert.match(comment, /_… trimmed to stay under GitHub's size limit; the artifact has everything._/);
  });

  it("states the verdict in one sentence under the headline, the method in a footnote", () => {
    const head = { ...bigHead(), flaky: [], suites: [] };
    const { summary } = render({
      title: "bench-action", head,
      comparison: { verdict: "inconclusive", delta: -2, newFailures: [], fixed: [], newlyFlaky: [], sentence: "No evidence of change (−2.0 pp is within chance); this benchmark can detect changes of about 12 pp or more.", method: "Verdict: stratified permutation test, α = 0.05." },
      baseline: { state: "found", note: "`main`" },
    });
    assert.ok(summary.startsWith("## bench-action: 41.5 % · Δ **−2.0 pp** vs base · verdict **inconclusive**\n\n**No evidence of change (−2.0 pp is within chance); this benchmark can detect changes of about 12 pp or more.**¹\n"), summary.slice(0, 300));
    assert.ok(summary.endsWith("\n\n<sub>¹ Verdict: stratified permutation test, α = 0.05.</sub>\n"), summary.slice(-200));
  });

  it("a real comparison: the method and α appear once, in the closing footnote", () => {
    const base = makeTabulation({ s: uniform(12, "PPF") });
    const head = makeTabulation({ s: uniform(12, "PFF") });
    const { summary, comment } = render({ title: "bench-action", head: headlineOf(head), comparison: comparisonView(compare(base, head)), baseline: { state: "found", note: "`main`" } });
    for (const text of [summary, comment]) {
      assert.equal(text.match(/α = 0\.05/g)?.length, 1, text);
      assert.match(text.trimEnd(), /\n<sub>¹ Verdict: stratified permutation test [^\n]*α = 0\.05;[^\n]*<\/sub>$/);
    }
  });

  it("fitComment cuts at a line under the limit and says so", () => {
    const text = fitComment("line\n".repeat(20_000), 1000);
    assert.ok(text.length <= 1000);
    assert.ok(text.endsWith("_… trimmed to fit GitHub's comment limit; the job summary and the artifact have everything._\n"));
    const open = fitComment(`<details><summary>x</summary>\n\n${"row\n".repeat(1000)}</details>\n`, 500);
    assert.match(open, /row\n\n<\/details>\n\n_… trimmed to fit/, "a <details> cut open is closed before the note");
  });
});
