import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdir, readFile, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { main } from "../../src/cli/main.ts";
import { captureIO } from "../helpers/capture-io.ts";
import { tempDir } from "../helpers/fake-deps.ts";
import { buildChildEnv } from "../../src/process/child-env.ts";
import { fetchToken, TOKEN_ENV_ALLOWLIST } from "../../src/run/token-command.ts";
import { diesWithin } from "../runners/native-fixtures.ts";

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    out.push(...(entry.isDirectory() ? await walk(path) : [path]));
  }
  return out;
}

async function project(): Promise<string> {
  const dir = await tempDir("bench-token-");
  await mkdir(join(dir, "Templates/T"), { recursive: true });
  await writeFile(join(dir, "Templates/T/scenario.js"), "console.log('token=' + process.env.MY_TOKEN);\nconsole.log('ALL TESTS PASSED !#!#');\n");
  await writeFile(join(dir, "tasks.jsonl"), '{"id": "a", "template": "Templates/T", "command": "node scenario.js"}\n{"id": "b", "template": "Templates/T", "command": "node scenario.js"}\n');
  await writeFile(join(dir, "config.yaml"), "model: x\n");
  // Each call bumps a counter file and prints a token holding it.
  await writeFile(join(dir, "token.sh"), "n=$(cat count 2>/dev/null || echo 0); n=$((n+1)); echo $n > count; echo \"tok-secret-$n\"\n");
  return dir;
}

describe("--token-command", () => {
  it("refreshes the token before each run, injects it as --token-env and masks it everywhere", async () => {
    const dir = await project();
    const io = captureIO({ cwd: dir, stdin: "" });
    assert.equal(await main(["run", "tasks.jsonl", "--native", "--token-command", "sh token.sh", "--token-env", "MY_TOKEN"], io), 0);
    assert.equal((await readFile(join(dir, "count"), "utf8")).trim(), "2", "one fetch per run");
    for (const id of ["a", "b"]) {
      assert.ok((await readFile(join(dir, `Results/tasks/${id}/0/console_log.txt`), "utf8")).includes("token=***"));
    }
    for (const file of await walk(join(dir, "Results"))) {
      const text = await readFile(file, "utf8");
      assert.ok(!text.includes("tok-secret-1") && !text.includes("tok-secret-2"), `${file} holds no token`);
    }
    assert.ok(!io.out().includes("tok-secret") && !io.err().includes("tok-secret"));
  });

  it("a failing command makes the run an error whose reason holds no output", async () => {
    const dir = await project();
    const io = captureIO({ cwd: dir, stdin: "" });
    assert.equal(await main(["run", "tasks.jsonl", "--native", "--filter", "^a$", "--token-command", "echo partial-secret; exit 3"], io), 1);
    const result = JSON.parse(await readFile(join(dir, "Results/tasks/a/0/result.json"), "utf8"));
    assert.equal(result.status, "error");
    assert.equal(result.error, "token command failed (exit code 3)");
  });

  it("sees PATH, HOME and the given values only; a timeout kills what it left in the background", async () => {
    const dir = await tempDir("bench-token-env-");
    process.env.BENCH_TEST_HOST_SECRET = "s3cr3t";
    try {
      const env = buildChildEnv(TOKEN_ENV_ALLOWLIST, { FROM_ENV_FILE: "yes" });
      assert.equal(await fetchToken({ command: 'echo "${BENCH_TEST_HOST_SECRET:-none}-$FROM_ENV_FILE"' }, dir, env), "none-yes");
    } finally {
      delete process.env.BENCH_TEST_HOST_SECRET;
    }
    const slow = { command: `sleep 30 & echo $! > ${dir}/bg.pid; sleep 30` };
    await assert.rejects(fetchToken(slow, dir, buildChildEnv(TOKEN_ENV_ALLOWLIST, {}), 300), { message: "token command timed out after 0.3 s" });
    const pid = Number(await readFile(join(dir, "bg.pid"), "utf8"));
    assert.equal(await diesWithin(pid, 2000), true, "the background sleep was killed with the group");
  });

  it("--token-env without --token-command is a usage error", async () => {
    const io = captureIO({ cwd: await tempDir(), stdin: "" });
    assert.equal(await main(["run", "x.jsonl", "--token-env", "T"], io), 2);
    assert.equal(io.err(), "bench run: --token-env needs --token-command\nRun 'bench run --help' for usage.\n");
  });
});
