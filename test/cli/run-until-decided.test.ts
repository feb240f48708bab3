/** `bench run --until-decided`: real native runs, one repetition per look, stopping once the verdict is settled. */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { main } from "../../src/cli/main.ts";
import { parseRunArgs } from "../../src/cli/run-args.ts";
import { captureIO } from "../helpers/capture-io.ts";
import { result, tempDir, writeRun } from "../tabulate/results-fixture.ts";

/** 8 tasks whose agent prints `answer`; base: 3 repetitions of each, passing unless `status` says otherwise. */
async function workspace(answer: string, status: (task: number, rep: number) => "passed" | "failed" = () => "passed"): Promise<string> {
  const dir = await tempDir("bench-until-");
  await mkdir(join(dir, "Tasks", "T"), { recursive: true });
  await writeFile(join(dir, "Tasks", "T", "check.sh"), `echo "${answer}"\n`);
  const lines = Array.from({ length: 8 }, (_, i) => JSON.stringify({ id: `t${i}`, template: "T", command: "sh check.sh" }));
  await writeFile(join(dir, "Tasks", "math.jsonl"), `${lines.join("\n")}\n`);
  for (let i = 0; i < 8; i++) for (let rep = 0; rep < 3; rep++) await writeRun(join(dir, "Base"), result("math", `t${i}`, rep, { status: status(i, rep) }));
  return dir;
}

describe("bench run --until-decided", () => {
  it("stops after the first repetition when every task broke (p = 4⁻⁸: each pool of 3 passes + 1 failure gives head no pass with probability ¼)", async () => {
    const cwd = await workspace("wrong answer");
    const io = captureIO({ cwd });
    const code = await main(["run", "Tasks/math.jsonl", "--native", "--until-decided", "--base", "Base", "-r", "5"], io);
    assert.equal(code, 1, io.err());
    assert.match(io.err(), /until decided: look 1, 8 of at most 40 runs: Δ −100\.0 pp, p 0\.000015 \(this look needs ≤ 0\.0019\) → stop: regressed \(p 0\.000015 ≤ 0\.0019 at this look\)\n/);
    assert.match(io.out(), /\nVerdict: REGRESSED\. Tasks pass 100\.0 pp less often than on the base, more than chance explains\.\n/);
    assert.match(io.out(), /until decided: stopped at look 1, after 8 of at most 40 runs/);
    assert.ok(existsSync(join(cwd, "Results", "math", "t0", "0", "result.json")));
    assert.equal(existsSync(join(cwd, "Results", "math", "t0", "1")), false, "no second repetition was run");
  });

  it("runs the whole budget when nothing changed and the benchmark is too small to settle it", async () => {
    const cwd = await workspace("ALL TESTS PASSED !#!#");
    const io = captureIO({ cwd });
    const code = await main(["run", "Tasks/math.jsonl", "--native", "--until-decided", "--base", "Base", "-r", "2"], io);
    assert.equal(code, 0, io.err());
    assert.equal(io.err().match(/until decided: /g)?.length, 2);
    assert.match(io.err(), /until decided: look 1, 8 of at most 16 runs: Δ \+0\.0 pp, p 1\.0 \(this look needs ≤ 0\.013\) → more runs where they help most\n/);
    assert.match(io.err(), /until decided: look 2, 16 of at most 16 runs: Δ \+0\.0 pp, p 1\.0 \(this look needs ≤ 0\.045\) → stop: inconclusive \(budget of 16 runs spent\)\n/);
    assert.match(io.out(), /Verdict: INCONCLUSIVE\. No evidence of change/);
    assert.ok(existsSync(join(cwd, "Results", "math", "t7", "1", "result.json")));
    // The runs of look 1 were made by this invocation: none of them was resumed.
    assert.match(io.out(), /\(total 16, 0 resumed\)\n/);
    assert.equal(JSON.parse(await readFile(join(cwd, "Results", "run.json"), "utf8")).counts.resumed, 0);
  });

  it("trials go where the base is uncertain; run.json records the plan and the design; bench tabulate and bench compare give the loop's verdict", async () => {
    // Base: t0 and t1 passed 1 of 3, the other six 3 of 3. The head passes everything.
    const cwd = await workspace("ALL TESTS PASSED !#!#", (i, rep) => (i < 2 && rep > 0 ? "failed" : "passed"));
    const io = captureIO({ cwd });
    const code = await main(["run", "Tasks/math.jsonl", "--native", "--until-decided", "--base", "Base", "-r", "3"], io);
    assert.equal(code, 0, io.err());
    assert.match(io.err(), /look 3, 24 of at most 24 runs/);
    // Look 2 gave every task its second trial; look 3's 8 runs all went to the two uncertain tasks.
    assert.ok(existsSync(join(cwd, "Results", "math", "t0", "5", "result.json")));
    assert.ok(existsSync(join(cwd, "Results", "math", "t1", "5", "result.json")));
    assert.ok(existsSync(join(cwd, "Results", "math", "t2", "1", "result.json")));
    assert.equal(existsSync(join(cwd, "Results", "math", "t2", "2")), false);
    const manifest = JSON.parse(await readFile(join(cwd, "Results", "run.json"), "utf8"));
    assert.deepEqual(manifest.scenarios[0].trials, { t0: 6, t1: 6, t2: 2, t3: 2, t4: 2, t5: 2, t6: 2, t7: 2 });
    assert.deepEqual(manifest.untilDecided.looks.map((l: { runs: number }) => l.runs), [8, 16, 24]);
    const loopVerdict = io.out().match(/Verdict: .*\n/)?.[0];
    assert.ok(loopVerdict, io.out());

    const tab = captureIO({ cwd });
    assert.equal(await main(["tabulate", "Results", "--format", "json"], tab), 0, tab.err());
    const tabulation = JSON.parse(tab.out());
    assert.deepEqual(tabulation.suites[0].rows.map((r: { trials: unknown[] }) => r.trials.length), [6, 6, 2, 2, 2, 2, 2, 2]);
    assert.equal(tabulation.suites[0].counts.missing, 0, "trials never planned are not missing");
    assert.equal(tabulation.suites[0].percentage, 100);

    const cmp = captureIO({ cwd });
    await main(["compare", "Base", "Results"], cmp);
    assert.equal(cmp.out().match(/Verdict: .*\n/)?.[0], loopVerdict);
    assert.match(cmp.out(), /until decided: stopped at look 3, after 24 of at most 24 runs/);

    // A saved tabulation keeps the plan (rows of their own lengths) and the design.
    await writeFile(join(cwd, "head.json"), tab.out());
    const saved = captureIO({ cwd });
    await main(["compare", "Base", "head.json"], saved);
    assert.equal(saved.out().match(/Verdict: .*\n/)?.[0], loopVerdict);
    assert.match(saved.out(), /until decided: stopped at look 3/);
  });

  it("usage: --until-decided needs --base; --base, --threshold and --alpha need --until-decided", () => {
    assert.throws(() => parseRunArgs(["T", "--until-decided"]), { message: "--until-decided: needs --base RESULTS (a Results folder or tabulation JSON to decide against)" });
    assert.throws(() => parseRunArgs(["T", "--base", "B"]), { message: "--base: only with --until-decided" });
    assert.throws(() => parseRunArgs(["T", "--until-decided", "--base", "B", "--alpha", "0.9"]), { message: "--alpha: expected a number in (0, 0.5] (e.g. 0.05), got '0.9'" });
    assert.deepEqual(parseRunArgs(["T", "--until-decided", "--base", "B", "--threshold", "3"]).untilDecided, { base: "B", threshold: 3 });
  });
});
