import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { renderMarkdown, bytes } from "../../src/report/render-markdown.ts";
import { makeTabulation, uniform } from "../tabulate/make-tabulation.ts";

describe("renderMarkdown size budget", () => {
  const big = makeTabulation({ big: uniform(2000, "PPF"), small: uniform(5, "PP", "s") });

  it("stays within maxBytes, keeps the summary table and says how many rows were cut", () => {
    const md = renderMarkdown(big, { maxBytes: 8000 });
    assert.ok(bytes(md) <= 8000, `${bytes(md)} bytes`);
    assert.match(md, /^### Benchmark results\n\n\| Suite \|/);
    assert.match(md, /\| big \| 2000 \| 3 \| \*\*66\.7%\*\* \|/);
    const shown = md.match(/^\| t\d{3}/gm)?.length ?? 0;
    assert.ok(shown > 50 && shown < 2000, `${shown} rows shown`);
    assert.ok(md.includes(`> ✂️ ${2000 + 5 - shown} task row(s) not shown to stay within 8000 bytes; see the full report (JSON or CSV).`));
    assert.ok(md.trimEnd().endsWith("</sub>"));
  });

  it("shows everything when it fits", () => {
    const md = renderMarkdown(makeTabulation({ s: uniform(3, "P") }));
    assert.ok(!md.includes("✂️"));
    assert.equal(md.match(/^\| t\d{3} \| ✅ \| 100% \|$/gm)?.length, 3);
  });

  it("cuts at a line with a marker when even the summary does not fit", () => {
    const md = renderMarkdown(big, { maxBytes: 300 });
    assert.ok(bytes(md) <= 300, `${bytes(md)} bytes`);
    assert.ok(md.endsWith("\n\n> ✂️ truncated to the size budget\n"));
  });

  it("escapes table-breaking characters in task ids", () => {
    const md = renderMarkdown(makeTabulation({ s: { "a|b": "P" } }));
    assert.ok(md.includes("| a\\|b | ✅ | 100% |"));
  });
});
