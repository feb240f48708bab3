// The run option table is the one source of truth: the CLI's flags and help, action.yml's inputs and the
// SDK's check all come from it, and read every value by the same rule (both directions of parity).
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { INPUT_DEFAULTS, readInputs } from "../../action/inputs.ts";
import { parseRunArgs, RUN_FLAGS } from "../../src/cli/run-args.ts";
import { RUN_HELP } from "../../src/cli/run-help.ts";
import { actionYmlWithRunInputs } from "../../src/options/action-yml.ts";
import { checkRunOptions, optionsFromInputs } from "../../src/options/option-surfaces.ts";
import { RUN_OPTIONS } from "../../src/options/run-options.ts";
import { MAX_TIMER_MS, mount, rate, seconds, size, sizeBytes, timerMs } from "../../src/options/values.ts";
import { parseMemory, parseMount } from "../../src/runners/docker/container-config.ts";

const ACTION_YML = readFileSync(new URL("../../action.yml", import.meta.url), "utf8");
const declared = (parse(ACTION_YML) as { inputs: Record<string, { default?: string; description: string }> }).inputs;
const get = (values: Record<string, string>) => (name: string): string => values[name] ?? "";

describe("run option table", () => {
  it("action.yml's run inputs are exactly what the table generates (npm run gen:action-yml)", () => {
    assert.equal(ACTION_YML, actionYmlWithRunInputs(ACTION_YML));
  });

  it("every bench run flag is in the table, and every table entry is a bench run flag", () => {
    // How bench run prints (help, quiet, verbose) is the terminal's business, not a run option: the Action prints its own way.
    // --until-decided and its --base, --threshold, --alpha decide against a baseline: comparison, not run options (docs/verdict.md).
    const own = ["help", "quiet", "verbose", "until-decided", "base", "threshold", "alpha"];
    const flags = Object.keys(RUN_FLAGS).filter((flag) => !own.includes(flag)).sort();
    assert.deepEqual(flags, RUN_OPTIONS.map((spec) => spec.flag).sort());
  });

  it("every CLI option can be set from the Action, or the table says why not", () => {
    for (const spec of RUN_OPTIONS) {
      if (typeof spec.action === "string") {
        assert.ok(declared[spec.action], `--${spec.flag}: action.yml has no input '${spec.action}'`);
        assert.equal(INPUT_DEFAULTS[spec.action], String(declared[spec.action]?.default ?? ""), spec.action);
      } else {
        assert.ok(spec.action.none.length > 20, `--${spec.flag}: the reason the Action has no input is missing`);
      }
    }
    const inputs = new Set(RUN_OPTIONS.flatMap((spec) => (typeof spec.action === "string" ? [spec.action] : [])));
    assert.ok(inputs.has("network") && inputs.has("cpus") && inputs.has("memory"), "Docker limits reach the Action");
  });

  it("every table entry is in bench run --help with its default", () => {
    for (const spec of RUN_OPTIONS) {
      assert.match(RUN_HELP, new RegExp(`--${spec.flag}(?![\\w-])`), spec.flag);
      if (spec.shown) assert.ok(RUN_HELP.replace(/\s+/g, " ").includes(`(default ${spec.shown})`), `${spec.flag}: default ${spec.shown} not shown`);
    }
    assert.ok(!RUN_HELP.split("\n").some((line) => line.length > 100), "help lines fit 100 columns");
  });
});

/** The value each surface makes of one text, or the error it gives. */
function surfaces(flag: string, input: string, text: string): { cli: unknown; action: unknown } {
  let cli: unknown;
  try {
    // The Action states its defaults (parallel 1, results-dir Results; repeat is left empty, so until-decided keeps its own budget); the CLI leaves them to the SDK.
    cli = { parallel: 1, resultsDir: "Results", ...parseRunArgs(["Tasks", `--${flag}`, text]).options };
  } catch (error) {
    cli = error instanceof Error ? "error" : error;
  }
  const fromInputs = optionsFromInputs(get({ [input]: text }));
  return { cli, action: fromInputs.issues.length ? "error" : { runtime: "docker", ...fromInputs.options } };
}

describe("values are read by one rule on every surface", () => {
  const cases: [string, string, string[], string[]][] = [
    ["timeout", "timeout", ["1.5", "600", "10m", "2h", "3000000"], ["0", "-1", "x", "", "1e3", "10d"]],
    ["repeat", "repeat", ["1", "12"], ["0", "1.5", "-2", "x"]],
    ["subsample", "subsample", ["0.25", "1", "3"], ["0", "1.5", "-1"]],
    ["cpus", "cpus", ["0.5", "2"], ["0", "-1", "two"]],
    ["memory", "memory", ["512m", "2g", "1048576", "512mb", "2GB"], ["0", "2x", "-1g", "mb", "512bb"]],
    ["network", "network", ["none", "host"], ["nat", "NONE"]],
    ["shard", "shard", ["1/2", "2/2"], ["3/2", "0/1", "a/b"]],
    ["mount", "mount", ["/a:/b:ro"], ["a:b", "/a"]],
  ];
  for (const [flag, input, good, bad] of cases) {
    it(`--${flag} and input '${input}' accept and refuse the same texts, and make the same options`, () => {
      for (const text of good) {
        const { cli, action } = surfaces(flag, input, text);
        assert.notEqual(cli, "error", `--${flag} ${text}`);
        assert.deepEqual(action, cli, `${flag} ${text}`);
        assert.deepEqual(checkRunOptions(cli as never), [], `the SDK accepts what --${flag} ${text} made`);
      }
      for (const text of bad.filter((t) => t !== "")) {
        const { cli, action } = surfaces(flag, input, text);
        assert.equal(cli, "error", `--${flag} '${text}' should be refused`);
        assert.equal(action, "error", `input ${input} '${text}' should be refused`);
      }
    });
  }

  it("the SDK refuses what the flags refuse, naming the option", () => {
    assert.deepEqual(checkRunOptions({ timeout: 0, repeat: 1.5, docker: { cpus: -1, memory: "2x", network: "nat" as never }, subsample: 1.5 }), [
      "repeat: must be a whole number ≥ 1, got 1.5",
      "subsample: must be a fraction in (0, 1) or a whole count ≥ 1 (1 = one task), got 1.5",
      "timeout: must be a number of seconds > 0 (e.g. 600 or 1.5), got 0",
      "docker.network: must be one of bridge, none, host, got \"nat\"",
      "docker.cpus: must be a number > 0, got -1",
      "docker.memory: must be bytes or a size like 512m or 2g, got \"2x\"",
    ]);
    assert.deepEqual(checkRunOptions({ timeout: 1.5 }), [], "fractional seconds are fine everywhere");
    // Units are text syntax: an SDK caller who passes "10m" is told what a value must be, not shown 10m as an example.
    assert.deepEqual(checkRunOptions({ timeout: "10m" as never, usage: { maxCostUsd: "$1" as never } }), [
      "timeout: must be a number of seconds > 0 (e.g. 600 or 1.5), got \"10m\"",
      "usage.maxCostUsd: must be an amount in USD > 0 (e.g. 0.5), got \"$1\"",
    ]);
  });

  it("pass rates: 0.8, 80 and 80% mean 80 % in bench tabulate (rate.parse) and in the Action", () => {
    for (const text of ["0.8", "80", "80%"]) {
      assert.equal(rate.parse(text), 0.8, text);
      assert.equal(readInputs(get({ "min-pass-rate": text })).minPassRate, 0.8, text);
    }
    for (const text of ["101", "-1", "x", "120%"]) {
      assert.throws(() => rate.parse(text), { name: "OptionValueError" }, text);
      assert.throws(() => readInputs(get({ "min-pass-rate": text })), { message: new RegExp(`input 'min-pass-rate' must be ${rate.expected.replace(/[()[\]]/g, "\\$&")}`) });
    }
  });

  it("durations and sizes: units, and every surface's error names itself", () => {
    assert.equal(seconds.parse("90s"), 90);
    assert.equal(seconds.parse("10m"), 600);
    assert.equal(seconds.parse("1.5h"), 5400);
    assert.equal(size.parse("512m"), "512m");
    assert.throws(() => parseRunArgs(["Tasks", "--timeout", "0"]), { message: "--timeout: expected a number of seconds > 0 (e.g. 600, 1.5, 10m, 2h), got '0'" });
    assert.deepEqual(optionsFromInputs(get({ timeout: "0" })).issues, ["input 'timeout' must be a number of seconds > 0 (e.g. 600, 1.5, 10m, 2h), got \"0\""]);
  });

  it("the Docker runner reads sizes and mounts by the same rule as the flags (one implementation)", () => {
    for (const text of ["512m", "512mb", "2g", "1.5G", "1048576", "64k", "100b"]) {
      assert.equal(parseMemory(text), sizeBytes(text), text);
      assert.doesNotThrow(() => size.parse(text), text);
    }
    for (const text of ["0", "2x", "-1g", "512 m", "lots", "mb"]) {
      assert.throws(() => parseMemory(text), { name: "RunnerError" }, text);
      assert.throws(() => size.parse(text), { name: "OptionValueError" }, text);
    }
    for (const text of ["/a:/b", "/a:/b:ro", "a:/b:rw", "a:b", "/a", "/a:/b:rx", ":/b"]) {
      assert.equal(mount.accepts(text), (() => { try { parseMount(text); return true; } catch { return false; } })(), text);
    }
  });

  it("cross checks are worded per surface", () => {
    assert.throws(() => parseRunArgs(["Tasks", "--maintain", "--explore"]), { message: "--maintain, --explore are mutually exclusive" });
    assert.deepEqual(optionsFromInputs(get({ maintain: "true", improve: "true" })).issues, ["input 'maintain', input 'improve' are mutually exclusive"]);
    assert.deepEqual(optionsFromInputs(get({ "token-env": "TOK" })).issues, ["input 'token-env' needs input 'token-command'"]);
  });
});

describe("timers at Node's limit", () => {
  it("timerMs clamps to 2^31 − 1 ms, the longest a Node timer waits", () => {
    assert.equal(MAX_TIMER_MS, 2_147_483_647);
    assert.equal(timerMs(MAX_TIMER_MS), MAX_TIMER_MS);
    assert.equal(timerMs(MAX_TIMER_MS + 1), MAX_TIMER_MS);
    assert.equal(timerMs(3_000_000_000), MAX_TIMER_MS);
    assert.equal(timerMs(1500), 1500);
  });

  it("a timer past the limit would fire at once; the clamped one does not", async () => {
    const fired = (ms: number) => new Promise<boolean>((done) => {
      const timer = setTimeout(() => done(true), ms);
      setTimeout(() => { clearTimeout(timer); done(false); }, 50);
    });
    const previous = process.listeners("warning");
    process.removeAllListeners("warning"); // Node warns about the overflow it is about to show
    try {
      assert.equal(await fired(3_000_000_000), true, "Node fires an overflowing timer after 1 ms");
    } finally {
      for (const listener of previous) process.on("warning", listener);
    }
    assert.equal(await fired(timerMs(3_000_000_000)), false);
  });
});
