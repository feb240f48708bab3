import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { access, mkdir, mkdtemp, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { scoreRun, type ScoreContext } from "../../src/score/score-run.ts";
import type { GroundSpec, PhaseRecord, ScenarioInstance } from "../../src/types.ts";

async function runDir(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "bench-score-"));
  for (const [name, text] of Object.entries(files)) {
    await mkdir(join(dir, name, ".."), { recursive: true });
    await writeFile(join(dir, name), text);
  }
  return dir;
}

function scenario(score: GroundSpec): ScenarioInstance {
  return { id: "t", template: "x", substitutions: {}, scenario: "s", source: { file: "s.jsonl", line: 1 }, baseDir: ".", extra: {}, score };
}

/** No custom_tabulate discovery: these run folders live under the OS temp dir. */
function ctx(dir: string, extra: Partial<ScoreContext> = {}): ScoreContext {
  return { runDir: dir, exitCode: 0, customTabulate: false, ...extra };
}

describe("scoreRun step 1: score.json", () => {
  it("a valid score.json decides, with score and metrics", async () => {
    const dir = await runDir({ "score.json": JSON.stringify({ success: true, score: 0.9, metrics: { steps: 3 } }), "console_log.txt": "" });
    assert.deepEqual(await scoreRun(ctx(dir, { exitCode: 1 })), {
      status: "passed", score: { success: true, source: "score.json", score: 0.9, metrics: { steps: 3 } },
    });
  });
  it("a score.json or grounds file that resolves outside the run folder (an agent's symlink to the host's files) is never read", async () => {
    const host = await runDir({ "secret.txt": "HOST_SECRET=abc ALL TESTS PASSED", "score.json": '{"success": true}' });
    const dir = await runDir({ "console_log.txt": "", "out/real.txt": "inside" });
    await symlink(join(host, "score.json"), join(dir, "score.json"));
    await symlink(join(host, "secret.txt"), join(dir, "answer.txt"));
    await symlink(join(host, "secret.txt"), join(dir, "out", "leak.txt"));
    await symlink("real.txt", join(dir, "out", "link.txt"));
    // score.json counts as absent: the default decides (no sentinel in this run's own log).
    assert.equal((await scoreRun(ctx(dir))).score.source, "default");
    const grounds = (files: string[], should: string) => scoreRun(ctx(dir, { scenario: scenario({ should_contain: [should], files }) }));
    assert.deepEqual((await grounds(["answer.txt"], "HOST_SECRET")).score, { success: false, source: "grounds", reason: 'no file matched ["answer.txt"]' });
    assert.deepEqual((await grounds(["../" + host.split("/").pop() + "/secret.txt"], "HOST_SECRET")).score.success, false);
    assert.deepEqual((await grounds([".txt"], "HOST_SECRET")).score.success, false);
    // A symlink that stays inside the run folder is followed.
    assert.deepEqual((await grounds(["out/link.txt"], "inside")).status, "passed");
  });
  it("an invalid score.json is an error with the reason", async () => {
    const dir = await runDir({ "score.json": JSON.stringify({ success: "yes" }) });
    assert.deepEqual(await scoreRun(ctx(dir)), {
      status: "error", score: { success: false, source: "score.json", reason: 'score.json is invalid: "success" must be a boolean' },
    });
  });
});

describe("scoreRun step 4: default", () => {
  it("exit 0 with the sentinel passes, without it fails, non-zero is an error", async () => {
    const ok = await runDir({ "console_log.txt": "x\nALL TESTS PASSED !#!#\n" });
    assert.equal((await scoreRun(ctx(ok))).status, "passed");
    // Inside a line, as AutoGen's code executor prints it: agbench's default_scorer finds it there too.
    const inline = await runDir({ "console_log.txt": "---------- executor ----------\nexecutor> ALL TESTS PASSED !#!#\n" });
    assert.equal((await scoreRun(ctx(inline))).status, "passed");
    // Split across two 64 KiB read chunks.
    const split = await runDir({ "console_log.txt": `${"y".repeat(65536 - 7)}ALL TESTS PASSED !#!#` });
    assert.equal((await scoreRun(ctx(split))).status, "passed");
    const no = await runDir({ "console_log.txt": "x\nALL TESTS PASSED !#\n" });
    assert.deepEqual(await scoreRun(ctx(no)), { status: "failed", score: { success: false, source: "default", reason: 'no "ALL TESTS PASSED !#!#" in the log' } });
    assert.deepEqual(await scoreRun(ctx(ok, { exitCode: 2 })), { status: "error", score: { success: false, source: "default", reason: "exit code 2" } });
  });
});

describe("scoreRun step 3: grounds", () => {
  const log = "The answer is 42.\nWritten to out.txt\n";
  it("should_contain: EVERY string must be present", async () => {
    const dir = await runDir({ "console_log.txt": log });
    assert.equal((await scoreRun(ctx(dir, { scenario: scenario({ should_contain: ["42", "out.txt"] }) }))).status, "passed");
    assert.deepEqual(await scoreRun(ctx(dir, { scenario: scenario({ should_contain: ["42", "43"] }) })), {
      status: "failed", score: { success: false, source: "grounds", reason: 'console_log.txt lacks "43"' },
    });
  });
  it("should_not_contain", async () => {
    const dir = await runDir({ "console_log.txt": log });
    assert.deepEqual(await scoreRun(ctx(dir, { scenario: scenario({ should_contain: ["42"], should_not_contain: ["answer"] }) })), {
      status: "failed", score: { success: false, source: "grounds", reason: 'console_log.txt contains "answer"' },
    });
    assert.equal((await scoreRun(ctx(dir, { scenario: scenario({ should_not_contain: ["error"] }) }))).status, "passed");
  });
  it("case_sensitive defaults to true; false folds case", async () => {
    const dir = await runDir({ "console_log.txt": log });
    assert.equal((await scoreRun(ctx(dir, { scenario: scenario({ should_contain: ["THE ANSWER"] }) }))).status, "failed");
    assert.equal((await scoreRun(ctx(dir, { scenario: scenario({ should_contain: ["THE ANSWER"], case_sensitive: false }) }))).status, "passed");
  });
  it("files: names and .ext globs relative to the run folder; some file must satisfy all", async () => {
    const dir = await runDir({ "console_log.txt": "nothing", "out/a.txt": "Paris", "out/b.txt": "Paris and London", "notes.md": "London" });
    const both = { should_contain: ["Paris", "London"] };
    assert.equal((await scoreRun(ctx(dir, { scenario: scenario({ ...both, files: [".txt"] }) }))).status, "passed");
    assert.deepEqual(await scoreRun(ctx(dir, { scenario: scenario({ ...both, files: ["out/a.txt", ".md"] }) })), {
      status: "failed", score: { success: false, source: "grounds", reason: 'out/a.txt lacks "London"; notes.md lacks "Paris"' },
    });
    assert.deepEqual(await scoreRun(ctx(dir, { scenario: scenario({ ...both, files: [".csv"] }) })), {
      status: "failed", score: { success: false, source: "grounds", reason: 'no file matched [".csv"]' },
    });
  });
  it("command eval: graded from the verifier phase's outcome (the command itself never runs on the host)", async () => {
    const dir = await runDir({ "console_log.txt": "", "answer.txt": "8\n" });
    const marker = join(dir, "ran-on-host");
    const spec = scenario({ command: `touch ${marker}` });
    const phase = (exitCode: number | null, rest: Partial<PhaseRecord> = {}): PhaseRecord => ({ exitCode, timedOut: false, durationMs: 5, ...rest });
    assert.equal((await scoreRun(ctx(dir, { scenario: spec, verifier: phase(0) }))).status, "passed");
    assert.deepEqual(await scoreRun(ctx(dir, { scenario: spec, verifier: phase(1) })), {
      status: "failed", score: { success: false, source: "grounds", reason: "command exited with 1" },
    });
    assert.deepEqual(await scoreRun(ctx(dir, { scenario: scenario({ command: "sleep 30", timeout: 0.3 }), verifier: phase(null, { timedOut: true }) })), {
      status: "failed", score: { success: false, source: "grounds", reason: "command timed out after 0.3 s" },
    });
    assert.deepEqual(await scoreRun(ctx(dir, { scenario: spec })), {
      status: "failed", score: { success: false, source: "grounds", reason: "command did not run (no verifier phase)" },
    });
    await assert.rejects(access(marker));
  });
  it("answer alone is not a ground: the default applies", async () => {
    const dir = await runDir({ "console_log.txt": "ALL TESTS PASSED !#!#\n" });
    assert.equal((await scoreRun(ctx(dir, { scenario: scenario({ answer: "x" }) }))).score.source, "default");
  });
  it("grounds win over score.json (an agent can write score.json)", async () => {
    const dir = await runDir({ "console_log.txt": "", "score.json": '{"success": true}' });
    assert.deepEqual(await scoreRun(ctx(dir, { scenario: scenario({ should_contain: ["absent"] }) })), {
      status: "failed", score: { success: false, source: "grounds", reason: 'console_log.txt lacks "absent"' },
    });
  });
});
