/**
 * runProcess, the one process helper: a timeout or an abort kills the whole group (grandchildren
 * too, also those ignoring SIGTERM), the environment is the allowlist only, output is capped, and a
 * timeout beyond Node's timer limit is clamped instead of firing at once.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { buildChildEnv } from "../../src/process/child-env.ts";
import { runProcess } from "../../src/process/run-process.ts";
import { MAX_TIMER_MS } from "../../src/options/values.ts";
import { tempDir } from "../helpers/temp-dir.ts";
import { diesWithin } from "../runners/native-fixtures.ts";

const ENV = buildChildEnv(["PATH"], {});

describe("runProcess", () => {
  it("a timeout kills the whole group: the command, a grandchild, and one that ignores SIGTERM", async () => {
    const dir = await tempDir("bench-proc-");
    const script = `sleep 30 & echo $! > ${dir}/child.pid
sh -c 'trap "" TERM; echo $$ > ${dir}/stubborn.pid; while :; do sleep 1; done' &
sleep 30`;
    const started = Date.now();
    const r = await runProcess({ command: "sh", args: ["-c", script], env: ENV, timeoutMs: 300, killGraceMs: 200 });
    assert.equal(r.timedOut, true);
    assert.equal(r.aborted, false);
    assert.equal(r.exitCode, null);
    assert.equal(r.signal, "SIGTERM");
    assert.ok(Date.now() - started < 5000, "it did not wait for sleep 30");
    for (const file of ["child.pid", "stubborn.pid"]) {
      const pid = Number(await readFile(join(dir, file), "utf8"));
      assert.ok(pid > 0);
      assert.equal(await diesWithin(pid, 2000), true, `${file} (${pid}) survived`);
    }
  });

  it("processes that left the group (setsid, nohup in a new session, a double fork) are killed once the command exits", async () => {
    const dir = await tempDir("bench-proc-escaped-");
    const loop = "while :; do sleep 1; done";
    const script = `setsid sh -c 'echo $$ > ${dir}/setsid.pid; ${loop}' > /dev/null 2>&1 < /dev/null &
setsid nohup sh -c 'echo $$ > ${dir}/nohup.pid; ${loop}' > /dev/null 2>&1 < /dev/null &
( setsid sh -c '( sh -c "echo \\$\\$ > ${dir}/daemon.pid; ${loop}" & ) &' > /dev/null 2>&1 < /dev/null & )
while [ ! -s ${dir}/setsid.pid ] || [ ! -s ${dir}/nohup.pid ] || [ ! -s ${dir}/daemon.pid ]; do sleep 0.05; done`;
    const r = await runProcess({ command: "sh", args: ["-c", script], env: ENV, timeoutMs: 60_000, killGraceMs: 200 });
    assert.equal(r.exitCode, 0);
    assert.ok(r.escaped >= 3, `escaped: ${r.escaped}`);
    for (const file of ["setsid.pid", "nohup.pid", "daemon.pid"]) {
      const pid = Number(await readFile(join(dir, file), "utf8"));
      assert.ok(pid > 0, file);
      assert.equal(await diesWithin(pid, 5000), true, `${file} (${pid}) survived`);
    }
  });

  it("an abort kills the group and is reported as such, not as a timeout", async () => {
    const stop = new AbortController();
    setTimeout(() => stop.abort(), 200);
    const r = await runProcess({ command: "sh", args: ["-c", "sleep 30"], env: ENV, stop: stop.signal, timeoutMs: 60_000, killGraceMs: 100 });
    assert.deepEqual([r.aborted, r.timedOut, r.exitCode], [true, false, null]);
  });

  it("the child sees the allowlisted variables and the explicit ones only, never the host environment whole", async () => {
    process.env.BENCH_TEST_HOST_SECRET = "s3cr3t";
    try {
      const env = buildChildEnv(["PATH", "BENCH_TEST_UNSET"], { EXTRA: "yes" });
      const r = await runProcess({ command: "sh", args: ["-c", "env"], env, maxOutputBytes: 65536 });
      assert.equal(r.exitCode, 0);
      const names = r.stdout.trim().split("\n").map((line) => line.slice(0, line.indexOf("="))).filter((n) => n !== "PWD" && n !== "SHLVL" && n !== "_").sort();
      // The mark runProcess finds the command's escaped processes by (src/process/escaped.ts).
      assert.deepEqual(names, ["BENCH_PROCESS_MARK", "EXTRA", "PATH"]);
      assert.doesNotMatch(r.stdout, /s3cr3t/);
    } finally {
      delete process.env.BENCH_TEST_HOST_SECRET;
    }
    // @ts-expect-error the host environment is not a ChildEnv: it cannot be handed over whole.
    void (() => runProcess({ command: "true", args: [], env: process.env }));
  });

  it("keeps stdout and stderr apart up to the cap, then kills the group and says so", async () => {
    const small = await runProcess({ command: "sh", args: ["-c", "echo out; echo err >&2; exit 3"], env: ENV, maxOutputBytes: 1000 });
    assert.deepEqual([small.exitCode, small.stdout, small.stderr, small.overflowed], [3, "out\n", "err\n", false]);
    const flood = await runProcess({ command: "sh", args: ["-c", "while :; do echo xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx; done"], env: ENV, maxOutputBytes: 5000, killGraceMs: 100 });
    assert.equal(flood.overflowed, true);
    assert.equal(flood.stdout.length, 5000);
    assert.equal(flood.exitCode, null);
    // A process that ignores SIGTERM keeps writing until SIGKILL: every chunk after the cap adds nothing.
    const stubborn = await runProcess({ command: "sh", args: ["-c", "trap '' TERM; while :; do echo xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx; done"], env: ENV, maxOutputBytes: 5000, killGraceMs: 300 });
    assert.deepEqual([stubborn.overflowed, stubborn.stdout.length, stubborn.stderr.length], [true, 5000, 0]);
  });

  it("streams output to onOutput in order, without keeping it", async () => {
    const chunks: string[] = [];
    const r = await runProcess({ command: "sh", args: ["-c", "echo a; echo b >&2; echo c"], env: ENV, onOutput: (c) => void chunks.push(c.toString()) });
    assert.equal(r.exitCode, 0);
    assert.equal(chunks.join("").split("\n").filter(Boolean).sort().join(""), "abc");
    assert.equal(r.stdout, "");
  });

  it("clamps a timeout beyond Node's timer limit instead of firing at once", async () => {
    for (const timeoutMs of [MAX_TIMER_MS + 1, MAX_TIMER_MS * 10]) {
      const r = await runProcess({ command: "sh", args: ["-c", "sleep 0.3; echo done"], env: ENV, timeoutMs, maxOutputBytes: 100 });
      assert.deepEqual([r.timedOut, r.exitCode, r.stdout], [false, 0, "done\n"], `timeoutMs ${timeoutMs}`);
    }
  });

  it("a command that is not installed: errorCode ENOENT, never a throw", async () => {
    const r = await runProcess({ command: "/nonexistent/bench-cmd", args: [], env: ENV });
    assert.equal(r.errorCode, "ENOENT");
    assert.match(r.error ?? "", /^cannot start \/nonexistent\/bench-cmd: /);
    assert.equal(r.exitCode, null);
  });
});
