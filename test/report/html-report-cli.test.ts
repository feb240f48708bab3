import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFile, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { PassThrough } from "node:stream";
import { main } from "../../src/cli/main.ts";
import { writeFixture } from "./html-fixture.ts";

async function report(argv: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  const out = new PassThrough();
  const err = new PassThrough();
  let o = "";
  let e = "";
  out.on("data", (c: Buffer) => (o += c.toString()));
  err.on("data", (c: Buffer) => (e += c.toString()));
  const code = await main(["report", ...argv], { stdout: out, stderr: err, cwd, signal: new AbortController().signal });
  return { code, out: o, err: e };
}

describe("bench report", () => {
  it("writes <results>/report.html by default, linking logs relative to it", async () => {
    const root = await writeFixture();
    const { code, out } = await report(["Results"], dirname(root));
    assert.equal(code, 0);
    assert.equal(out, "bench report: wrote Results/report.html\n");
    const html = await readFile(join(root, "report.html"), "utf8");
    assert.ok(html.includes(`href="web/click_button/1/console_log.txt"`));
  });

  it("--out elsewhere links back into the Results tree; --base adds the comparison", async () => {
    const head = await writeFixture();
    const base = await writeFixture({ coding: { sort_list: ["failed", "failed", "failed"] } });
    const cwd = dirname(head);
    const { code } = await report([head, "--base", base, "--out", "site/index.html", "--title", "PR #7"], cwd);
    assert.equal(code, 0);
    const html = await readFile(join(cwd, "site/index.html"), "utf8");
    assert.ok(html.includes(`href="../Results/coding/sort_list/2/console_log.txt"`));
    // 0/3 → 3/3 on one task is within chance for an exact test (p = 0.1): listed, not flagged
    assert.ok(html.includes(`<li data-change="not-significant">coding / <code>sort_list</code>: 0.0% → 100.0% <span class="muted">(q = 0.100)</span></li>`));
    assert.ok(html.includes("<title>PR #7</title>"));
  });

  it("shows each side's run id, date and commit from run.json, and links base cells into the base Results", async () => {
    const head = await writeFixture();
    const base = await writeFixture({ coding: { sort_list: ["failed", "passed", "failed"] } });
    await writeFile(join(head, "run.json"), JSON.stringify({ runId: "2026-02-03T10-00-00-000Z-abc", createdAt: "2026-02-03T10:00:00.000Z", updatedAt: "2026-02-03T10:07:30.000Z", state: "finished", commit: "0123456789abcdef0123456789abcdef01234567" }));
    const cwd = dirname(head);
    assert.equal((await report([head, "--base", base, "--out", "r.html"], cwd)).code, 0);
    const html = await readFile(join(cwd, "r.html"), "utf8");
    assert.ok(html.includes(`<li data-meta="head"><strong>head</strong>: run <code>2026-02-03T10-00-00-000Z-abc</code> · finished 2026-02-03 10:07 UTC · commit <code>0123456789ab</code></li>`));
    assert.ok(html.includes(`<li data-meta="base"><strong>base</strong>: commit not recorded</li>`), "the fixture's base run.json is {}");
    assert.match(html, /<li data-meta="generated">report written \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC<\/li>/);
    const baseLink = `${relative(cwd, base)}/coding/sort_list/1/console_log.txt`;
    assert.ok(html.includes(`<td class="cell base" data-status="passed" data-task="sort_list" data-trial="1" title="base: sort_list trial 1: passed · 1.5 s"><a href="${baseLink}"`), baseLink);
  });

  it("links through the parent when given one scenario folder", async () => {
    const root = await writeFixture({ solo: { only: ["passed"] } });
    const { code } = await report([join(root, "solo"), "--out", join(root, "r.html")], root);
    assert.equal(code, 0);
    assert.ok((await readFile(join(root, "r.html"), "utf8")).includes(`href="solo/only/0/console_log.txt"`));
  });

  it("rejects a missing input and extra arguments with usage (exit 2)", async () => {
    const none = await report([], "/");
    assert.equal(none.code, 2);
    assert.match(none.err, /^bench report: expected exactly one <results> \(got 0\)\n/);
    const bad = await report(["a", "--threshold", "x"], "/");
    assert.equal(bad.code, 2);
    assert.equal(bad.err, "bench report: --threshold: expected a number of percentage points ≥ 0 (e.g. 5 or 2.5), got 'x'\nRun 'bench report --help' for usage.\n");
  });
});
