/**
 * The fast path that tabulates agbench's console logs (chunked synchronous reads, markers searched as
 * bytes: src/tabulate/agbench-log.ts) against a straightforward reference: agbench's default_scorer
 * and default_timer re-stated in Python (./agbench-reference.ts), run by python3 over the same
 * generated tree of tricky logs. The streamed scorer (used for large logs and by `bench run` adoption)
 * must agree with both on every run.
 */
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { tabulate } from "../../src/tabulate/tabulate.ts";
import { SYNC_LOG_LIMIT, scoreAgbenchLog, scoreAgbenchLogSync } from "../../src/tabulate/agbench-log.ts";
import { tempDir, writeAgbenchRun } from "./results-fixture.ts";
import { AGBENCH_DEFAULTS_PY } from "./agbench-reference.ts";

const REFERENCE = `${AGBENCH_DEFAULTS_PY}
root = sys.argv[1]
out = {}
for task in os.listdir(root):
    for trial in os.listdir(os.path.join(root, task)):
        d = os.path.join(root, task, trial)
        out[task + "/" + trial] = [default_scorer(d), default_timer(d)]
print(json.dumps(out))
`;

const CHUNK = 1 << 16;
const PASS = "ALL TESTS PASSED !#!#";
const COMPLETE = "SCENARIO.PY COMPLETE !#!#";
const filler = (bytes: number): string => "agent> thinking about it ...\n".repeat(Math.ceil(bytes / 29)).slice(0, bytes);
/** `text` placed so that it starts `before` bytes ahead of offset `at` (straddling a read boundary). */
const straddling = (at: number, before: number, text: string, rest = ""): string => `${filler(at - before)}${text}${rest}`;

/** Every log is one task with one trial; null: the run folder has no console_log.txt. */
const LOGS: Record<string, string | null> = {
  "inside-a-line": `RUN.SH STARTING !#!#\nexecutor> ${PASS} (as printed by the test runner)\n${COMPLETE}\nSCENARIO.PY RUNTIME: 12.5 !#!#\n`,
  "completed-failed": `SCENARIO.PY STARTING !#!#\nFAILED\n${COMPLETE}\nSCENARIO.PY RUNTIME: 7 !#!#\nRUN.SH COMPLETE !#!#\n`,
  crashed: `SCENARIO.PY STARTING !#!#\nTraceback (most recent call last):\n  File "scenario.py", line 3\nKeyError: 'x'\n`,
  unfinished: "RUN.SH STARTING !#!#\nSCENARIO.PY STARTING !#!#\n",
  empty: "",
  "no-log": null,
  "wrong-case": "all tests passed !#!#\nscenario.py complete !#!#\n",
  crlf: `RUN.SH STARTING !#!#\r\n${PASS}\r\n${COMPLETE}\r\nSCENARIO.PY RUNTIME: 3.25 !#!#\r\n`,
  "crlf-failed": `SCENARIO.PY STARTING !#!#\r\n${COMPLETE}\r\nSCENARIO.PY RUNTIME:\r\n 4 !#!#\r\n`,
  "no-trailing-newline": `SCENARIO.PY RUNTIME: 9.5 !#!#\n${COMPLETE}\n${PASS}`,
  "first-runtime-invalid": `SCENARIO.PY RUNTIME: n/a !#!#\nRUNTIME: 5.5 !#!#\n${COMPLETE}\n`,
  "runtime-no-space": `RUNTIME:42 !#!#\n${COMPLETE}\n`,
  "utf8-before-markers": `é✓ 日本語 🙂\n${PASS}\nRUNTIME: 1.5 !#!#\n`,
  "sentinel-straddles-chunk": straddling(CHUNK, 7, PASS, "\n"),
  "complete-straddles-chunk": straddling(CHUNK, 20, COMPLETE, "\n"),
  "runtime-straddles-chunk": straddling(CHUNK, 12, "SCENARIO.PY RUNTIME: 61.75 !#!#", `\n${COMPLETE}\n`),
  "sentinel-straddles-second-chunk": straddling(2 * CHUNK, 3, PASS),
  "exactly-one-chunk": `${filler(CHUNK - COMPLETE.length - 1)}${COMPLETE}\n`,
  "sentinel-at-end-of-a-large-log": `${filler(SYNC_LOG_LIMIT + 3 * CHUNK)}\n${PASS}\nRUNTIME: 100 !#!#\n`,
  "large-log-crashed": `SCENARIO.PY STARTING !#!#\n${filler(SYNC_LOG_LIMIT + 1)}`,
  "large-log-runtime-first": `RUNTIME: 2 !#!#\n${filler(SYNC_LOG_LIMIT + 10)}${COMPLETE}\n`,
};

describe("agbench console logs: fast path = reference", () => {
  let root = "";
  let scenario = "";
  before(async () => {
    root = await tempDir("bench-agb-scan-");
    scenario = join(root, "tricky");
    for (const [id, log] of Object.entries(LOGS)) await writeAgbenchRun(root, "tricky", id, 0, log);
    // A folder where the log should be: agbench's isfile says no log.
    await mkdir(join(scenario, "log-is-a-folder", "0", "console_log.txt"), { recursive: true });
  });
  after(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it("tabulates every run as agbench's default_scorer and default_timer do", async () => {
    const reference = JSON.parse(execFileSync("python3", ["-c", REFERENCE, scenario], { encoding: "utf8", env: { ...process.env, PYTHONUTF8: "1" } })) as Record<string, [boolean | null, number | null]>;
    const tabulation = await tabulate(scenario);
    const ours: Record<string, [boolean | null, number | null]> = {};
    for (const row of tabulation.suites[0]?.rows ?? []) {
      const cell = row.trials[0];
      assert.ok(cell, row.id);
      const success = cell.status === "passed" ? true : cell.status === "failed" ? false : cell.status === "missing" ? null : undefined;
      assert.notEqual(success, undefined, `${row.id}: ${cell.status}`);
      ours[`${row.id}/0`] = [success ?? null, cell.durationMs === null ? null : cell.durationMs / 1000];
    }
    assert.deepEqual(ours, reference);
    // The reference itself is not vacuous: each outcome occurs.
    const outcomes = new Set(Object.values(reference).map(([s]) => String(s)));
    assert.deepEqual([...outcomes].sort(), ["false", "null", "true"]);
    assert.equal(reference["sentinel-at-end-of-a-large-log/0"]?.[0], true);
    assert.equal(reference["first-runtime-invalid/0"]?.[1], 5.5);
  });

  it("the synchronous scan, the streamed scan and the tabulation agree on every run", async () => {
    const tabulation = await tabulate(scenario);
    for (const row of tabulation.suites[0]?.rows ?? []) {
      const dir = join(scenario, row.id, "0");
      const streamed = await scoreAgbenchLog(dir);
      const sync = scoreAgbenchLogSync(dir);
      const large = LOGS[row.id] !== undefined && LOGS[row.id] !== null && Buffer.byteLength(LOGS[row.id] as string) > SYNC_LOG_LIMIT;
      assert.equal(sync === undefined, large, `${row.id}: only logs over ${SYNC_LOG_LIMIT} bytes are left to the stream`);
      if (sync) assert.deepEqual(sync, streamed, row.id);
      const status = streamed.success === null ? "missing" : streamed.success ? "passed" : "failed";
      assert.deepEqual([row.trials[0]?.status, row.trials[0]?.durationMs], [status, streamed.durationMs], row.id);
    }
  });
});
