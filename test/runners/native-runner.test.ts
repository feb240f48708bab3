import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { NativeRunner } from "../../src/runners/native-runner.ts";
import { renderRunSh } from "../../src/scenario/run-script.ts";
import { diesWithin, makeRunDir, makeTask, readLog, removeTempDirs, waitForFile } from "./native-fixtures.ts";

after(removeTempDirs);

const runner = new NativeRunner({ killGraceMs: 500 });

describe("NativeRunner: exit codes and output", () => {
  it("returns exit code 0 and writes the output to console_log.txt", async () => {
    const dir = makeRunDir("echo hello native\n");
    const outcome = await runner.run(makeTask(dir));
    assert.equal(outcome.exitCode, 0);
    assert.equal(outcome.timedOut, false);
    assert.equal(outcome.error, undefined);
    assert.equal(outcome.aborted, undefined);
    assert.equal(outcome.image, null);
    assert.equal(readLog(dir), "hello native\n");
    assert.equal(outcome.logBytes, 13);
    assert.equal(outcome.logTruncated, false);
    assert.ok(outcome.finishedAt.getTime() >= outcome.startedAt.getTime());
  });

  it("keeps a crash's exit code as data", async () => {
    const outcome = await runner.run(makeTask(makeRunDir("echo about to fail\nexit 3\n")));
    assert.equal(outcome.exitCode, 3);
    assert.equal(outcome.error, undefined);
    assert.equal(outcome.timedOut, false);
  });

  it("captures stdout and stderr, merged in arrival order", async () => {
    const dir = makeRunDir("echo out-1\necho err-1 >&2\necho out-2\n");
    await runner.run(makeTask(dir));
    assert.equal(readLog(dir), "out-1\nerr-1\nout-2\n");
  });

  it("runs with stdin closed", async () => {
    const dir = makeRunDir("if read line; then echo got-input; else echo no-input; fi\n");
    await runner.run(makeTask(dir));
    assert.equal(readLog(dir), "no-input\n");
  });

  it("reports a missing run.sh and a shell that cannot start as errors", async () => {
    const empty = makeRunDir("");
    const missing = join(empty, "nested");
    const outcome = await runner.run(makeTask(missing));
    assert.equal(outcome.error, `run.sh not found in ${missing}`);
    assert.equal(outcome.exitCode, null);
    const broken = new NativeRunner({ shell: "/nonexistent/sh" });
    const failed = await broken.run(makeTask(empty));
    assert.equal(failed.error, "cannot start /nonexistent/sh: spawn /nonexistent/sh ENOENT");
    assert.equal(failed.exitCode, null);
    assert.equal(failed.timedOut, false);
  });

  it("runs a run.sh rendered by renderRunSh end to end", async () => {
    const dir = makeRunDir(renderRunSh({ command: "echo 'ALL TESTS PASSED !#!#'\nexit 3", version: "9.9.9" }));
    const outcome = await runner.run(makeTask(dir));
    assert.equal(outcome.exitCode, 3);
    const log = readLog(dir);
    for (const marker of ["RUN.SH STARTING !#!#", "SCENARIO.PY STARTING !#!#", "ALL TESTS PASSED !#!#",
      "SCENARIO.PY EXITED WITH CODE: 3 !#!#", "RUN.SH COMPLETE !#!#"]) {
      assert.ok(log.includes(marker), `missing ${marker} in:\n${log}`);
    }
    assert.match(readFileSync(join(dir, "timestamp.txt"), "utf8"), /bench-action version: 9\.9\.9/);
  });
});

describe("NativeRunner: timeout and abort kill the whole process group", () => {
  const forking = "sleep 30 &\necho $! > grandchild.pid\nsleep 30\n";

  it("kills a silent run and its grandchild at the timeout", async () => {
    const dir = makeRunDir(forking);
    const started = Date.now();
    const outcome = await runner.run(makeTask(dir, { timeoutMs: 1000 }));
    const elapsed = Date.now() - started;
    assert.equal(outcome.timedOut, true);
    assert.equal(outcome.exitCode, null);
    assert.equal(outcome.error, undefined);
    assert.ok(elapsed >= 1000 && elapsed < 1000 + 500 + 1500, `took ${elapsed} ms`);
    const pid = Number(readFileSync(join(dir, "grandchild.pid"), "utf8"));
    assert.equal(await diesWithin(pid), true, `grandchild ${pid} survived`);
    assert.equal(readLog(dir), "\n[bench-action: timed out after 1 s; process group killed]\n");
  });

  it("escalates to SIGKILL when the group ignores SIGTERM", async () => {
    const dir = makeRunDir("trap '' TERM\nsleep 30 &\necho $! > grandchild.pid\nsleep 30\n");
    const started = Date.now();
    const outcome = await runner.run(makeTask(dir, { timeoutMs: 500 }));
    const elapsed = Date.now() - started;
    assert.equal(outcome.timedOut, true);
    assert.ok(elapsed >= 1000 && elapsed < 500 + 500 + 2000, `took ${elapsed} ms`);
    assert.equal(await diesWithin(Number(readFileSync(join(dir, "grandchild.pid"), "utf8"))), true);
  });

  it("kills the group on abort and returns aborted", async () => {
    const dir = makeRunDir(forking);
    const controller = new AbortController();
    const running = runner.run(makeTask(dir), controller.signal);
    const pid = Number(await waitForFile(join(dir, "grandchild.pid")));
    controller.abort();
    const outcome = await running;
    assert.equal(outcome.aborted, true);
    assert.equal(outcome.timedOut, false);
    assert.equal(outcome.exitCode, null);
    assert.equal(outcome.error, undefined);
    assert.equal(await diesWithin(pid), true);
  });

  it("does not start a run whose signal is already aborted", async () => {
    const dir = makeRunDir("touch started\n");
    const outcome = await runner.run(makeTask(dir), AbortSignal.abort());
    assert.equal(outcome.aborted, true);
    assert.equal(existsSync(join(dir, "started")), false);
  });

  it("kills processes left behind when run.sh exits", async () => {
    const dir = makeRunDir("sleep 30 &\necho $! > leftover.pid\necho done\n");
    const outcome = await runner.run(makeTask(dir));
    assert.equal(outcome.exitCode, 0);
    assert.equal(await diesWithin(Number(readFileSync(join(dir, "leftover.pid"), "utf8"))), true);
  });
});

describe("NativeRunner: environment", () => {
  it("passes ENV values and the allowlist, and nothing else from the host", async () => {
    process.env.SECRET_TOKEN = "host-only-value";
    try {
      const dir = makeRunDir("env > env.txt\n");
      await runner.run(makeTask(dir, { env: { MY_VAR: "from-env-yaml", PATH: "/opt/custom:/usr/bin:/bin" } }));
      const lines = readFileSync(join(dir, "env.txt"), "utf8").trim().split("\n");
      const names = lines.map((line) => line.slice(0, line.indexOf("=")));
      assert.ok(lines.includes("MY_VAR=from-env-yaml"));
      assert.ok(lines.includes("PATH=/opt/custom:/usr/bin:/bin"));
      assert.equal(names.includes("SECRET_TOKEN"), false);
      assert.equal(readFileSync(join(dir, "env.txt"), "utf8").includes("host-only-value"), false);
      const allowed = new Set(["PATH", "HOME", "LANG", "LC_ALL", "TZ", "TMPDIR", "USER", "SHELL", "TERM", "MY_VAR", "PWD", "SHLVL", "_", "OLDPWD", "BENCH_PROCESS_MARK"]);
      assert.deepEqual(names.filter((name) => !allowed.has(name)), []);
    } finally {
      delete process.env.SECRET_TOKEN;
    }
  });

  it("takes a custom allowlist", async () => {
    process.env.BENCH_TEST_ALLOWED = "yes";
    try {
      const dir = makeRunDir("echo \"allowed=${BENCH_TEST_ALLOWED:-} home=${HOME:-unset}\"\n");
      await new NativeRunner({ envAllowlist: ["PATH", "BENCH_TEST_ALLOWED"] }).run(makeTask(dir));
      assert.equal(readLog(dir), "allowed=yes home=unset\n");
    } finally {
      delete process.env.BENCH_TEST_ALLOWED;
    }
  });
});

describe("NativeRunner: console_log.txt", () => {
  it("masks secrets, also one split across two writes", async () => {
    const secret = "sk-abcdef-123456";
    const dir = makeRunDir("echo \"key=$API_KEY\"\nprintf 'tok=sk-abc'\nsleep 0.2\nprintf 'def-123456\\n'\necho \"$API_KEY\" >&2\n");
    const outcome = await runner.run(makeTask(dir, { env: { API_KEY: secret }, secrets: [secret] }));
    assert.equal(outcome.exitCode, 0);
    assert.equal(readLog(dir), "key=***\ntok=***\n***\n");
  });

  it("truncates output over the cap with the marker", async () => {
    const dir = makeRunDir("head -c 5000 /dev/zero | tr '\\000' x\n");
    const outcome = await runner.run(makeTask(dir, { logCapBytes: 1000 }));
    assert.equal(outcome.exitCode, 0);
    assert.equal(outcome.logBytes, 1000);
    assert.equal(outcome.logTruncated, true);
    assert.equal(readLog(dir), `${"x".repeat(500)}\n[bench-action: console output truncated at 500 bytes; 4000 more bytes dropped; the last 500 bytes follow]\n${"x".repeat(500)}`);
  });

  it("streams 20 MB of output to disk without holding it in memory", async () => {
    const dir = makeRunDir("head -c 20000000 /dev/zero | tr '\\000' y\n");
    globalThis.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
    const outcome = await runner.run(makeTask(dir));
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    assert.equal(outcome.exitCode, 0);
    assert.equal(outcome.logBytes, 20_000_000);
    assert.equal(readFileSync(join(dir, "console_log.txt")).length, 20_000_000);
    assert.ok(peak - before < 100 * 1024 * 1024, `RSS grew by ${Math.round((peak - before) / 1048576)} MB`);
  });
});
