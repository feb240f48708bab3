import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { NativeRunner } from "../../src/runners/native-runner.ts";
import { buildWheel, diesWithin, makeRunDir, makeTask, readLog, removeTempDirs, tempDir, waitForFile } from "./native-fixtures.ts";

after(removeTempDirs);

const wheelDir = dirname(buildWheel(join(tempDir("native-wheel-"), "wheels")));
const requirements = (extra = ""): string => `--no-index\n--find-links ${wheelDir}\nbenchnativepkg\n${extra}`;
const usesPackage = [
  "python -c \"import benchnativepkg; print('value', benchnativepkg.VALUE)\"",
  "benchnative-hello",
  "echo \"installed=$BENCH_REQUIREMENTS_INSTALLED venv=$VIRTUAL_ENV\"",
].join("\n");

function venvRun(requirementsText: string, script = usesPackage): ReturnType<typeof makeTask> {
  return makeTask(makeRunDir(`${script}\n`, { "requirements.txt": requirementsText }), { hasRequirements: true, timeoutMs: 120_000 });
}

describe("NativeRunner with requirements.txt: venv cache", () => {
  it("builds one venv for parallel runs with the same requirements, reuses it, and only for them", async () => {
    const cacheDir = tempDir("native-cache-");
    const runner = new NativeRunner({ cacheDir });
    const tasks = [venvRun(requirements()), venvRun(requirements()), venvRun(requirements())];
    const outcomes = await Promise.all(tasks.map((task) => runner.run(task)));
    const later = venvRun(requirements());
    outcomes.push(await runner.run(later));
    const venvs = readdirSync(join(cacheDir, "venvs"));
    assert.equal(venvs.length, 1, `venvs: ${venvs.join(", ")}`);
    const venv = join(cacheDir, "venvs", venvs[0] ?? "");
    for (const [index, task] of [...tasks, later].entries()) {
      assert.equal(outcomes[index]?.error, undefined);
      assert.equal(outcomes[index]?.exitCode, 0, readLog(task.runDir));
      assert.equal(readLog(task.runDir), `value 42\nhello from benchnativepkg\ninstalled=1 venv=${venv}\n`);
    }
    assert.equal(runner.venvCache.builds, 1);

    const other = await runner.run(venvRun(requirements("# another line\n")));
    const plain = makeTask(makeRunDir("echo \"installed=${BENCH_REQUIREMENTS_INSTALLED:-no}\"\n"));
    await runner.run(plain);
    assert.equal(other.exitCode, 0);
    assert.equal(readdirSync(join(cacheDir, "venvs")).length, 2, "different requirements get their own venv");
    assert.equal(readLog(plain.runDir), "installed=no\n", "no venv without requirements");
  });

  it("tolerates two caches racing to create the same venv", async () => {
    const cacheDir = tempDir("native-cache-");
    const [first, second] = [new NativeRunner({ cacheDir }), new NativeRunner({ cacheDir })];
    const outcomes = await Promise.all([first.run(venvRun(requirements())), second.run(venvRun(requirements()))]);
    assert.deepEqual(outcomes.map((outcome) => outcome.exitCode), [0, 0]);
    assert.equal(readdirSync(join(cacheDir, "venvs")).length, 1);
  });

  it("reports a failed install as an error with the tail of pip's output, masked", async () => {
    const cacheDir = tempDir("native-cache-");
    const task = { ...venvRun(requirements().replace("benchnativepkg", "no-such-pkg-secretname")), secrets: ["secretname"] };
    const outcome = await new NativeRunner({ cacheDir }).run(task);
    assert.equal(outcome.exitCode, null);
    assert.match(outcome.error ?? "", /^installing requirements\.txt failed: pip install -r requirements\.txt failed \(exit code 1\):\n/);
    assert.match(outcome.error ?? "", /No matching distribution found for no-such-pkg-\*\*\*/);
    assert.equal(outcome.error?.includes("secretname"), false);
    assert.match(readLog(task.runDir), /^\[bench-action: installing requirements\.txt failed: pip install/);
    assert.deepEqual(readdirSync(join(cacheDir, "venvs")), []);
  });

  it("reports a python that cannot start", async () => {
    const cacheDir = tempDir("native-cache-");
    const outcome = await new NativeRunner({ cacheDir, python: "/nonexistent/python3" }).run(venvRun(requirements()));
    assert.equal(outcome.error, "installing requirements.txt failed: /nonexistent/python3 -m venv failed (cannot start /nonexistent/python3: spawn /nonexistent/python3 ENOENT):\n");
    assert.equal(existsSync(join(cacheDir, "venvs")), true);
  });

  it("counts the install in the timeout, and close() kills an install still running", async () => {
    const cacheDir = tempDir("native-cache-");
    const python = join(cacheDir, "slow-python");
    writeFileSync(python, `#!/bin/sh\necho $$ > ${cacheDir}/python.pid\nexec sleep 30\n`, { mode: 0o755 });
    const runner = new NativeRunner({ cacheDir, python });
    const started = Date.now();
    const outcome = await runner.run({ ...venvRun(requirements()), timeoutMs: 500 });
    assert.equal(outcome.timedOut, true);
    assert.equal(outcome.error, undefined);
    assert.ok(Date.now() - started < 3000, `took ${Date.now() - started} ms`);
    const pid = Number(await waitForFile(join(cacheDir, "python.pid")));
    await runner.close();
    assert.equal(await diesWithin(pid), true);
    assert.deepEqual(readdirSync(join(cacheDir, "venvs")), []);
  });
});
