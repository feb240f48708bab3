/**
 * `bench lint` against a local chat-completions server (test/helpers/fake-llm-server.ts, which checks
 * response_format as OpenAI does): a Results tree coded, the report, codebooks, a malformed answer,
 * bounded retries and timeouts, token commands, and secrets that never leave masked.
 */
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../src/cli/main.ts";
import { FakeLlmServer, words, type FakeLlmOptions } from "../helpers/fake-llm-server.ts";
import { captureIO } from "../helpers/capture-io.ts";

const KEY = "sk-test-key-0123456789";
const ENV_SECRET = "hunter2-env-secret";

let cwd = "";
before(async () => {
  cwd = await mkdtemp(join(tmpdir(), "lint-cli-"));
  // A Results tree as agbench and bench write it: Results/<scenario>/<task>/<rep>/console_log.txt.
  const crash = ["RUN.SH STARTING !#!#", "SCENARIO.PY STARTING !#!#", `using ${ENV_SECRET}`, "Traceback (most recent call last):", "  File \"scenario.py\", line 3", "ValueError: no answer", "SCENARIO.PY EXITED WITH CODE: 1 !#!#"];
  await mkdir(join(cwd, "Results/humaneval/t1/0"), { recursive: true });
  await writeFile(join(cwd, "Results/humaneval/t1/0/console_log.txt"), `${crash.join("\n")}\n`);
  await mkdir(join(cwd, "Results/humaneval/t2/0"), { recursive: true });
  await writeFile(join(cwd, "Results/humaneval/t2/0/console_log.txt"), "RUN.SH STARTING !#!#\nALL TESTS PASSED !#!#\nSCENARIO.PY COMPLETE !#!#\n");
  await mkdir(join(cwd, "Results/.superseded/humaneval/t1/0"), { recursive: true });
  await writeFile(join(cwd, "Results/.superseded/humaneval/t1/0/console_log.txt"), "old\n");
  await writeFile(join(cwd, "ENV.yaml"), `SOME_TOKEN: ${ENV_SECRET}\n`);
});
after(async () => { await rm(cwd, { recursive: true, force: true }); });

type Body = { model: string; messages: { role: string; content: string }[]; response_format?: { json_schema: { schema: { properties: { codes: { items: { properties: { name: { enum?: string[] } } } } } } } } };

/** Answers as a model would: a summary sentence, or codes pointing at the traceback when the log has one. */
function modelAnswer(body: Body): string {
  const log = body.messages.at(-1)!.content;
  if (!body.response_format) return "The run crashed while answering.";
  const line = /^(\d+): Traceback/m.exec(log)?.[1];
  if (!line) return JSON.stringify({ codes: [] });
  return JSON.stringify({ codes: [{ name: "Crashed With Exception", definition: "The scenario raised an exception.", severity: 2,
    examples: [{ reason: "A ValueError ended the run.", line_content: "ValueError: no answer", line: Number(line), line_end: Number(line) + 2 }, { reason: "made up", line_content: "", line: 999, line_end: 999 }] }] });
}

async function withServer(options: FakeLlmOptions & { bodyAnswer?: (body: Body) => string }, run: (url: string, llm: FakeLlmServer) => Promise<void>): Promise<void> {
  let llm: FakeLlmServer;
  // The fake answers the last message; the lint answer needs the whole body, so look it up.
  llm = new FakeLlmServer({ ...options, answer: (q) => (options.bodyAnswer ?? modelAnswer)(llm.seen.findLast((s) => (s.body as Body).messages?.at(-1)?.content === q)!.body as Body) });
  const url = await llm.start();
  try {
    await run(`${url}/v1`, llm);
  } finally {
    await llm.close();
  }
}

async function bench(argv: string[], env: Record<string, string> = { OPENAI_API_KEY: KEY }) {
  const io = captureIO({ cwd, env });
  const code = await main(["lint", ...argv], io);
  return { code, out: io.out(), err: io.err() };
}

describe("bench lint with a model", () => {
  it("codes every console_log.txt of a Results tree as agbench prints it, and writes the report", async () => {
    await withServer({}, async (url, llm) => {
      const r = await bench(["Results", "--base-url", url, "-o", "lint.json"]);
      assert.equal(r.code, 0, r.err);
      assert.equal(r.out, [
        "Processing file: Results/humaneval/t1/0/console_log.txt",
        "The run crashed while answering.",
        "[2]: crashed-with-exception: The scenario raised an exception.",
        "Results/humaneval/t1/0/console_log.txt:4:6\tA ValueError ended the run.",
        "", "Found 1 errors in Results/humaneval/t1/0/console_log.txt.", "",
        "Processing file: Results/humaneval/t2/0/console_log.txt",
        "The run crashed while answering.",
        "", "Found 0 errors in Results/humaneval/t2/0/console_log.txt.", "", "",
      ].join("\n"));
      // Two requests per log (summary, coding), the key as a bearer token, agbench's model, no .superseded log.
      assert.equal(llm.seen.length, 4);
      for (const seen of llm.seen) {
        assert.equal(seen.url, "/v1/chat/completions");
        assert.equal(seen.headers.authorization, `Bearer ${KEY}`);
        assert.equal((seen.body as Body).model, "gpt-4o");
        assert.ok(!JSON.stringify(seen.body).includes(ENV_SECRET), "an ENV value reached the model");
      }
      const coding = llm.seen.map((s) => s.body as Body).filter((b) => b.response_format);
      assert.equal(coding.length, 2);
      // Logs are coded in parallel: find t1's request by its content, not by its place.
      const crashed = coding.find((b) => b.messages[1]!.content.includes("Traceback"));
      assert.match(crashed!.messages[1]!.content, /^1: RUN\.SH STARTING !#!#\n2: SCENARIO\.PY STARTING !#!#\n3: using \*\*\*\n4: Traceback/);
      const report = JSON.parse(await readFile(join(cwd, "lint.json"), "utf8"));
      assert.equal(report.coder, "model");
      assert.equal(report.model, "gpt-4o");
      assert.deepEqual(report.documents.map((d: { doc: { name: string; lines: number } }) => [d.doc.name, d.doc.lines]), [
        [join(cwd, "Results/humaneval/t1/0/console_log.txt"), 7], [join(cwd, "Results/humaneval/t2/0/console_log.txt"), 3]]);
      assert.deepEqual(report.documents[0].codes[0].examples, [{ reason: "A ValueError ended the run.", line_content: "ValueError: no answer", line: 4, line_end: 6 }]);
      assert.match(r.err, /coding 2 log\(s\) with gpt-4o at http:\/\/127\.0\.0\.1:\d+\/v1/);
      // Tokens as the server counted them (its answers' usage), priced at gpt-4o's list price.
      const input = llm.seen.reduce((n, seen) => n + FakeLlmServer.inputTokens(seen.body as Body), 0);
      const output = llm.seen.reduce((n, seen) => n + words(modelAnswer(seen.body as Body)), 0);
      assert.deepEqual(report.usage, { inputTokens: input, outputTokens: output, requests: 4, costUsd: Math.round(((input * 2.5 + output * 10) / 1e6) * 1e10) / 1e10 });
      assert.match(r.err, new RegExp(`model usage: 4 requests · ${input} in \\+ ${output} out tokens · \\$0\\.`));
      assert.ok(!r.err.includes(KEY) && !r.out.includes(KEY));
    });
  });

  it("with --codebook, asks for the codebook's names only and drops any other code the model returns", async () => {
    await writeFile(join(cwd, "codebook.yaml"), "codes:\n  - name: Crashed With Exception\n    definition: An exception ended the run.\n    severity: 2\n    examples: [a traceback at the end]\n  - name: looped-without-progress\n    definition: Repeated the same step.\n");
    const answer = () => JSON.stringify({ codes: [
      { name: "crashed-with-exception", definition: "An exception ended the run.", severity: 2, examples: [{ reason: "r", line_content: "c", line: 1, line_end: 1 }] },
      { name: "invented-code", definition: "x", severity: 1, examples: [] }] });
    await withServer({ bodyAnswer: answer }, async (url, llm) => {
      const r = await bench(["Results/humaneval/t1/0/console_log.txt", "--base-url", url, "--codebook", "codebook.yaml", "--no-summary"]);
      assert.equal(r.code, 0, r.err);
      assert.equal(llm.seen.length, 1);
      const body = llm.seen[0]!.body as Body;
      assert.deepEqual(body.response_format!.json_schema.schema.properties.codes.items.properties.name.enum, ["crashed-with-exception", "looped-without-progress"]);
      assert.match(body.messages[1]!.content, /- crashed-with-exception \(severity 2\): An exception ended the run\.\n  example: a traceback at the end/);
      assert.match(r.out, /\[2\]: crashed-with-exception/);
      assert.ok(!r.out.includes("invented-code"));
    });
  });

  it("takes an earlier report or an agbench coded document as the codebook", async () => {
    const report = { schema: 1, coder: "model", model: "gpt-4o", codebook: null, max_bytes: 200000, documents: [
      { doc: { name: "/a" }, summary: null, error: null, codes: [{ name: "gave-up-early", definition: "Stopped before the task was done.", severity: 1, examples: [{ reason: "said it was done at line 3", line_content: "DONE", line: 3, line_end: 3 }] }] },
      { doc: { name: "/b" }, summary: null, error: null, codes: [{ name: "gave-up-early", definition: "another wording", severity: 2, examples: [] }, { name: "looped", definition: "Repeated a step.", severity: 2, examples: [] }] },
    ] };
    await writeFile(join(cwd, "earlier.json"), JSON.stringify(report));
    // agbench's CodedDocument as its coder caches it (model_dump_json): doc, codes with id and merged_from.
    await writeFile(join(cwd, "agbench-coded.json"), JSON.stringify({ doc: { text: "1: x", name: "/abs/log.txt" },
      codes: [{ name: "failed-to-install-package", definition: "pip failed.", examples: [{ reason: "r", line_content: "c", line: 1, line_end: 1 }], severity: 2, id: 1.2345e38, merged_from: null }] }));
    for (const [file, names] of [["earlier.json", ["gave-up-early", "looped"]], ["agbench-coded.json", ["failed-to-install-package"]]] as const) {
      await withServer({ bodyAnswer: () => JSON.stringify({ codes: [] }) }, async (url, llm) => {
        const r = await bench(["Results/humaneval/t2", "--base-url", url, "--codebook", file, "--no-summary"]);
        assert.equal(r.code, 0, r.err);
        const body = llm.seen[0]!.body as Body;
        assert.deepEqual(body.response_format!.json_schema.schema.properties.codes.items.properties.name.enum, names);
        if (file === "earlier.json") assert.match(body.messages[1]!.content, /- gave-up-early \(severity 1\): Stopped before the task was done\.\n  example: said it was done at line 3\n- looped/);
      });
    }
  });

  it("reports a malformed answer with the log's name, keeps the other logs, and writes the report whole", async () => {
    const answer = (body: Body) => (body.messages.at(-1)!.content.includes("Traceback") ? '{"codes": [{"name": "x", ' : JSON.stringify({ codes: [] }));
    await withServer({ bodyAnswer: answer }, async (url) => {
      const r = await bench(["Results", "--base-url", url, "--no-summary", "-o", "bad.json"]);
      assert.equal(r.code, 1);
      assert.match(r.err, /bench lint: Results\/humaneval\/t1\/0\/console_log\.txt: could not be coded: the model's answer is not JSON \(.*\); it begins: "\{\\"codes\\": \[\{\\"name\\": \\"x\\", "/);
      assert.match(r.err, /1 of 2 log\(s\) could not be coded/);
      assert.ok(!r.out.includes("t1/0"), "a half-coded log was printed");
      assert.match(r.out, /Found 0 errors in Results\/humaneval\/t2\/0\/console_log\.txt/);
      const report = JSON.parse(await readFile(join(cwd, "bad.json"), "utf8"));
      assert.deepEqual(report.documents.map((d: { codes: unknown[]; error: string | null }) => [d.codes.length, d.error === null]), [[0, false], [0, true]]);
      assert.deepEqual((await readdir(cwd)).filter((f) => f.includes(".tmp-")), []);
    });
  });

  it("reports a refusal and an answer of the wrong shape naming the field", async () => {
    await withServer({ refuse: () => "I can't help with that." }, async (url) => {
      const r = await bench(["Results/humaneval/t2", "--base-url", url, "--no-summary"]);
      assert.equal(r.code, 1);
      assert.match(r.err, /could not be coded: the model refused to code the log: I can't help with that\./);
    });
    await withServer({ bodyAnswer: () => JSON.stringify({ codes: [{ name: "a", definition: "b", severity: 7, examples: [] }] }) }, async (url) => {
      const r = await bench(["Results/humaneval/t2", "--base-url", url, "--no-summary"]);
      assert.match(r.err, /the model's answer does not have the shape asked for: codes\[0\]\.severity: expected 0, 1 or 2/);
    });
  });

  it("retries a 429 after Retry-After, and gives up on a 500 after --retries, with the key masked in the error", async () => {
    let calls = 0;
    await withServer({ failWith: () => (++calls === 1 ? 429 : undefined), failHeaders: { "retry-after-ms": "20" } }, async (url, llm) => {
      const r = await bench(["Results/humaneval/t2", "--base-url", url, "--no-summary"]);
      assert.equal(r.code, 0, r.err);
      assert.equal(llm.seen.length, 2);
      assert.match(r.err, /answered HTTP 429: fake failure 429; retrying in 0\.0 s \(1\/2\)/);
    });
    await withServer({ failWith: () => 500, failHeaders: { "retry-after-ms": "10" }, failMessage: (_q, headers) => `upstream broke for ${String(headers.authorization)}` }, async (url, llm) => {
      const r = await bench(["Results/humaneval/t2", "--base-url", url, "--no-summary", "--retries", "3"]);
      assert.equal(r.code, 1);
      assert.equal(llm.seen.length, 4);
      assert.match(r.err, /answered HTTP 500: upstream broke for Bearer \*\*\* \(gave up after 3 retries\)/);
      assert.match(r.err, /model usage: 4 requests · 0 in \+ 0 out tokens · \$0 · 4 failed/);
      assert.ok(!r.err.includes(KEY));
    });
  });

  it("gives up on a server that does not answer after --timeout, once per attempt", async () => {
    // The server holds every answer for 5 s; the client waits 1 s per attempt (long enough for a loaded machine to send).
    await withServer({ delayMs: 5000 }, async (url, llm) => {
      const r = await bench(["Results/humaneval/t2", "--base-url", url, "--no-summary", "--timeout", "1", "--retries", "1"]);
      assert.equal(r.code, 1);
      assert.equal(llm.seen.length, 2);
      assert.match(r.err, /did not answer within 1 s \(--timeout\); retrying in 0\.5 s \(1\/1\)/);
      assert.match(r.err, /could not be coded: model server http:\/\/127\.0\.0\.1:\d+\/v1 did not answer within 1 s \(--timeout\) \(gave up after 1 retry\)/);
    });
  });

  it("a --timeout past Node's timer limit (3000000 s) waits for the answer instead of giving up at once; 10m is read like bench run's", async () => {
    // Unclamped, a delay over 2^31-1 ms fires after 1 ms: every request would 'not answer' before the server's 300 ms.
    await withServer({ delayMs: 300 }, async (url, llm) => {
      for (const timeout of ["3000000", "10m"]) {
        const r = await bench(["Results/humaneval/t2", "--base-url", url, "--no-summary", "--timeout", timeout, "--retries", "0"]);
        assert.equal(r.code, 0, r.err);
        assert.doesNotMatch(r.err, /did not answer/);
      }
      assert.equal(llm.seen.length, 2);
    });
    assert.match((await bench(["Results", "--timeout", "0"])).err, /--timeout: expected a number of seconds > 0 \(e\.g\. 600, 1\.5, 10m, 2h\), got '0'/);
  });

  it("takes the bearer token from --token-command, once for logs coded in parallel, and again after a 401", async () => {
    let calls = 0;
    await withServer({ failWith: () => (++calls === 1 ? 401 : undefined) }, async (url, llm) => {
      const counter = join(cwd, "token-runs");
      const r = await bench(["Results", "--base-url", url, "--no-summary", "-p", "2", "--token-command", `echo x >> '${counter}'; sleep 0.2; echo tok-secret-value`], { PATH: process.env.PATH ?? "" });
      assert.equal(r.code, 0, r.err);
      assert.deepEqual(llm.seen.map((s) => s.headers.authorization), Array(3).fill("Bearer tok-secret-value"));
      assert.equal((await readFile(counter, "utf8")).trim().split("\n").length, 2);
      assert.ok(!r.err.includes("tok-secret-value"));
    });
  });

  it("--azure runs bench run's az recipe for the token; OPENAI_BASE_URL names the endpoint", async () => {
    const bin = join(cwd, "fake-bin");
    await mkdir(bin, { recursive: true });
    // A stand-in az: prints a token only for the exact recipe bench run --azure documents.
    await writeFile(join(bin, "az"), '#!/bin/sh\n[ "$*" = "account get-access-token --resource https://cognitiveservices.azure.com --query accessToken -o tsv" ] && echo azure-ad-token-value\n', { mode: 0o755 });
    await withServer({ bodyAnswer: () => JSON.stringify({ codes: [] }) }, async (url, llm) => {
      const r = await bench(["Results/humaneval/t2", "--azure", "--no-summary", "-m", "my-deployment"], { PATH: `${bin}:${process.env.PATH ?? ""}`, OPENAI_BASE_URL: url });
      assert.equal(r.code, 0, r.err);
      assert.equal(llm.seen[0]?.headers.authorization, "Bearer azure-ad-token-value");
      assert.equal((llm.seen[0]?.body as Body).model, "my-deployment");
    });
  });

  it("stops on an interrupt with exit 130 and writes no report", async () => {
    await withServer({ delayMs: 5000 }, async (url, llm) => {
      const controller = new AbortController();
      const io = captureIO({ cwd, env: { OPENAI_API_KEY: KEY }, signal: controller.signal });
      const running = main(["lint", "Results", "--base-url", url, "-o", "interrupted.json"], io);
      while (llm.seen.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
      controller.abort(new Error("SIGINT received"));
      assert.equal(await running, 130);
      assert.match(io.err(), /interrupted after 0 of 2 log\(s\); interrupted\.json not written/);
      assert.deepEqual((await readdir(cwd)).filter((f) => f.startsWith("interrupted")), []);
    });
  });

  it("sends at most --max-bytes of a long log: its head and tail, with the lines left out named", async () => {
    await mkdir(join(cwd, "long/s/t/0"), { recursive: true });
    await writeFile(join(cwd, "long/s/t/0/console_log.txt"), Array.from({ length: 50_000 }, (_, i) => `step ${i + 1}: still working`).join("\n"));
    await withServer({ bodyAnswer: () => JSON.stringify({ codes: [] }) }, async (url, llm) => {
      const r = await bench(["long", "--base-url", url, "--no-summary", "--max-bytes", "8192"]);
      assert.equal(r.code, 0, r.err);
      const sent = (llm.seen[0]!.body as Body).messages[1]!.content;
      assert.ok(Buffer.byteLength(sent) <= 8192, String(Buffer.byteLength(sent)));
      assert.match(sent, /^    1: step 1: still working\n/);
      assert.match(sent, /\n\[bench lint: lines \d+-\d+ of 50000 left out: the log is over 8192 bytes\]\n/);
      assert.match(sent, /50000: step 50000: still working$/);
      assert.match(r.out, /\(lines \d+-\d+ of 50000 were not sent to the model: the log is over --max-bytes\)/);
    });
  });
});

describe("bench lint: usage and codebook errors", () => {
  it("needs a credential for api.openai.com, and says --rules needs none", async () => {
    const r = await bench(["Results"], {});
    assert.equal(r.code, 2);
    assert.match(r.err, /no credential for the OpenAI API: set OPENAI_API_KEY, or give --token-command CMD or --azure; --rules codes the logs without a model/);
  });

  it("names a missing log and a folder without logs before calling any model", async () => {
    await mkdir(join(cwd, "empty"), { recursive: true });
    const r = await bench(["nope.txt", "empty"]);
    assert.equal(r.code, 2);
    assert.match(r.err, /nope\.txt: no such file or folder\n\s+empty: no console_log\.txt under this folder/);
  });

  it("refuses model flags with --rules, and --azure without an endpoint", async () => {
    assert.match((await bench(["Results", "--rules", "--model", "gpt-4o-mini"])).err, /--model is for the model; --rules codes without one/);
    assert.match((await bench(["Results", "--azure"])).err, /--azure needs your Azure OpenAI endpoint: --base-url https:\/\/RESOURCE\.openai\.azure\.com\/openai\/v1/);
    assert.match((await bench(["Results", "--max-bytes", "10"])).err, /--max-bytes: expected a whole number ≥ 1024, got '10'/);
  });

  it("names file, line and field for every problem in a codebook", async () => {
    await writeFile(join(cwd, "bad-codebook.yaml"), [
      "codes:",
      "  - name: timed-out",
      "    definition: The run hit its limit.",
      "    severity: 5",
      "  - name: Timed Out",
      "    definition: again",
      "  - name: no-definition",
      "    colour: red",
      "  - just a string",
    ].join("\n"));
    const r = await bench(["Results", "--codebook", "bad-codebook.yaml"]);
    assert.equal(r.code, 2);
    const file = join(cwd, "bad-codebook.yaml");
    assert.equal(r.err, [
      "bench lint: Invalid codebook:",
      `  ${file}:4: codes[0].severity: expected 0, 1 or 2, got 5`,
      `  ${file}:5: codes[1].name: 'timed-out' is already defined at line 2`,
      `  ${file}:8: codes[2].colour: unknown field (a code has name, definition, severity, examples)`,
      `  ${file}:7: codes[2].definition: missing`,
      `  ${file}:9: codes[3]: expected a mapping with name and definition`,
      "",
    ].join("\n"));
    await writeFile(join(cwd, "broken.yaml"), "codes:\n  - name: [unclosed\n");
    assert.match((await bench(["Results", "--codebook", "broken.yaml"])).err, /broken\.yaml:\d+:\d+: invalid YAML/);
  });
});

describe("bench lint --rules", () => {
  it("codes without a model or credential, and --out - prints the report as JSON", async () => {
    const saved = await bench(["Results", "--rules", "-o", "new-folder/lint.json"], {});
    assert.equal(saved.code, 0, saved.err);
    assert.equal(JSON.parse(await readFile(join(cwd, "new-folder/lint.json"), "utf8")).documents.length, 2);
    const r = await bench(["Results", "--rules", "-o", "-"], {});
    assert.equal(r.code, 0, r.err);
    const report = JSON.parse(r.out);
    assert.equal(report.coder, "rules");
    assert.equal(report.model, null);
    assert.deepEqual(report.documents[0].codes.map((c: { name: string }) => c.name), ["python-traceback", "nonzero-exit", "missing-completion-marker"]);
    assert.deepEqual(report.documents[1].codes, []);
    assert.ok(!r.out.includes(ENV_SECRET), "an ENV value was printed");
  });
});

describe("bench lint --only-failed", () => {
  it("leaves out runs that passed, by result.json or by agbench's verdict from the log", async () => {
    await mkdir(join(cwd, "mixed/s/bench-passed/0"), { recursive: true });
    await writeFile(join(cwd, "mixed/s/bench-passed/0/console_log.txt"), "RUN.SH STARTING !#!#\nTraceback (most recent call last):\nValueError: retried\n");
    await writeFile(join(cwd, "mixed/s/bench-passed/0/result.json"), JSON.stringify({ schema: 1, status: "passed" }));
    await mkdir(join(cwd, "mixed/s/agbench-passed/0"), { recursive: true });
    await writeFile(join(cwd, "mixed/s/agbench-passed/0/console_log.txt"), "RUN.SH STARTING !#!#\nALL TESTS PASSED !#!#\n");
    await mkdir(join(cwd, "mixed/s/agbench-crashed/0"), { recursive: true });
    await writeFile(join(cwd, "mixed/s/agbench-crashed/0/console_log.txt"), "RUN.SH STARTING !#!#\nKilled\n");
    const r = await bench(["mixed", "--rules", "--only-failed", "-o", "-"], {});
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(JSON.parse(r.out).documents.map((d: { doc: { name: string } }) => d.doc.name), [join(cwd, "mixed/s/agbench-crashed/0/console_log.txt")]);
    assert.match(r.err, /2 of 3 log\(s\) are of runs that passed: left out \(--only-failed\)/);
  });
});
