import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  compare, renderAgbenchmarkReport, renderComparisonMarkdown, renderComparisonText, renderCsv, renderHtmlReport, renderMarkdown, renderText, tabulate,
  type Tabulation,
} from "../../sdk/index.ts";
import { renderReportMarkdown } from "../../src/report/render-pr-report.ts";
import { comparisonView, headlineOf } from "../../src/report/report-view.ts";

type Usage = { inputTokens: number; outputTokens: number; requests: number; costUsd: number | null };

async function results(root: string, runs: Record<string, (Usage | undefined)[]>): Promise<string> {
  for (const [id, trials] of Object.entries(runs)) {
    for (const [rep, usage] of trials.entries()) {
      const dir = join(root, "qa", id, String(rep));
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, "result.json"), JSON.stringify({ schema: 1, scenario: "qa", id, rep, status: "passed", durationMs: 1000, ...(usage ? { usage } : {}) }));
    }
  }
  return root;
}

describe("usage in tabulate, reports, compare and the PR comment", () => {
  let dir: string;
  let base: Tabulation;
  let head: Tabulation;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "usage-render-"));
    const t1Base = { inputTokens: 100, outputTokens: 20, requests: 1, costUsd: 0.001 };
    const t2 = { inputTokens: 300, outputTokens: 100, requests: 2, costUsd: 0.004 };
    const t1Head = { inputTokens: 200, outputTokens: 40, requests: 2, costUsd: 0.002 };
    base = await tabulate(await results(join(dir, "base"), { t1: [t1Base, t1Base], t2: [t2, t2], t3: [undefined, undefined] }));
    head = await tabulate(await results(join(dir, "head"), { t1: [t1Head, t1Head], t2: [t2, t2], t3: [undefined, undefined] }));
  });
  after(async () => rm(dir, { recursive: true, force: true }));

  it("tabulates usage per task, per suite and overall (means over the trials that recorded it)", () => {
    const suite = head.suites[0];
    assert.deepEqual(suite?.rows.map((r) => r.usage), [
      { trials: 2, inputTokens: 400, outputTokens: 80, requests: 4, costUsd: 0.004, meanTokens: 240, meanCostUsd: 0.002 },
      { trials: 2, inputTokens: 600, outputTokens: 200, requests: 4, costUsd: 0.008, meanTokens: 400, meanCostUsd: 0.004 },
      undefined,
    ]);
    assert.deepEqual(suite?.usage, { trials: 4, inputTokens: 1000, outputTokens: 280, requests: 8, costUsd: 0.012, meanTokens: 320, meanCostUsd: 0.003 });
    assert.deepEqual(head.overall.usage, suite?.usage);
  });

  it("compares per trial: overall and per task, head − base", () => {
    const c = compare(base, head);
    assert.deepEqual([c.usage?.overall.deltaMeanTokens, c.usage?.overall.deltaMeanCostUsd], [60, 0.0005]);
    assert.deepEqual(c.usage?.tasks.map((t) => [t.id, t.deltaMeanTokens, t.deltaMeanCostUsd]), [["t1", 120, 0.001], ["t2", 0, 0]]);
  });

  it("renders tokens and cost in text, CSV, Markdown, HTML and the comparison", () => {
    const text = renderText(head);
    assert.match(text, /Model usage: 8 requests · 1\.00k in \+ 280 out tokens · \$0\.012 · per trial 320 tokens, \$0\.003 \(4 trials recorded\)/);
    assert.match(text, /Task Id\s+Tokens\/trial\s+Cost\/trial\s+Requests\n-+\s+-+\s+-+\s+-+\nt1\s+240\s+\$0\.002\s+4\nt2\s+400\s+\$0\.004\s+4\nt3/);
    const csv = renderCsv(head).split("\n");
    assert.match(csv[0] ?? "", /,Flaky,Tokens per Trial,Cost USD per Trial,Requests$/);
    assert.match(csv[1] ?? "", /^t1,.*,False,240,0\.002,4$/);
    assert.match(csv[3] ?? "", /^t3,.*,False,,,$/);
    const md = renderMarkdown(head);
    assert.match(md, /\| Flaky \| Tokens\/trial \| Cost\/trial \|\n/);
    assert.match(md, /\| qa \| 3 \| 2 \|.*\| 320 \| \$0\.003 \|\n/);
    assert.match(md, /\| t1 \| ✅✅ \| 100% \| 240 \| \$0\.002 \|\n/);
    assert.match(md, /\| t3 \| ✅✅ \| 100% \| – \| – \|\n/);
    const html = renderHtmlReport(head, { base });
    assert.match(html, /<th>tokens\/trial<\/th><th>cost\/trial<\/th>/);
    assert.match(html, /<td class="num usage-tokens" title="8 requests, 1000 input \+ 280 output tokens over 4 trials">320<\/td><td class="num usage-cost">\$0\.003<\/td>/);
    assert.match(html, /<tr data-usage="qa\/t1"><td>qa\/t1<\/td><td class="num">120<\/td><td class="num">240<\/td><td class="num delta">\+120<\/td><td class="num">\$0\.001<\/td><td class="num">\$0\.002<\/td><td class="num delta">\+\$0\.001<\/td><\/tr>/);
    const c = compare(base, head);
    const cmd = renderComparisonMarkdown(c);
    assert.match(cmd, /\*\*Model usage\*\* tokens\/trial 260 → 320 \(\+60\) · cost\/trial \$0\.0025 → \$0\.003 \(\+\$0\.0005\)/);
    assert.match(cmd, /\| qa \/ t1 \| 120 → 240 \| \+120 \| \$0\.001 → \$0\.002 \| \+\$0\.001 \|\n\| qa \/ t2 \| 400 → 400 \| ±0 \| \$0\.004 → \$0\.004 \| ±0 \|/);
    assert.match(renderComparisonText(c), /Model usage: tokens\/trial 260 → 320 \(\+60\) · cost\/trial \$0\.0025 → \$0\.003 \(\+\$0\.0005\)\n  qa\/t1: tokens\/trial 120 → 240/);
  });

  it("fills agbenchmark's report.json cost per trial and total_cost", () => {
    const report = JSON.parse(renderAgbenchmarkReport(head)) as { metrics: { total_cost: number | null }; tests: Record<string, { results: { cost: number | null }[] }> };
    assert.equal(report.metrics.total_cost, 0.012);
    assert.deepEqual(["t1", "t2", "t3"].map((id) => report.tests[id]?.results.map((r) => r.cost)), [[0.002, 0.002], [0.004, 0.004], [null, null]]);
  });

  it("puts usage in the PR comment: suite columns, totals and the change against base", () => {
    const comment = renderReportMarkdown({
      head: headlineOf(head), comparison: comparisonView(compare(base, head)), title: "Benchmark",
      baseline: { state: "found", note: "main @ abc1234" },
    }, 60_000);
    assert.match(comment, /Model usage: 8 requests · 1\.00k in \+ 280 out tokens · \$0\.012 · per trial 320 tokens, \$0\.003/);
    assert.match(comment, /Model usage vs base: tokens\/trial 260 → 320 \(\+60\) · cost\/trial \$0\.0025 → \$0\.003 \(\+\$0\.0005\)/);
    assert.match(comment, /\| Flaky \| Tokens\/trial \| Cost\/trial \|\n\| --- \|.*\| ---: \| ---: \|\n\| qa \| 100\.0 % \| 3 \| 2 \| 6 \| 0 \| 0 \| 0 \| 0 \| 320 \| \$0\.003 \|/);
  });

  it("leaves every renderer as it was when no run recorded usage", async () => {
    const plain = await tabulate(await results(join(dir, "plain"), { t1: [undefined] }));
    assert.equal(plain.overall.usage, undefined);
    assert.equal(compare(plain, plain).usage, undefined);
    for (const out of [renderText(plain), renderCsv(plain), renderMarkdown(plain), renderComparisonMarkdown(compare(plain, plain))]) assert.doesNotMatch(out, /[Tt]okens/);
  });
});
