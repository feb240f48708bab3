import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { cp, readdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { main } from "../../src/cli/main.ts";
import { RUN_FLAGS, parseRunArgs } from "../../src/cli/run-args.ts";
import { captureIO } from "../helpers/capture-io.ts";
import { tempDir } from "../helpers/fake-deps.ts";
import { writeAgbenchRun } from "../results/agbench-results.ts";

const quickstart = resolve(import.meta.dirname, "../../examples/quickstart");

async function copyQuickstart(): Promise<string> {
  const dir = await tempDir("bench-cli-");
  await cp(quickstart, dir, { recursive: true, filter: (src) => !src.includes("/Results") });
  return dir;
}

describe("bench run: usage", () => {
  it("--help lists every flag and exits 0", async () => {
    const io = captureIO({ cwd: quickstart });
    assert.equal(await main(["run", "--help"], io), 0);
    for (const [name, spec] of Object.entries(RUN_FLAGS)) {
      assert.ok(io.out().includes(`--${name}`), `help names --${name}`);
      if ("short" in spec) assert.ok(io.out().includes(`-${spec.short}, --${name}`));
    }
    assert.ok(io.out().includes("(default 7200)"));
  });

  const bad: [string[], string][] = [
    [["-r", "x"], "--repeat: expected a whole number ≥ 1, got 'x'"],
    [["--parallel", "0"], "--parallel: expected a whole number ≥ 1, got '0'"],
    [["-s", "1.5"], "--subsample: expected a fraction in (0, 1) or a whole count ≥ 1 (1 = one task), got '1.5'"],
    [["--timeout=-3"], "--timeout: expected a number of seconds > 0 (e.g. 600, 1.5, 10m, 2h), got '-3'"],
    [["--retry-errors=-1"], "--retry-errors: expected a whole number ≥ 0, got '-1'"],
    [["--shard", "3/2"], "--shard: expected i/n with 1 ≤ i ≤ n (e.g. 2/4), got '3/2'"],
    [["--filter", "("], "--filter: expected a valid regular expression, got '('"],
    [["--network", "wifi"], "--network: expected one of bridge, none, host, got 'wifi'"],
    [["--memory", "lots"], "--memory: expected bytes or a size like 512m or 2g, got 'lots'"],
    [["--cpus", "zero"], "--cpus: expected a number > 0, got 'zero'"],
    [["--pids-limit", "0"], "--pids-limit: expected a whole number ≥ 1, got '0'"],
    [["--mount", "/src"], "--mount: expected SRC:DST[:ro] with an absolute DST, got '/src'"],
    [["--seed", "abc"], "--seed: expected a whole number ≥ 0, got 'abc'"],
    [["--workspace", "nfs"], "--workspace: expected one of auto, bind, copy, got 'nfs'"],
    [["--model-cache", "replay"], "--model-cache: expected one of read, write, off, got 'replay'"],
    [["--max-tokens", "1.5"], "--max-tokens: expected a whole number ≥ 1, got '1.5'"],
    [["--max-cost", "free"], "--max-cost: expected an amount in USD > 0 (e.g. 0.5 or $0.50), got 'free'"],
    [["--upstream-openai", "api.openai.com"], "--upstream-openai: expected an http(s) URL, got 'api.openai.com'"],
  ];
  for (const [args, message] of bad) {
    it(`exits 2 on ${args.join(" ")}`, async () => {
      const io = captureIO({ cwd: quickstart });
      assert.equal(await main(["run", "Tasks", ...args], io), 2);
      assert.equal(io.err(), `bench run: ${message}\nRun 'bench run --help' for usage.\n`);
    });
  }

  it("--workspace sets the Docker workspace mode", () => {
    for (const mode of ["auto", "bind", "copy"] as const) {
      assert.deepEqual(parseRunArgs(["Tasks", "--workspace", mode, "--network", "none"]).options.docker, { network: "none", workspace: mode });
    }
  });

  it("usage flags fill recordUsage and usage", () => {
    const { options } = parseRunArgs(["Tasks", "--record-usage", "--upstream-openai", "http://127.0.0.1:8000/v1", "--upstream-anthropic", "https://a.example",
      "--prices", "p.yaml", "--max-tokens", "5000", "--max-cost", "$0.25", "--model-cache", "read", "--model-cache-dir", "mc"]);
    assert.equal(options.recordUsage, true);
    assert.deepEqual(options.usage, {
      openaiUpstream: "http://127.0.0.1:8000/v1", anthropicUpstream: "https://a.example", prices: "p.yaml",
      maxTokens: 5000, maxCostUsd: 0.25, modelCache: "read", modelCacheDir: "mc",
    });
    assert.equal(parseRunArgs(["Tasks"]).options.usage, undefined);
  });

  it("exits 2 on an unknown flag and on a missing input", async () => {
    const io = captureIO({ cwd: quickstart });
    assert.equal(await main(["run", "Tasks", "--bogus"], io), 2);
    assert.match(io.err(), /^bench run: unknown option --bogus\n/);
    const io2 = captureIO({ cwd: quickstart });
    assert.equal(await main(["run"], io2), 2);
    assert.match(io2.err(), /^bench run: missing input/);
  });

  it("exits 2 with the loader's message on a config error", async () => {
    const io = captureIO({ cwd: quickstart });
    assert.equal(await main(["run", "NoSuchTasks.jsonl", "--native"], io), 2);
    assert.match(io.err(), /^bench run: Invalid /);
    assert.match(io.err(), /NoSuchTasks\.jsonl/);
  });

  it("exits 2 and suggests --native when no Docker engine answers", async () => {
    const dir = await copyQuickstart();
    const saved = process.env.DOCKER_HOST;
    process.env.DOCKER_HOST = "tcp://127.0.0.1:1";
    try {
      const io = captureIO({ cwd: dir });
      assert.equal(await main(["run", "Tasks", "--filter", "^add_small$"], io), 2);
      assert.match(io.err(), /No Docker engine answered at .*127\.0\.0\.1.*--native/);
    } finally {
      if (saved === undefined) delete process.env.DOCKER_HOST;
      else process.env.DOCKER_HOST = saved;
    }
  });

  it("--dry-run prints the plan and writes nothing", async () => {
    const dir = await copyQuickstart();
    const io = captureIO({ cwd: dir });
    assert.equal(await main(["run", "Tasks", "--native", "--dry-run", "-r", "2", "--filter", "^add_(small|large)$"], io), 0);
    assert.ok(io.out().includes("would run adder/add_small#1\n"));
    assert.ok(io.out().includes("Dry run: 4 planned, 0 already done; nothing was run or written.\n"));
    assert.ok(!existsSync(join(dir, "Results")));
  });

  it("--dry-run on agbench's run folders: adopted ones are done, ones without a verdict are left as is, not 'would run'", async () => {
    const dir = await copyQuickstart();
    await writeAgbenchRun(join(dir, "Results/adder/add_small/0"), { verdict: "passed", inline: true });
    await writeAgbenchRun(join(dir, "Results/adder/add_small/1"), { verdict: "unfinished" });
    const io = captureIO({ cwd: dir });
    // Exit 1, as the real run would end: a run without a verdict is not passed.
    assert.equal(await main(["run", "Tasks", "--native", "--dry-run", "-r", "2", "--filter", "^add_(small|large)$"], io), 1, io.err() + io.out());
    assert.ok(io.out().includes("done (passed) adder/add_small#0\n"), io.out());
    assert.ok(io.out().includes("left as is (agbench's, no verdict) adder/add_small#1\n"), io.out());
    assert.ok(io.out().includes("would run adder/add_large#1\n"));
    assert.ok(io.out().includes("Dry run: 4 planned, 0 already done, 1 adopted, 1 left as is; nothing was run or written.\n"), io.out());
    assert.match(io.err(), /Would adopt 1 run folder.*; 1 run folder\(s\) bench did not write have no verdict/);
    assert.ok(!existsSync(join(dir, "Results/adder/add_small/0/result.json")));
  });

  it("warns that Docker-only flags are ignored with --native", async () => {
    const dir = await copyQuickstart();
    const io = captureIO({ cwd: dir });
    assert.equal(await main(["run", "Tasks", "--native", "--dry-run", "--cpus", "2"], io), 0);
    assert.ok(io.err().startsWith("warning: --docker-image, --network, --docker-socket, --cpus, --memory, --pids-limit, --cap-add, --new-privileges, --user, --mount and --workspace apply to Docker only; ignored with --native\n"));
  });
});

describe("bench run: native runs", () => {
  it("exits 0 when every run passed, with plain progress lines and a final counts line", async () => {
    const dir = await copyQuickstart();
    const io = captureIO({ cwd: dir });
    assert.equal(await main(["run", "Tasks", "--native", "--filter", "^add_(small|large)$", "-p", "2"], io), 0);
    const out = io.out();
    assert.match(out, /^Plan: 2 run\(s\) of adder; 0 already done, 2 to run\n/);
    assert.match(out, /\[\d\/2\] passed  adder\/add_small#0  \d+\.\ds\n/);
    assert.ok(out.includes(`passed 2 · failed 0 · error 0 · timeout 0 · skipped 0 (total 2, 0 resumed)\nResults: ${join(dir, "Results")}\n`));
    assert.equal(io.err(), "", "no config.yaml note: the quickstart's templates never read one");
  });

  it("exits 1 when a run failed", async () => {
    const dir = await copyQuickstart();
    const io = captureIO({ cwd: dir });
    assert.equal(await main(["run", "Tasks", "--native", "--filter", "wrong|small"], io), 1);
    assert.ok(io.out().includes("passed 1 · failed 1 · error 0"));
  });

  it("on a TTY redraws the live view in place and prints no line for a pass", async () => {
    const dir = await copyQuickstart();
    const io = captureIO({ cwd: dir, tty: true });
    assert.equal(await main(["run", "Tasks", "--native", "--filter", "^add_small$"], io), 0);
    assert.match(io.out(), /\r\x1b\[1A\x1b\[J\[1\/1\] passed 1 failed 0 error 0 timeout 0 · running 0 · \d+\.\ds\r\x1b\[J/);
    assert.ok(io.out().endsWith("\r\x1b[Jpassed 1 · failed 0 · error 0 · timeout 0 · skipped 0 (total 1, 0 resumed)\nResults: " + join(dir, "Results") + "\n"));
    assert.ok(!io.out().includes("[1/1] passed  adder"));
  });

  it("SIGINT mid-run: exit 130, finished runs kept, the interrupted one redone on the next run", async () => {
    const dir = await copyQuickstart();
    await writeFile(join(dir, "Tasks/slow.jsonl"),
      '{"id": "sleepy", "template": "../Templates/Hang", "command": "node scenario.js", "timeout": 60}\n');
    const controller = new AbortController();
    const io = captureIO({ cwd: dir, signal: controller.signal });
    const started = Date.now();
    const running = main(["run", "Tasks", "--native", "--filter", "^(sleepy|add_small)$"], io);
    while (!existsSync(join(dir, "Results/adder/add_small/0/result.json")) || !existsSync(join(dir, "Results/slow/sleepy/0/console_log.txt"))) {
      await new Promise((r) => setTimeout(r, 50));
    }
    controller.abort();
    assert.equal(await running, 130);
    assert.ok(Date.now() - started < 20_000, "the 60 s run was killed, not waited for");
    assert.ok(io.err().includes("interrupted. Finished runs are kept; interrupted and pending runs will be redone"));
    assert.ok(!existsSync(join(dir, "Results/slow/sleepy/0/result.json")));
    assert.deepEqual(await readdir(join(dir, "Results/adder")), ["add_small"]);

    await writeFile(join(dir, "Tasks/slow.jsonl"),
      '{"id": "sleepy", "template": "../Templates/Hang", "command": "node scenario.js", "timeout": 1}\n');
    const again = captureIO({ cwd: dir });
    assert.equal(await main(["run", "Tasks", "--native", "--filter", "^(sleepy|add_small)$"], again), 1);
    assert.ok(again.out().includes("Plan: 2 run(s) of adder, slow; 1 already done, 1 to run\n"));
    assert.ok(again.out().includes("passed 1 · failed 0 · error 0 · timeout 1"));
  });
});
