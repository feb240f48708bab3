import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { runScenarios } from "../../sdk/index.ts";

const EXAMPLE = fileURLToPath(new URL("../../examples/llm-agent/", import.meta.url));
const KEY = "sk-test-7f3a9c1e5b2d4861-secret";

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: { model: string; messages: { role: string; content: string }[]; temperature: number };
}

describe("examples/llm-agent against a local OpenAI-compatible server", () => {
  const seen: Seen[] = [];
  let server: Server;
  let dir: string;
  before(async () => {
    server = createServer((req, res) => {
      let text = "";
      req.on("data", (chunk: Buffer) => (text += chunk.toString()));
      req.on("end", () => {
        const body = JSON.parse(text) as Seen["body"];
        seen.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body });
        const question = body.messages.at(-1)?.content ?? "";
        // Right about arithmetic, wrong about the capital: one passed run, one failed run.
        const content = question.includes("17 + 25") ? "42" : "Lyon";
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ id: "cmpl-1", object: "chat.completion", choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }] }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    dir = await mkdtemp(join(tmpdir(), "llm-agent-"));
    const port = (server.address() as AddressInfo).port;
    await writeFile(join(dir, "ENV.yaml"), `OPENAI_API_KEY: ${KEY}\nOPENAI_BASE_URL: http://127.0.0.1:${port}/v1\nOPENAI_MODEL: test-model-1\n`);
  });
  after(async () => {
    await new Promise((resolve) => server.close(resolve));
    await rm(dir, { recursive: true, force: true });
  });

  it("sends the chat request with the key and model, scores the answers, and never writes the key", async () => {
    const resultsDir = join(dir, "Results");
    const summary = await runScenarios(join(EXAMPLE, "Tasks"), {
      runtime: "native", resultsDir, envFile: join(dir, "ENV.yaml"), configFile: join(EXAMPLE, "config.yaml"), cwd: dir, parallel: 2, timeout: 120,
    });
    const statuses = Object.fromEntries(summary.results.map((r) => [r.id, r.status]));
    assert.deepEqual(statuses, { arithmetic: "passed", capital: "failed" });
    assert.equal(seen.length, 2);
    for (const request of seen) {
      assert.equal(request.method, "POST");
      assert.equal(request.url, "/v1/chat/completions");
      assert.equal(request.headers.authorization, `Bearer ${KEY}`);
      assert.equal(request.body.model, "test-model-1");
      assert.deepEqual(request.body.messages.map((m) => m.role), ["system", "user"]);
    }
    assert.deepEqual(seen.map((r) => r.body.messages[1]?.content).sort(), [
      "What is 17 + 25? Reply with the number only.", "What is the capital of France? Reply with one word.",
    ]);
    const files = [join(resultsDir, "run.json")];
    for (const id of ["arithmetic", "capital"]) {
      files.push(join(resultsDir, "questions", id, "0", "console_log.txt"), join(resultsDir, "questions", id, "0", "result.json"));
    }
    for (const file of files) assert.equal((await readFile(file, "utf8")).includes(KEY), false, `${file} holds the API key`);
    const log = await readFile(join(resultsDir, "questions", "arithmetic", "0", "console_log.txt"), "utf8");
    assert.match(log, /model answered: 42\nALL TESTS PASSED !#!#/);
  });
});
