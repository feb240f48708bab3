import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { cp, mkdir, readFile, readdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { main } from "../../src/cli/main.ts";
import { runScenarios, type RunEvent } from "../../sdk/index.ts";
import { captureIO } from "../helpers/capture-io.ts";
import { tempDir } from "../helpers/fake-deps.ts";

const CANARY = "sk-canary-5d41402abc4b2a76b9719d911017c592";

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    out.push(...(entry.isDirectory() ? await walk(path) : [path]));
  }
  return out;
}

describe("env file, config file and stdin (native, real loader)", () => {
  it("uses ./ENV.yaml and ./config.yaml by default; the secret reaches the run but nothing written holds it", async () => {
    const dir = await tempDir("bench-env-");
    await mkdir(join(dir, "Templates/Leak"), { recursive: true });
    await writeFile(join(dir, "Templates/Leak/scenario.js"),
      "console.log('key is ' + process.env.API_KEY);\nif (require('fs').existsSync('config.yaml')) console.log('ALL TESTS PASSED !#!#');\nthrow new Error('leaking ' + process.env.API_KEY);\n");
    await writeFile(join(dir, "leak.jsonl"), '{"id": "leak", "template": "Templates/Leak", "command": "node scenario.js"}\n');
    await writeFile(join(dir, "ENV.yaml"), "API_KEY: ${HOST_KEY}\n");
    await writeFile(join(dir, "config.yaml"), "model: test\n");
    const events: RunEvent[] = [];
    const summary = await runScenarios("leak.jsonl", {
      runtime: "native", cwd: dir, hostEnv: { HOST_KEY: CANARY }, onEvent: (e) => events.push(e),
    });
    assert.deepEqual(events.filter((e) => e.type === "notice"), [
      { type: "notice", message: `Using environment file ${join(dir, "ENV.yaml")} (give -e/--env to choose another)` },
      { type: "notice", message: `Using config file ${join(dir, "config.yaml")} (give -c/--config to choose another)` },
    ]);
    assert.equal(summary.results[0]?.status, "error");
    const log = await readFile(join(dir, "Results/leak/leak/0/console_log.txt"), "utf8");
    assert.ok(log.includes("key is ***"), "the run saw the value; the log masks it");
    assert.ok(log.includes("ALL TESTS PASSED !#!#"), "config.yaml was copied into the run folder");
    for (const file of await walk(join(dir, "Results"))) {
      assert.ok(!(await readFile(file, "utf8")).includes(CANARY), `${file} holds no secret`);
    }
    assert.deepEqual(JSON.parse(await readFile(join(dir, "Results/run.json"), "utf8")).envKeys, ["API_KEY"]);
  });

  it("an explicit config file that does not exist is a config error (exit 2)", async () => {
    const dir = await tempDir("bench-env-");
    const io = captureIO({ cwd: dir, stdin: "" });
    assert.equal(await main(["run", "-", "--native", "-c", "missing.yaml"], io), 2);
    assert.equal(io.err(), `bench run: Invalid options:\n  configFile: ${join(dir, "missing.yaml")} does not exist\n`);
  });

  it("reads scenarios from stdin with `-` (templates relative to the working folder)", async () => {
    const dir = await tempDir("bench-stdin-");
    await cp(resolve(import.meta.dirname, "../../examples/quickstart/Templates"), join(dir, "Templates"), { recursive: true });
    const line = '{"id": "sum", "template": "Templates/Adder", "command": "node scenario.js", "substitutions": {"scenario.js": {"__A__": "1", "__B__": "1", "__EXPECTED__": "2"}}}\n';
    const io = captureIO({ cwd: dir, stdin: line });
    assert.equal(await main(["run", "-", "--native"], io), 0);
    assert.ok(io.out().includes("passed  stdin/sum#0"));
  });
});
