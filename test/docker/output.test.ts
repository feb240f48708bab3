import { describe, it, after } from "node:test";
import assert from "node:assert/strict";
import { rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { DockerRunner } from "../../sdk/index.ts";
import { dockerEngine } from "./engine.ts";
import { runDir, task } from "./helpers.ts";

const engine = await dockerEngine();
const MB = 1024 * 1024;

describe("DockerRunner large output", { skip: engine.skip }, () => {
  const dirs: string[] = [];
  after(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  it("streams 200 MB to a 50 MB-capped console_log.txt with the harness's RSS bounded", async (t) => {
    const d = await runDir("head -c 200000000 /dev/zero | tr '\\0' x\necho\necho done >&2\n");
    dirs.push(d);
    const runner = new DockerRunner({ docker: engine.docker });
    // Warm up (lazy module loads, HTTP agent, first buffers) so the measure is about streaming only.
    const warm = await runDir("head -c 5000000 /dev/zero | tr '\\0' x\n");
    dirs.push(warm);
    assert.equal((await runner.run(task(warm, { logCapBytes: 50 * MB }))).exitCode, 0);
    globalThis.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    const outcome = await runner.run(task(d, { logCapBytes: 50 * MB }));
    clearInterval(sampler);
    const growth = (peak - before) / MB;
    t.diagnostic(`RSS growth while streaming 200 MB: ${growth.toFixed(1)} MB`);
    assert.equal(outcome.exitCode, 0);
    assert.equal(outcome.logTruncated, true);
    assert.equal(outcome.logBytes, 50 * MB);
    const size = (await stat(join(d, "console_log.txt"))).size;
    assert.ok(size > 50 * MB && size < 50 * MB + 200, `log is ${size} bytes`);
    assert.ok(growth < 64, `RSS grew by ${growth.toFixed(1)} MB while streaming 200 MB`);
  });
});
