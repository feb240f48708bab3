import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { cp, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { runAssignmentCommand } from "../../src/cli/run-assignment.ts";

const fixtures = new URL("../fixtures/agentbench/", import.meta.url).pathname;

describe("bench run --assignment: the agent's BENCH_AGENT_* env reaches each run", () => {
  it("shows the agent env in the run's console log; run.json records the keys, not the values", async () => {
    const cwd = await mkdtemp(join(tmpdir(), "assign-env-"));
    await cp(fixtures, cwd, { recursive: true });
    await writeFile(join(cwd, "Tasks/Templates/check/check.sh"),
      'echo "agent=$BENCH_AGENT_NAME module=$BENCH_AGENT_MODULE url=$BENCH_AGENT_URL"\necho "ALL TESTS PASSED !#!#"\n');
    const io = { stdout: new PassThrough(), stderr: new PassThrough(), stdin: new PassThrough(), env: {}, cwd };
    io.stdout.resume();
    assert.equal(await runAssignmentCommand("assignments/two-by-three.yaml", { runtime: "native", filter: "^os_" }, io), 0);
    const log = await readFile(join(cwd, "out/harbor-small/os-dev/os/os_000/0/console_log.txt"), "utf8");
    assert.match(log, /agent=harbor-small module=src\.agents\.HTTPAgent url=http:\/\/127\.0\.0\.1:9\/v1\/chat\/completions\n/);
    const manifest = JSON.parse(await readFile(join(cwd, "out/harbor-large/os-dev/run.json"), "utf8"));
    assert.deepEqual(manifest.envKeys, ["BENCH_AGENT_MODULE", "BENCH_AGENT_NAME", "BENCH_AGENT_URL"]);
    assert.equal(manifest.options.env, undefined);
  });
});
