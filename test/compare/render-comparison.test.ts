/** Golden Markdown/text for a comparison (reviewed by hand). Regenerate with UPDATE_GOLDEN=1. */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { compare } from "../../src/compare/compare.ts";
import { renderComparisonMarkdown, renderComparisonText } from "../../src/compare/render-comparison.ts";
import { bytes } from "../../src/report/render-markdown.ts";
import { makeTabulation, uniform } from "../tabulate/make-tabulation.ts";

function golden(name: string, actual: string): void {
  const path = new URL(`../report/golden/${name}`, import.meta.url);
  if (process.env.UPDATE_GOLDEN === "1") writeFileSync(path, actual);
  assert.equal(actual, readFileSync(path, "utf8"));
}

const base = makeTabulation({ code: { a: "PPP", b: "PPP", c: "FFF", d: "PFP", gone: "PPP" }, qa: { q1: "PPP", q2: "FFF" } });
const head = makeTabulation({ code: { a: "PPP", b: "FFF", c: "PPF", d: "PPP", added: "PPP" }, qa: { q1: "PPF", q2: "FFF" } });

describe("comparison renderers", () => {
  const c = compare(base, head);
  it("markdown: the verdict sentence first, the method in a footnote", () => {
    const md = renderComparisonMarkdown(c);
    golden("comparison.md", md);
    assert.equal(md.split("\n")[2], "🟡 **Inconclusive**: no evidence of change (−5.6 pp is within chance); this benchmark can detect changes of about 37 pp or more.");
    assert.match(md, /\n<sub>¹ Verdict: stratified permutation test .* α = 0\.05; .*docs\/verdict\.md\.<\/sub>\n$/);
  });
  it("text", () => golden("comparison.txt", renderComparisonText(c)));
  it("α and the method only in the footnote, in Markdown and text, with and without --explain", () => {
    for (const out of [renderComparisonMarkdown(c), renderComparisonText(c), renderComparisonText(c, { explain: false })]) {
      const lines = out.trimEnd().split("\n");
      const footnote = lines.findIndex((l) => /^(<sub>)?¹ /.test(l));
      assert.equal(footnote, lines.length - 1, out);
      assert.match(lines[footnote]!, /α = 0\.05/);
      for (const line of lines.slice(0, footnote)) assert.doesNotMatch(line, /α|permutation|Benjamini/, line);
    }
    assert.match(renderComparisonText(c, { explain: false }), /\n¹ False-alarm rate α = 0\.05; the method: docs\/verdict\.md\.\n$/);
  });
  it("a regressed verdict is not named twice", () => {
    const r = compare(makeTabulation({ s: uniform(8, "PPP") }), makeTabulation({ s: uniform(8, "FFF") }));
    assert.match(renderComparisonMarkdown(r), /\n🔴 \*\*Regressed\*\*: tasks pass 100\.0 pp less often than on the base, more than chance explains\.\n/);
    assert.match(renderComparisonText(r), /^Verdict: REGRESSED\. Tasks pass 100\.0 pp less often than on the base, more than chance explains\.\n/);
  });
  it("markdown keeps to maxBytes", () => {
    // 6 trials a side: each task's p = 2/C(12, 6) = .0022, and BH keeps all 3000 at q = .0022
    const many = compare(makeTabulation({ s: uniform(3000, "PPPPPP") }), makeTabulation({ s: uniform(3000, "FFFFFF") }));
    const md = renderComparisonMarkdown(many, { maxBytes: 4000 });
    assert.ok(bytes(md) <= 4000, `${bytes(md)} bytes`);
    assert.match(md, /- … \d+ more not shown \(size budget\)/);
    assert.match(md, /^### Benchmark comparison\n\n🔴 \*\*Regressed\*\*: tasks pass 100\.0 pp less often than on the base, more than chance explains\./);
    assert.match(md, /<summary>New failures \(3000\)<\/summary>/);
  });
});
