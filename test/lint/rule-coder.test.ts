/**
 * bench lint --rules: the built-in codes on logs shaped as agbench's run.sh (run_cmd.py's markers,
 * `timeout --preserve-status`, "Docker timed out.") and bench's own markers write them.
 */
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ruleCodes, MAX_EXAMPLES } from "../../src/lint/rule-coder.ts";
import { readLogExcerpt } from "../../src/lint/log-excerpt.ts";
import { LINE_CAP } from "../../src/lint/log-lines.ts";

let dir = "";
before(async () => { dir = await mkdtemp(join(tmpdir(), "lint-rules-")); });
after(async () => { await rm(dir, { recursive: true, force: true }); });

async function log(name: string, lines: string[] | string): Promise<string> {
  await mkdir(join(dir, name), { recursive: true });
  const path = join(dir, name, "console_log.txt");
  await writeFile(path, Array.isArray(lines) ? `${lines.join("\n")}\n` : lines);
  return path;
}

const names = (codes: { name: string }[]) => codes.map((c) => c.name);

describe("rule codes", () => {
  it("finds agbench's crash: a traceback (start to exception line), a timeout exit code, no completion marker", async () => {
    const path = await log("agbench-crash", [
      "RUN.SH STARTING !#!#", "SCENARIO.PY STARTING !#!#", "thinking...",
      "Traceback (most recent call last):", '  File "scenario.py", line 9, in <module>', "    main()", "KeyError: 'answer'",
      "SCENARIO.PY EXITED WITH CODE: 143 !#!#", "SCENARIO.PY RUNTIME: 7200 !#!#", "RUN.SH COMPLETE !#!#",
    ]);
    const codes = await ruleCodes(path);
    assert.deepEqual(names(codes), ["timed-out", "python-traceback", "nonzero-exit", "missing-completion-marker"]);
    const traceback = codes.find((c) => c.name === "python-traceback")!;
    assert.deepEqual(traceback.examples, [{ reason: "Python exception: KeyError: 'answer'", line_content: "KeyError: 'answer'", line: 4, line_end: 7 }]);
    assert.equal(codes[0]!.examples[0]!.line, 8);
    assert.equal(codes.find((c) => c.name === "missing-completion-marker")!.examples[0]!.line, 10);
    assert.ok(codes.every((c) => c.severity === 2));
  });

  it("finds nothing in a passed run", async () => {
    const path = await log("passed", ["RUN.SH STARTING !#!#", "SCENARIO.PY STARTING !#!#", "executor> ALL TESTS PASSED !#!#", "SCENARIO.PY COMPLETE !#!#", "RUN.SH COMPLETE !#!#"]);
    assert.deepEqual(await ruleCodes(path), []);
  });

  it("reads bench's markers: timeout, truncation, limits; and result.json's timeout when the log has no marker", async () => {
    const path = await log("bench", [
      "RUN.SH STARTING !#!#", "x",
      "[bench-action: console output truncated at 52428800 bytes; 10 more bytes dropped; the last 1048576 bytes follow]",
      "openai.RateLimitError: Error code: 429 - {'error': {'message': 'Rate limit reached'}}",
      "[bench-action: out of memory: a process exceeded the container's memory limit (4096 MiB; raise it with --memory)]",
      "[bench-action: timed out after 600 s; process group killed]",
    ]);
    const codes = await ruleCodes(path);
    assert.deepEqual(names(codes), ["timed-out", "stopped-by-limit", "missing-completion-marker", "rate-limited", "log-truncated"]);
    assert.equal(codes[0]!.examples[0]!.reason, "timed out after 600 s; process group killed");
    const docker = await log("docker-timeout", ["RUN.SH STARTING !#!#", "working"]);
    await writeFile(join(dir, "docker-timeout", "result.json"), JSON.stringify({ schema: 1, status: "timeout", reason: "timed out after 60 s" }));
    const timeout = (await ruleCodes(docker)).find((c) => c.name === "timed-out");
    assert.deepEqual(timeout?.examples, [{ reason: "result.json: status timeout (timed out after 60 s)", line_content: "working", line: 2, line_end: 2 }]);
  });

  it(`keeps ${MAX_EXAMPLES} examples per code and counts the rest; masks secrets in what it quotes`, async () => {
    const path = await log("many", Array.from({ length: 30 }, (_, i) => `RateLimitError ${i} key=sk-secret-123`));
    const [code] = await ruleCodes(path, { secrets: ["sk-secret-123"] });
    assert.equal(code?.examples.length, MAX_EXAMPLES);
    assert.equal(code?.more, 10);
    assert.equal(code?.examples[0]?.line_content, "RateLimitError 0 key=***");
  });
});

describe("log excerpt sent to the model", () => {
  it("numbers every line as in the file, strips colour codes and CR, masks secrets", async () => {
    const path = await log("small", "one\r\n\x1b[31mtwo\x1b[0m token=abcd1234\r\nthree");
    const excerpt = await readLogExcerpt(path, { secrets: ["abcd1234"] });
    assert.equal(excerpt.text, "1: one\n2: two token=***\n3: three");
    assert.equal(excerpt.lines, 3);
    assert.equal(excerpt.omitted, null);
  });

  it("keeps the head and the tail of a long log within --max-bytes, naming the lines left out", async () => {
    const path = await log("long", Array.from({ length: 20_000 }, (_, i) => `line number ${i + 1} of the log`));
    const excerpt = await readLogExcerpt(path, { maxBytes: 4096 });
    assert.ok(excerpt.sentBytes <= 4096, String(excerpt.sentBytes));
    assert.match(excerpt.text, /^    1: line number 1 of the log\n/);
    assert.match(excerpt.text, /20000: line number 20000 of the log$/);
    assert.ok(excerpt.omitted !== null);
    const [from, to] = excerpt.omitted;
    assert.match(excerpt.text, new RegExp(`\\n${String(from - 1).padStart(5)}: line number ${from - 1} of the log\\n\\[bench lint: lines ${from}-${to} of 20000 left out: the log is over 4096 bytes\\]\\n${to + 1}: line number ${to + 1} `));
  });

  it("cuts one huge line to its first characters and says how many were dropped", async () => {
    const path = await log("one-line", `start ${"x".repeat(3_000_000)}\nafter\n`);
    const excerpt = await readLogExcerpt(path);
    const first = excerpt.text.split("\n")[0]!;
    assert.ok(first.startsWith("1: start xxx"));
    assert.ok(first.endsWith(`[… ${3_000_006 - LINE_CAP} more characters]`), first.slice(-60));
    assert.equal(excerpt.text.split("\n")[1], "2: after");
  });
});
