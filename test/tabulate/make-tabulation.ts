/** Test helper: build a Tabulation from compact strings, one per task: "PPF-" = passed, passed, failed, missing. */
import { assemble, buildSuite } from "../../src/tabulate/build-tabulation.ts";
import type { RunRecord } from "../../src/tabulate/read-results.ts";
import type { Tabulation, TrialStatus } from "../../src/tabulate/tabulation-types.ts";

const CODE: Record<string, TrialStatus> = { P: "passed", F: "failed", E: "error", T: "timeout", S: "skipped", "-": "missing" };

export function records(suite: string, tasks: Record<string, string>): RunRecord[] {
  const out: RunRecord[] = [];
  for (const [id, trials] of Object.entries(tasks)) {
    [...trials].forEach((code, rep) => {
      const status = CODE[code];
      if (!status) throw new Error(`bad trial code ${code}`);
      if (status !== "missing") out.push({ suite, id, rep, status, durationMs: 1000 * (rep + 1), score: null });
    });
  }
  return out;
}

export function makeTabulation(suites: Record<string, Record<string, string>>): Tabulation {
  const built = Object.entries(suites).map(([name, tasks]) => {
    const n = Math.max(...Object.values(tasks).map((t) => t.length));
    return buildSuite(name, records(name, tasks), n);
  });
  return assemble(built, ["test"]);
}

/** `count` tasks named t000.. each with the same trial string. */
export function uniform(count: number, trials: string, prefix = "t"): Record<string, string> {
  return Object.fromEntries(Array.from({ length: count }, (_, i) => [`${prefix}${String(i).padStart(3, "0")}`, trials]));
}
