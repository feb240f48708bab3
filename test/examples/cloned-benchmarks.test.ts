/** Every shipped benchmark, cloned into a fresh folder, runs natively and tabulates to its documented result. */
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cloneBenchmark, listBenchmarks, runScenarios, tabulate } from "../../sdk/index.ts";

/** Suite % per benchmark when run natively (llm-agent against a server that answers correctly). */
const EXPECTED: Record<string, Record<string, number>> = {
  "agbenchmark-mini": { agbenchmark: 100 },
  "humaneval-mini": { human_eval: 100 },
  "llm-agent": { questions: 100 },
  quickstart: { adder: 75, faults: 0 },
};

describe("shipped benchmarks, cloned", () => {
  let server: Server;
  let port = 0;
  before(async () => {
    server = createServer((req, res) => {
      let text = "";
      req.on("data", (c: Buffer) => (text += c.toString()));
      req.on("end", () => {
        const q = (JSON.parse(text) as { messages: { content: string }[] }).messages.at(-1)?.content ?? "";
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ choices: [{ message: { role: "assistant", content: q.includes("17 + 25") ? "42" : "Paris." } }] }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  after(() => new Promise((resolve) => server.close(resolve)));

  it("covers every benchmark bench clone --list shows", async () => {
    assert.deepEqual((await listBenchmarks()).map((b) => b.name), Object.keys(EXPECTED).sort());
  });

  for (const [name, suites] of Object.entries(EXPECTED)) {
    it(`${name}: clone, run natively, tabulate`, async () => {
      const dir = join(await mkdtemp(join(tmpdir(), "cloned-")), name);
      await cloneBenchmark(name, dir);
      const env = join(dir, "ENV.test.yaml");
      await writeFile(env, `OPENAI_BASE_URL: http://127.0.0.1:${port}/v1\nOPENAI_API_KEY: sk-cloned\n`);
      const summary = await runScenarios(join(dir, "Tasks"), { runtime: "native", resultsDir: join(dir, "Results"), cwd: dir, envFile: env, parallel: 2, timeout: 60 });
      assert.equal(summary.aborted, false);
      const tabulation = await tabulate(join(dir, "Results"));
      assert.deepEqual(Object.fromEntries(tabulation.suites.map((s) => [s.name, Number(s.percentage.toFixed(1))])), suites);
      if (name === "humaneval-mini") {
        const log = await readFile(join(dir, "Results/human_eval/fizz_buzz/0/console_log.txt"), "utf8");
        assert.match(log, /TASK: fizz_buzz\nALL TESTS PASSED !#!#\n/);
      }
    });
  }
});
