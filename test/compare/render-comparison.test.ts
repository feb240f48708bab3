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
  it("markdown: headline first", () => {
    const md = renderComparisonMarkdown(c);
    golden("comparison.md", md);
    assert.match(md.split("\n")[2] ?? "", /^🔴 \*\*Regressed\*\* /);
  });
  it("text", () => golden("comparison.txt", renderComparisonText(c)));
  it("markdown keeps to maxBytes", () => {
    const many = compare(makeTabulation({ s: uniform(3000, "P") }), makeTabulation({ s: uniform(3000, "F") }));
    const md = renderComparisonMarkdown(many, { maxBytes: 4000 });
    assert.ok(bytes(md) <= 4000, `${bytes(md)} bytes`);
    assert.match(md, /- … \d+ more not shown \(size budget\)/);
  });
});
