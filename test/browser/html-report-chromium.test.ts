/**
 * Opens the HTML report of a fixture Results tree in headless Chromium (Debian's `chromium`), keeps
 * a screenshot in test-output/, and checks the rendered DOM. Skips without chromium unless CI is set.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFile, execFileSync } from "node:child_process";
import { mkdir, mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { PassThrough } from "node:stream";
import { main } from "../../src/cli/main.ts";
import { writeFixture } from "../report/html-fixture.ts";

function findChromium(): string | undefined {
  for (const name of ["chromium", "chromium-browser"]) {
    try {
      return execFileSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" }).trim() || undefined;
    } catch {
      // not on PATH
    }
  }
  return undefined;
}

const chromium = findChromium();
if (!chromium && process.env.CI) throw new Error("CI is set but chromium is not installed (apt-get install -y chromium)");
const OUTPUT = resolve(import.meta.dirname, "../../test-output");

async function headless(args: string[]): Promise<string> {
  const profile = await mkdtemp(join(tmpdir(), "chromium-profile-"));
  const flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", `--user-data-dir=${profile}`];
  try {
    return await new Promise((done, fail) => {
      execFile(chromium ?? "chromium", [...flags, ...args], { timeout: 60_000, maxBuffer: 32 * 1024 * 1024 }, (error, stdout) =>
        error ? fail(error) : done(stdout));
    });
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
}

describe("HTML report in headless Chromium", { skip: chromium ? false : "chromium is not installed" }, () => {
  it("renders the suite percentages and every heatmap cell, and saves a screenshot", async () => {
    const root = await writeFixture();
    const out = new PassThrough();
    const code = await main(["report", root], { stdout: out, stderr: out, cwd: root, signal: new AbortController().signal });
    assert.equal(code, 0);
    const page = pathToFileURL(join(root, "report.html")).href;
    await mkdir(OUTPUT, { recursive: true });
    const shot = join(OUTPUT, "html-report.png");
    await rm(shot, { force: true });
    await headless([`--screenshot=${shot}`, "--window-size=1200,1400", "--hide-scrollbars", page]);
    assert.ok((await stat(shot)).size > 10_000, "screenshot written");
    const dom = await headless(["--dump-dom", page]);
    assert.match(dom, /data-suite="coding" data-percentage="55.6"/);
    assert.match(dom, /data-suite="web" data-percentage="33.3"/);
    assert.match(dom, /<text [^>]*>55\.6%<\/text>/);
    const heat = [...dom.matchAll(/<td class="cell" data-status="(\w+)" data-task="([^"]+)" data-trial="(\d)" title="([^"]*)">/g)];
    assert.equal(heat.length, 15);
    assert.deepEqual(heat.slice(0, 3).map((m) => m[1]), ["passed", "failed", "passed"]);
    assert.ok(heat.every((m) => (m[4] ?? "").startsWith(`${m[2]} trial ${m[3]}: ${m[1]}`)));
    assert.ok(dom.includes(`href="coding/sort_list/0/console_log.txt"`));
  });
});
