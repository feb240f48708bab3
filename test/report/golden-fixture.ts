/** The Tabulation every renderer golden file is made from: two suites, every status, reasons with characters to escape. */
import { assemble, buildSuite } from "../../src/tabulate/build-tabulation.ts";
import type { RunRecord } from "../../src/tabulate/read-results.ts";
import type { Tabulation } from "../../src/tabulate/tabulation-types.ts";

function rec(suite: string, id: string, rep: number, status: RunRecord["status"], durationMs: number | null, extra: Partial<RunRecord> = {}): RunRecord {
  return { suite, id, rep, status, durationMs, score: null, ...extra };
}

export function goldenTabulation(): Tabulation {
  const code = [
    rec("code", "fizzbuzz", 0, "passed", 12_300, { category: ["code"], difficulty: "basic", score: 1 }),
    rec("code", "fizzbuzz", 1, "passed", 11_000, { category: ["code"], difficulty: "basic" }),
    rec("code", "fizzbuzz", 2, "passed", 10_400, { category: ["code"], difficulty: "basic" }),
    rec("code", "sort_list", 0, "passed", 20_000, { difficulty: "intermediate" }),
    rec("code", "sort_list", 1, "failed", 21_500, { difficulty: "intermediate", reason: 'expected "1,2" <got> 2,1 & more' }),
    rec("code", "sort_list", 2, "timeout", 600_000, { difficulty: "intermediate", reason: "timed out after 600 s" }),
    rec("code", "web_app", 0, "error", 1_200, { difficulty: "advanced", reason: "exit code 2" }),
    rec("code", "web_app", 1, "failed", 30_000, { difficulty: "advanced" }),
    // web_app trial 2: missing
  ];
  const qa = [
    rec("qa", "capital_fr", 0, "passed", 3_000, { category: ["retrieval"], difficulty: "novice" }),
    rec("qa", "capital_fr", 1, "passed", 2_500, { category: ["retrieval"], difficulty: "novice" }),
    rec("qa", "capital_fr", 2, "passed", 2_000, { category: ["retrieval"], difficulty: "novice" }),
    rec("qa", "dep_task", 0, "skipped", null, { reason: "dependency sort_list failed" }),
    rec("qa", "dep_task", 1, "skipped", null, { reason: "dependency sort_list failed" }),
    rec("qa", "dep_task", 2, "skipped", null, { reason: "dependency sort_list failed" }),
  ];
  return assemble([buildSuite("qa", qa, 3), buildSuite("code", code, 3)], ["Results"]);
}
