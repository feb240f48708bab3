// The verdict's threshold and alpha are read by one rule on every surface: bench compare, report, view,
// run --until-decided, the Action's inputs and the SDK (compare() refuses what the flags refuse).
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { parse } from "yaml";
import { readInputs } from "../../action/inputs.ts";
import { main } from "../../src/cli/main.ts";
import { parseRunArgs } from "../../src/cli/run-args.ts";
import { compare, DEFAULT_ALPHA, DEFAULT_THRESHOLD, DEFAULT_UNTIL_DECIDED_BUDGET } from "../../sdk/compare.ts";
import { fromRecords } from "../../src/tabulate/tabulate.ts";
import { captureIO } from "../helpers/capture-io.ts";

const cases = {
  threshold: { good: ["0", "2.5", "5", ".5", " 7 "], bad: ["", "-1", "x", "1e3", "0x10", "Infinity", "5pp"] },
  alpha: { good: ["0.05", "0.5", ".1"], bad: ["", "0", "0.6", "x", "5%", "-0.05"] },
} as const;

/** What `bench <argv>` says on standard error, and its exit code. */
async function cli(argv: string[]): Promise<{ code: number; err: string }> {
  const io = captureIO({ cwd: tmpdir() });
  const code = await main(argv, io);
  return { code, err: io.err() };
}

function actionValue(name: "threshold" | "alpha", text: string): number | string | undefined {
  try {
    return readInputs((input) => (input === name ? text : "")).comparison[name];
  } catch (error) {
    return (error as Error).message;
  }
}

describe("comparison options: one rule on every surface", () => {
  for (const [flag, { good, bad }] of Object.entries(cases) as [keyof typeof cases, (typeof cases)[keyof typeof cases]][]) {
    it(`--${flag} and input '${flag}' accept the same texts and make the same numbers`, () => {
      for (const text of good) {
        const run = parseRunArgs(["Tasks", "--until-decided", "--base", "B", `--${flag}=${text}`]).untilDecided?.[flag];
        assert.equal(run, Number(text), `bench run --${flag} ${text}`);
        assert.equal(actionValue(flag, text), run, `input ${flag}: ${text}`);
      }
    });

    it(`--${flag} and input '${flag}' refuse the same texts, each naming the value`, async () => {
      for (const text of bad) {
        const expected = flag === "threshold" ? "a number of percentage points ≥ 0 (e.g. 5 or 2.5)" : "a number in (0, 0.5] (e.g. 0.05)";
        const flagLine = `--${flag}: expected ${expected}, got '${text}'`;
        assert.throws(() => parseRunArgs(["Tasks", "--until-decided", "--base", "B", `--${flag}=${text}`]), { message: flagLine });
        const compared = await cli(["compare", "base", "head", `--${flag}=${text}`]);
        assert.deepEqual([compared.code, compared.err.split("\n")[0]], [2, `bench compare: ${flagLine}`]);
        if (flag === "threshold") {
          for (const command of ["report", "view"]) {
            const said = await cli([command, "Results", `--${flag}=${text}`]);
            assert.deepEqual([said.code, said.err.split("\n")[0]], [2, `bench ${command}: ${flagLine}`]);
          }
        }
        const input = text.trim() === "" ? undefined : `Invalid action inputs:\n  input '${flag}' must be ${expected}, got "${text.trim()}"`;
        assert.equal(actionValue(flag, text), input, `input ${flag}: '${text}'`);
      }
    });
  }

  it("the defaults are stated once: help, action.yml and compare() agree", async () => {
    const yml = parse(readFileSync(new URL("../../action.yml", import.meta.url), "utf8")) as { inputs: Record<string, { description: string; default: string }> };
    assert.match(yml.inputs["threshold"]?.description ?? "", new RegExp(`Empty = ${DEFAULT_THRESHOLD}\\.`));
    assert.match(yml.inputs["alpha"]?.description ?? "", new RegExp(`Empty = ${DEFAULT_ALPHA}\\.`));
    assert.deepEqual([yml.inputs["threshold"]?.default, yml.inputs["alpha"]?.default], ["", ""]);
    assert.match(yml.inputs["until-decided"]?.description ?? "", new RegExp(`empty repeat = ${DEFAULT_UNTIL_DECIDED_BUDGET}\\)`));
    assert.match(yml.inputs["repeat"]?.description ?? "", new RegExp(`\\(empty = ${DEFAULT_UNTIL_DECIDED_BUDGET}\\)`));
    const help = captureIO({ cwd: tmpdir() });
    await main(["compare", "--help"], help);
    assert.match(help.out(), new RegExp(`--threshold PP .*\\(default ${DEFAULT_THRESHOLD}\\)`));
    assert.match(help.out(), new RegExp(`--alpha A .*\\(default ${DEFAULT_ALPHA}\\)`));
    const empty = fromRecords([], []);
    const comparison = compare(empty, empty);
    assert.deepEqual([comparison.threshold, comparison.alpha], [DEFAULT_THRESHOLD, DEFAULT_ALPHA]);
  });

  it("compare() refuses what the flags refuse, naming each field", () => {
    const empty = fromRecords([], []);
    assert.throws(() => compare(empty, empty, { threshold: -1, alpha: 0.9 }), {
      name: "ConfigError",
      message: "Invalid compare options:\n  threshold: must be a number of percentage points ≥ 0 (e.g. 5 or 2.5), got -1\n  alpha: must be a number in (0, 0.5] (e.g. 0.05), got 0.9",
    });
    assert.equal(compare(empty, empty, { threshold: 2.5, alpha: 0.1 }).threshold, 2.5);
  });

  it("the Action passes threshold and alpha on; an invalid min-pass-rate is said once", () => {
    assert.deepEqual(readInputs((name) => ({ threshold: "2", alpha: "0.1" })[name] ?? "").comparison, { threshold: 2, alpha: 0.1 });
    assert.deepEqual(readInputs(() => "").comparison, {});
    assert.throws(() => readInputs((name) => ({ "fail-on": "threshold", "min-pass-rate": "101" })[name] ?? ""), {
      message: "Invalid action inputs:\n  input 'min-pass-rate' must be a fraction in [0, 1] or a percentage (0.8, 80 or 80%), got \"101\"",
    });
  });
});
