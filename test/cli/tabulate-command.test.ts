import { describe, it, before } from "node:test";
import assert from "node:assert/strict";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { main } from "../../src/cli/main.ts";
import { captureIO } from "../helpers/capture-io.ts";
import { result, tempDir, writeRun } from "../tabulate/results-fixture.ts";

async function bench(cwd: string, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIO({ cwd });
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err() };
}

describe("bench tabulate / compare / merge / score", () => {
  let cwd = "";
  before(async () => {
    cwd = await tempDir("bench-cli-");
    // base: 3 of 4 pass; head: 1 of 4 pass
    for (const [root, statuses] of [["base", ["passed", "passed", "passed", "failed"]], ["head", ["passed", "failed", "failed", "failed"]]] as const) {
      for (const [i, status] of statuses.entries()) await writeRun(join(cwd, root), result("s", `t${i}`, 0, { status }));
    }
  });

  it("--help for each command", async () => {
    for (const name of ["tabulate", "compare", "merge", "score"]) {
      const r = await bench(cwd, name, "--help");
      assert.equal(r.code, 0);
      assert.ok(r.out.startsWith(`Usage: bench ${name} `), r.out);
    }
  });

  it("tabulate prints text by default and each format on request", async () => {
    const text = await bench(cwd, "tabulate", "base");
    assert.equal(text.code, 0);
    assert.match(text.out, /^== s ==\n\nTask Id {4}Trial 0 Success  Trial 0 Time\n/);
    assert.match((await bench(cwd, "tabulate", "base", "--format", "csv")).out, /^Task Id,Trial 0 Success,Trial 0 Time,Suite,/);
    assert.match((await bench(cwd, "tabulate", "base", "-f", "md")).out, /\| s \| 4 \| 1 \| \*\*75\.0%\*\* \|/);
    assert.match((await bench(cwd, "tabulate", "base", "-f", "junit")).out, /^<\?xml/);
    assert.equal(JSON.parse((await bench(cwd, "tabulate", "base", "-f", "agbenchmark")).out).metrics.percentage, 75);
  });

  it("--min-pass-rate: exit 1 below, 0 at or above (fraction or percent)", async () => {
    assert.equal((await bench(cwd, "tabulate", "base", "--min-pass-rate", "0.75")).code, 0);
    const low = await bench(cwd, "tabulate", "base", "--min-pass-rate", "80%");
    assert.equal(low.code, 1);
    assert.equal(low.err, "bench tabulate: pass rate 75.0 % is below --min-pass-rate 80.0 %\n");
    assert.equal((await bench(cwd, "tabulate", "base", "--min-pass-rate", "abc")).code, 2);
  });

  it("--out writes a file that tabulate and compare read back", async () => {
    const r = await bench(cwd, "tabulate", "base", "-f", "json", "--out", "out/base.json");
    assert.equal(r.code, 0);
    assert.equal(r.err, `wrote ${join(cwd, "out/base.json")}\n`);
    const saved = JSON.parse(await readFile(join(cwd, "out/base.json"), "utf8")) as { version: number };
    assert.equal(saved.version, 1);
    const again = await bench(cwd, "tabulate", "out/base.json", "-f", "csv");
    assert.equal(again.out, (await bench(cwd, "tabulate", "base", "-f", "csv")).out);
  });

  it("usage errors exit 2 with a hint", async () => {
    assert.deepEqual(await bench(cwd, "tabulate"), { code: 2, out: "", err: "bench tabulate: missing <results>: a Results folder or a tabulation JSON file\nRun 'bench tabulate --help' for usage.\n" });
    assert.equal((await bench(cwd, "tabulate", "base", "-f", "pdf")).err, "bench tabulate: unknown --format 'pdf' (one of text, csv, json, md, junit, agbenchmark, agbenchmark-2023-09)\nRun 'bench tabulate --help' for usage.\n");
    const missing = await bench(cwd, "tabulate", "nope");
    assert.equal(missing.code, 2);
    assert.equal(missing.err, `bench tabulate: Invalid tabulate input:\n  ${join(cwd, "nope")}: no such file or folder\n`);
  });

  it("compare: folder vs saved JSON, md sentence first, --fail-on-regression", async () => {
    // 4 tasks × 1 trial can never be significant (the most extreme outcome has p = 2/2⁴): inconclusive
    await bench(cwd, "tabulate", "base", "-f", "json", "--out", "base.json");
    const md = await bench(cwd, "compare", "base.json", "head", "--format", "md");
    assert.equal(md.code, 0);
    assert.match(md.out, /^### Benchmark comparison\n\n🟡 \*\*Inconclusive\*\*: too few runs to tell: with 4 tasks no change could be shown; add tasks or trials\.\n/);
    // 8 tasks: all pass in base, none in head → p = 2/2⁸ = 0.0078
    for (let i = 0; i < 8; i++) {
      await writeRun(join(cwd, "base8"), result("s", `t${i}`, 0, { status: "passed" }));
      await writeRun(join(cwd, "head8"), result("s", `t${i}`, 0, { status: "failed" }));
    }
    const json = JSON.parse((await bench(cwd, "compare", "base8", "head8", "-f", "json", "--threshold", "60")).out) as { threshold: number; verdict: string; pValue: number };
    assert.equal(json.threshold, 60);
    assert.equal(json.verdict, "regressed");
    assert.equal(json.pValue, 2 / 256);
    const failed = await bench(cwd, "compare", "base8", "head8", "--fail-on-regression");
    assert.equal(failed.code, 1);
    assert.equal(failed.err, "bench compare: regressed against the base: Δ −100.0 pp, 0 new failures\n");
    assert.equal((await bench(cwd, "compare", "base", "head", "--fail-on-regression")).code, 0);
    assert.match((await bench(cwd, "compare", "base8", "head8")).out, /^Verdict: REGRESSED\. Tasks pass 100\.0 pp less often/);
    assert.equal((await bench(cwd, "compare", "base")).err, "bench compare: expected <base> and <head>, got 1 argument(s)\nRun 'bench compare --help' for usage.\n");
  });

  it("merge: needs --out; fails on duplicates with exit 2", async () => {
    assert.equal((await bench(cwd, "merge", "base")).err, "bench merge: missing --out FILE (use --out - for standard output)\nRun 'bench merge --help' for usage.\n");
    const dup = await bench(cwd, "merge", "base", "head", "--out", "m.json");
    assert.equal(dup.code, 2);
    assert.match(dup.err, /^bench merge: Invalid results:\n  run s\/t0\/0 appears in more than one input/);
    const ok = await bench(cwd, "merge", "base", "--out", "-", "-f", "csv");
    assert.equal(ok.code, 0);
    assert.match(ok.out, /^Task Id,/);
  });

  it("merge -f agbenchmark marks is_regression from every input's regression_tests.json", async () => {
    const dir = await tempDir("bench-cli-merge-reg-");
    await writeRun(join(dir, "shard1"), result("s", "a", 0, { status: "passed" }));
    await writeRun(join(dir, "shard2"), result("s", "b", 0, { status: "passed" }));
    await writeRun(join(dir, "shard2"), result("s", "c", 0, { status: "failed" }));
    await writeFile(join(dir, "shard2", "regression_tests.json"), JSON.stringify({ b: { difficulty: "basic", data_path: "s/b" } }));
    const r = await bench(dir, "merge", "shard1", "shard2", "--out", "-", "-f", "agbenchmark");
    assert.equal(r.code, 0, r.err);
    const tests = (JSON.parse(r.out) as { tests: Record<string, { is_regression: boolean }> }).tests;
    assert.deepEqual(Object.fromEntries(Object.entries(tests).map(([id, t]) => [id, t.is_regression])), { a: false, b: true, c: false });
  });

  it("score: re-scores with --scorer and lists changes", async () => {
    const dir = await tempDir("bench-cli-score-");
    await writeRun(dir, result("s", "t", 0, { status: "failed", score: { success: false, source: "default" } }), "42\n");
    await writeFile(join(dir, "scorer.mjs"), `export const score = () => true;\n`);
    const r = await bench(dir, "score", ".", "--scorer", "scorer.mjs", "--no-custom-tabulate");
    assert.deepEqual(r, { code: 0, out: "Re-scored 1 run(s); 0 kept the runner's status; 1 changed.\n  s/t/0: failed → passed\n", err: "" });
  });
});
