/**
 * Results in agbench's layout (console_log.txt only, no result.json) tabulate with agbench's default
 * scorer. The expected Successes / Failures / Missing come from a Python re-statement of agbench's
 * default_scorer (shared with agbench-log-scan.test.ts) + default_tabulate footer (python/packages/agbench/src/agbench/tabulate_cmd.py: the
 * sentinel anywhere → True; else "SCENARIO.PY COMPLETE !#!#" → False; else, or no log → None),
 * run by python3 over the same tree.
 */
import { describe, it, before } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { tabulate } from "../../src/tabulate/tabulate.ts";
import { AGBENCH_DEFAULTS_PY } from "./agbench-reference.ts";
import { tempDir, writeAgbenchRun } from "./results-fixture.ts";

/** agbench's default_tabulate footer over the shared default_scorer (agbench-reference.ts). */
const AGBENCH_FOOTER = `${AGBENCH_DEFAULTS_PY}
runlogs = sys.argv[1]
all_results, max_instances = [], 0
for task_id in sorted(os.listdir(runlogs)):
    task_path = os.path.join(runlogs, task_id)
    if not os.path.isdir(task_path): continue
    results, instance = [task_id], 0
    while os.path.isdir(os.path.join(task_path, str(instance))):
        results.append(default_scorer(os.path.join(task_path, str(instance))))
        instance += 1
    max_instances = max(max_instances, instance)
    all_results.append(results)
for r in all_results:
    while len(r) < max_instances + 1: r.append(None)
footer = {"Successes": [], "Failures": [], "Missing": []}
for i in range(1, max_instances + 1):
    footer["Successes"].append(sum(1 for r in all_results if r[i] is True))
    footer["Failures"].append(sum(1 for r in all_results if r[i] is False))
    footer["Missing"].append(sum(1 for r in all_results if r[i] is None))
print(json.dumps(footer))
`;

describe("tabulate: agbench layout (console logs only)", () => {
  let root = "";
  before(async () => {
    root = await tempDir("bench-agb-");
    const s = "two_agents";
    const pass = "RUN.SH STARTING !#!#\nSCENARIO.PY STARTING !#!#\nALL TESTS PASSED !#!#\nSCENARIO.PY RUNTIME: 12.5 !#!#\n";
    const fail = "RUN.SH STARTING !#!#\nSCENARIO.PY COMPLETE !#!#\n";
    await writeAgbenchRun(root, s, "t1", 0, pass);
    await writeAgbenchRun(root, s, "t1", 1, fail);
    await writeAgbenchRun(root, s, "t1", 2, pass);
    await writeAgbenchRun(root, s, "t2", 0, "prefix ALL TESTS PASSED !#!# suffix\n"); // substring counts, as in agbench
    await writeAgbenchRun(root, s, "t2", 1, "all tests passed !#!#\n"); // case matters
    await writeAgbenchRun(root, s, "t2", 2, null); // folder without a log → missing
    await writeAgbenchRun(root, s, "t3", 0, `${"x".repeat(256 * 1024 - 5)}ALL TESTS PASSED !#!#\n`); // split across read chunks
    await writeAgbenchRun(root, s, "t3", 1, fail); // t3 has no trial 2 folder → missing
    await writeAgbenchRun(root, s, "t4", 0, "");
    await writeAgbenchRun(root, s, "t4", 1, pass);
    await writeAgbenchRun(root, s, "t4", 2, fail);
  });

  it("gives agbench's Successes / Failures / Missing per trial", async () => {
    const expected = JSON.parse(execFileSync("python3", ["-c", AGBENCH_FOOTER, `${root}/two_agents`], { encoding: "utf8" })) as Record<string, number[]>;
    assert.deepEqual(expected, { Successes: [3, 1, 1], Failures: [0, 2, 1], Missing: [1, 1, 2] });
    const t = await tabulate(`${root}/two_agents`);
    const per = t.suites[0]!.countsPerTrial;
    assert.deepEqual({ Successes: per.map((c) => c.passed), Failures: per.map((c) => c.failed), Missing: per.map((c) => c.missing) }, expected);
  });

  it("reads the same from the Results root, with agbench's runtime marker as duration", async () => {
    const t = await tabulate(root);
    assert.equal(t.suites[0]!.name, "two_agents");
    assert.deepEqual(t.suites[0]!.rows.map((r) => r.id), ["t1", "t2", "t3", "t4"]);
    assert.equal(t.suites[0]!.rows[0]!.trials[0]!.durationMs, 12_500);
    assert.equal(t.suites[0]!.rows[0]!.trials[1]!.durationMs, null);
    // rates t1 2/3, t2 1/3, t3 1/3, t4 1/3 → 5/12 = 41.67 %
    assert.ok(Math.abs(t.suites[0]!.percentage - (100 * 5) / 12) < 1e-9);
  });
});
