import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type History, readHistory } from "../../src/history/history-file.ts";
import { runModeFromFlags } from "../../src/history/run-mode.ts";
import { applyResults, updateHistory } from "../../src/history/update-history.ts";
import { result } from "../select/make-task.ts";

const empty: History = { regression: {}, successRate: {} };

describe("history", () => {
  it("T,T,T makes a regression test; F removes it", async () => {
    const root = await mkdtemp(join(tmpdir(), "history-"));
    for (const status of ["passed", "passed"] as const) await updateHistory(root, [result("TestWriteFile", status, { difficulty: "interface" })]);
    assert.deepEqual((await readHistory(root)).regression, {});
    await updateHistory(root, [result("TestWriteFile", "passed", { difficulty: "interface" })]);
    const regression = JSON.parse(await readFile(join(root, "regression_tests.json"), "utf8"));
    assert.deepEqual(regression, { TestWriteFile: { scenario: "suite", streak: 3, "success_%": 100, difficulty: "interface" } });
    await updateHistory(root, [result("TestWriteFile", "failed")]);
    assert.deepEqual(JSON.parse(await readFile(join(root, "regression_tests.json"), "utf8")), {});
    assert.deepEqual(JSON.parse(await readFile(join(root, "success_rate.json"), "utf8")), { TestWriteFile: [true, true, true, false] });
  });

  it("keeps the last 10 outcomes; skipped runs are not outcomes; error counts as a failure", () => {
    let history = empty;
    for (let i = 0; i < 12; i++) history = applyResults(history, [result("t", i % 2 ? "passed" : "error")]);
    history = applyResults(history, [result("t", "skipped")]);
    assert.deepEqual(history.successRate.t, [false, true, false, true, false, true, false, true, false, true]);
  });

  it("appends repetitions in order", () => {
    const history = applyResults(empty, [result("t", "failed", { rep: 1 }), result("t", "passed", { rep: 0 }), result("t", "passed", { rep: 2 })]);
    assert.deepEqual(history.successRate.t, [true, false, true]);
  });

  it("a broken history file is a ConfigError naming it", async () => {
    const root = await mkdtemp(join(tmpdir(), "history-"));
    await writeFile(join(root, "success_rate.json"), "{oops");
    await assert.rejects(readHistory(root), (error: Error) => error.message.startsWith(`Invalid ${join(root, "success_rate.json")}:\n  not valid JSON:`));
  });

  it("one reader for every caller: a misshapen file or entry is a ConfigError naming the file and the task ids", async () => {
    const root = await mkdtemp(join(tmpdir(), "history-"));
    await writeFile(join(root, "regression_tests.json"), '{"ok": {"scenario": "s", "streak": 3, "success_%": 100}, "bad": [1]}');
    await assert.rejects(readHistory(root), { name: "ConfigError", message: `Invalid ${join(root, "regression_tests.json")}:\n  "bad" is not an object` });
    await writeFile(join(root, "regression_tests.json"), "[]");
    await assert.rejects(readHistory(root), { message: `Invalid ${join(root, "regression_tests.json")}:\n  not a JSON object` });
    await writeFile(join(root, "regression_tests.json"), "{}");
    const many = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`t${i}`, "x"]));
    await writeFile(join(root, "success_rate.json"), JSON.stringify(many));
    const error = await readHistory(root).then(() => undefined, (e: unknown) => e as { issues: string[] });
    assert.deepEqual(error?.issues.slice(-2), ['"t9" is not a list of true, false or null', "… and 2 more"]);
  });

  it("agbenchmark's null outcomes are read and left out; a __proto__ task id stays a plain key", async () => {
    const root = await mkdtemp(join(tmpdir(), "history-"));
    await writeFile(join(root, "success_rate.json"), '{"t": [true, null, false], "__proto__": [true]}');
    const history = await readHistory(root);
    assert.deepEqual(history.successRate.t, [true, false]);
    assert.deepEqual(Object.keys(history.successRate), ["t", "__proto__"]);
    assert.deepEqual(history.regression, {});
  });

  it("run modes are mutually exclusive", () => {
    assert.equal(runModeFromFlags({ improve: true }), "improve");
    assert.equal(runModeFromFlags({}), undefined);
    assert.throws(() => runModeFromFlags({ maintain: true, explore: true }), {
      message: "Invalid options:\n  --maintain, --improve and --explore are mutually exclusive (got --maintain, --explore)",
    });
  });
});
