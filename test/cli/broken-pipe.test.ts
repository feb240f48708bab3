/**
 * A reader that goes away (`bench run … | head -1`) must not crash bench: it ran into an unhandled
 * EPIPE with a stack trace, mid-run, leaving its runs and Results/.lock behind. Later output is
 * dropped and the command finishes. The test closes its end of stdout before bench writes anything,
 * so every write bench makes to stdout meets a broken pipe.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { cp, readdir, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { tempDir } from "../helpers/fake-deps.ts";

const root = resolve(import.meta.dirname, "../..");

describe("bench with a closed stdout", () => {
  it("finishes the run, releases the lock and prints no stack trace", async () => {
    const dir = await tempDir("bench-epipe-");
    await cp(join(root, "examples/quickstart"), dir, { recursive: true, filter: (src) => !src.includes("/Results") });
    const child = spawn(process.execPath, [join(root, "bin/bench.js"), "run", "Tasks/adder.jsonl", "--native"], {
      cwd: dir, env: { ...process.env }, stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout.destroy();
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    const code = await new Promise<number | null>((done) => child.on("close", (c) => done(c)));
    assert.doesNotMatch(stderr, /EPIPE|Unhandled|at .*\.js:\d+/, stderr);
    assert.equal(code, 1, "adder's wrong-answer task fails, as with a reader");
    const tasks = await readdir(join(dir, "Results", "adder"));
    for (const task of tasks) await stat(join(dir, "Results", "adder", task, "0", "result.json"));
    await assert.rejects(stat(join(dir, "Results", ".lock")), { code: "ENOENT" });
  });
});
