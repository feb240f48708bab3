/** `bench run --until-decided`: real native runs, one repetition per look, stopping once the verdict is settled. */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { main } from "../../src/cli/main.ts";
import { parseRunArgs } from "../../src/cli/run-args.ts";
import { captureIO } from "../helpers/capture-io.ts";
import { result, tempDir, writeRun } from "../tabulate/results-fixture.ts";

/** 8 tasks whose agent prints `answer`; base: 3 passing repetitions of each. */
async function workspace(answer: string): Promise<string> {
  const dir = await tempDir("bench-until-");
  await mkdir(join(dir, "Tasks", "T"), { recursive: true });
  await writeFile(join(dir, "Tasks", "T", "check.sh"), `echo "${answer}"\n`);
  const lines = Array.from({ length: 8 }, (_, i) => JSON.stringify({ id: `t${i}`, template: "T", command: "sh check.sh" }));
  await writeFile(join(dir, "Tasks", "math.jsonl"), `${lines.join("\n")}\n`);
  for (let i = 0; i < 8; i++) for (let rep = 0; rep < 3; rep++) await writeRun(join(dir, "Base"), result("math", `t${i}`, rep));
  return dir;
}

describe("bench run --until-decided", () => {
  it("stops after the first repetition when every task broke (p = 4⁻⁸: each pool of 3 passes + 1 failure gives head no pass with probability ¼)", async () => {
    const cwd = await workspace("wrong answer");
    const io = captureIO({ cwd });
    const code = await main(["run", "Tasks/math.jsonl", "--native", "--until-decided", "--base", "Base", "-r", "5"], io);
    assert.equal(code, 1, io.err());
    assert.match(io.err(), /until decided: 1 repetition\(s\) per task: Δ −100\.0 pp, p 0\.000015 \(this look needs ≤ 0\.0019\) → stop: regressed \(p 0\.000015 ≤ 0\.0019 at this look\)\n/);
    assert.match(io.out(), /\nVerdict: REGRESSED\. Regressed: tasks pass 100\.0 pp less often than on the base, more than chance explains\.\n/);
    assert.match(io.out(), /until decided: stopped after 1 of at most 5 repetitions/);
    assert.ok(existsSync(join(cwd, "Results", "math", "t0", "0", "result.json")));
    assert.equal(existsSync(join(cwd, "Results", "math", "t0", "1")), false, "no second repetition was run");
  });

  it("runs the whole budget when nothing changed and the benchmark is too small to settle it", async () => {
    const cwd = await workspace("ALL TESTS PASSED !#!#");
    const io = captureIO({ cwd });
    const code = await main(["run", "Tasks/math.jsonl", "--native", "--until-decided", "--base", "Base", "-r", "2"], io);
    assert.equal(code, 0, io.err());
    assert.equal(io.err().match(/until decided: /g)?.length, 2);
    assert.match(io.err(), /until decided: 2 repetition\(s\) per task: Δ \+0\.0 pp, p 1\.0 \(this look needs ≤ 0\.045\) → stop: inconclusive \(budget of 2 trials per task reached\)\n/);
    assert.match(io.out(), /Verdict: INCONCLUSIVE\. No evidence of change/);
    assert.ok(existsSync(join(cwd, "Results", "math", "t7", "1", "result.json")));
  });

  it("usage: --until-decided needs --base; --base, --threshold and --alpha need --until-decided", () => {
    assert.throws(() => parseRunArgs(["T", "--until-decided"]), { message: "--until-decided: needs --base RESULTS (a Results folder or tabulation JSON to decide against)" });
    assert.throws(() => parseRunArgs(["T", "--base", "B"]), { message: "--base: only with --until-decided" });
    assert.throws(() => parseRunArgs(["T", "--until-decided", "--base", "B", "--alpha", "0.9"]), { message: "--alpha: expected a number in (0, 0.5], got '0.9'" });
    assert.deepEqual(parseRunArgs(["T", "--until-decided", "--base", "B", "--threshold", "3"]).untilDecided, { base: "B", threshold: 3 });
  });
});
