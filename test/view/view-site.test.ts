/** `bench view` through the CLI: the static site (--out), serving until the signal, usage errors; message files read as turns. */
import { before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdir, readFile, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { main } from "../../src/cli/main.ts";
import { parseMessages } from "../../src/view/messages.ts";
import { textHtml } from "../../src/view/console-text.ts";
import { captureIO } from "../helpers/capture-io.ts";
import { SECRET, writeViewFixture, type ViewFixture } from "./view-fixture.ts";

let fixture: ViewFixture;
before(async () => { fixture = await writeViewFixture(); });

async function bench(argv: string[], signal?: AbortSignal) {
  const io = captureIO({ cwd: fixture.cwd, ...(signal ? { signal } : {}) });
  const code = await main(["view", ...argv], io);
  return { code, out: io.out(), err: io.err() };
}

describe("bench view --out", () => {
  it("writes the same pages as a static site, the env file's values masked, without raw-file links", async () => {
    const r = await bench(["Results", "--base", "base/Results", "--out", "site"]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^bench view: wrote \d+ files to site \(open site\/index\.html\)\n$/);
    const site = join(fixture.cwd, "site");
    assert.deepEqual((await readdir(site)).sort(), [".bench-view", "assets", "compare.html", "index.html", "run", "task"]);
    assert.deepEqual((await readdir(join(site, "run"))).sort(), ["0", "1"]);
    const run = await readFile(join(site, "run", "0", "coding", "sort_list", "0.html"), "utf8");
    assert.ok(run.includes('<link rel="stylesheet" href="../../../../assets/view.css">'));
    assert.ok(!run.includes("/raw/") && !run.includes('href="../../../../raw'), "no raw links in a static site");
    assert.ok(!run.includes(SECRET));
    assert.ok((await readFile(join(site, "task", "coding", "weird<id>.html"), "utf8")).includes("<code>weird&lt;id&gt;</code>"));
    assert.equal((await bench(["Results", "--out", "site"])).code, 0, "an earlier --out folder is written again");
  });

  it("refuses a folder it did not write, and one inside a Results root", async () => {
    await mkdir(join(fixture.cwd, "mine"));
    await writeFile(join(fixture.cwd, "mine", "notes.txt"), "keep me");
    const mine = await bench(["Results", "--out", "mine"]);
    assert.equal(mine.code, 2);
    assert.equal(mine.err, `bench view: Invalid bench view --out:\n  ${join(fixture.cwd, "mine")}: not empty and not written by bench view (no .bench-view); choose a new or empty folder\n`);
    assert.equal(await readFile(join(fixture.cwd, "mine", "notes.txt"), "utf8"), "keep me");
    const inside = await bench(["Results", "--out", "Results/site"]);
    assert.equal(inside.code, 2);
    assert.match(inside.err, /Results\/site: inside the Results folder .*Results; write the site elsewhere\n$/);
  });
});

describe("bench view (serving)", () => {
  it("prints the URL, serves until the signal, then exits 0", async () => {
    const controller = new AbortController();
    const io = captureIO({ cwd: fixture.cwd, signal: controller.signal });
    const running = main(["view"], io);
    let url: string | undefined;
    for (let i = 0; i < 200 && !url; i++) {
      url = /on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(io.out())?.[1];
      if (!url) await new Promise((r) => setTimeout(r, 25));
    }
    assert.ok(url, io.out() + io.err());
    const index = await (await fetch(url)).text();
    assert.ok(index.includes('<script type="application/json" id="runs-data">'));
    controller.abort();
    assert.equal(await running, 0);
    assert.match(io.out(), /^bench view: serving Results on http:\/\/127\.0\.0\.1:\d+\/ \(read-only; Ctrl-C to stop\)\n$/);
  });

  it("names the wrong path, port or option combination (exit 2)", async () => {
    const missing = await bench(["NoSuchResults", "--out", "x"]);
    assert.equal(missing.code, 2);
    assert.equal(missing.err, `bench view: Invalid tabulate input:\n  ${join(fixture.cwd, "NoSuchResults")}: no such file or folder\n`);
    const empty = await bench(["base", "--out", "x"]);
    assert.equal(empty.code, 2);
    assert.equal(empty.err, `bench view: Invalid tabulate input:\n  ${join(fixture.cwd, "base")}: holds no results (no <scenario>/<id>/<rep>/ run folder with a result.json or console_log.txt); did you mean ${join(fixture.cwd, "base", "Results")}?\n`);
    await mkdir(join(fixture.cwd, "Started"));
    await writeFile(join(fixture.cwd, "Started", "run.json"), "{}");
    assert.equal((await bench(["Started", "--out", "started-site"])).code, 0, "a benchmark that has just started has a run.json and no runs yet");
    const port = await bench(["--port", "http"]);
    assert.equal(port.code, 2);
    assert.ok(port.err.startsWith("bench view: --port: expected a whole number from 0 to 65535, got 'http'\n"), port.err);
    const both = await bench(["--out", "x", "--port", "8080"]);
    assert.ok(both.err.startsWith("bench view: --out writes files; --host and --port are for serving\n"), both.err);
  });
});

describe("message files and console text", () => {
  it("reads agbench's peer → messages files, OpenAI arrays and JSONL transcripts as turns", () => {
    const peers = parseMessages(JSON.stringify({ a: [{ role: "user", content: "hi" }], b: [{ role: "assistant", content: [{ type: "text", text: "yo" }], name: "bot" }] }), false);
    assert.deepEqual(peers, [{ title: "a", turns: [{ role: "user", text: "hi" }] }, { title: "b", turns: [{ role: "assistant", name: "bot", text: "yo" }] }]);
    assert.deepEqual(parseMessages(JSON.stringify({ messages: [{ role: "tool", content: "42" }] }), false), [{ title: "", turns: [{ role: "tool", text: "42" }] }]);
    assert.deepEqual(parseMessages('{"role":"user","content":"a"}\n\n{"type":"ai","text":"b"}\n', true),
      [{ title: "", turns: [{ role: "user", text: "a" }, { role: "ai", text: "b" }] }]);
    assert.equal(parseMessages('{"a": 1}', false), undefined, "not a transcript: shown as JSON");
    assert.equal(parseMessages("[", false), undefined);
    assert.equal(parseMessages("[]", false), undefined);
  });

  it("drops terminal escapes, shows invisible characters, escapes markup and masks secrets", () => {
    assert.equal(textHtml("\x1b[1;31mred\x1b[0m\x1b]8;;http://x\x07link\x1b]8;;\x07 <b>&</b>\r\nok\u200b", ["hunter22"]),
      "redlink &lt;b&gt;&amp;&lt;/b&gt;\nok<span class=\"ctl\" title=\"invisible character\">&lt;U+200B&gt;</span>");
    assert.equal(textHtml("pw=hunter22", ["hunter22"]), "pw=***");
  });
});
