/** A small Results tree for the HTML report tests: two suites, 3 trials, every status, a `<` in names. */
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { RunStatus } from "../../sdk/index.ts";

export const FIXTURE_RUNS: Record<string, Record<string, RunStatus[]>> = {
  coding: { sort_list: ["passed", "passed", "passed"], parse_json: ["passed", "failed", "passed"], "weird<id>": ["error", "timeout", "failed"] },
  web: { fetch_page: ["passed", "passed", "failed"], click_button: ["failed", "failed", "skipped"] },
};

/** Write result.json + console_log.txt for each run; returns the Results root. */
export async function writeFixture(runs: Record<string, Record<string, RunStatus[]>> = FIXTURE_RUNS): Promise<string> {
  const root = join(await mkdtemp(join(tmpdir(), "html-report-")), "Results");
  for (const [scenario, tasks] of Object.entries(runs)) {
    for (const [id, statuses] of Object.entries(tasks)) {
      for (const [rep, status] of statuses.entries()) {
        const dir = join(root, scenario, id, String(rep));
        await mkdir(dir, { recursive: true });
        await writeFile(join(dir, "console_log.txt"), `run ${id} <b>not bold</b>\n`);
        await writeFile(join(dir, "result.json"), JSON.stringify({
          schema: 1, scenario, id, rep, status, exitCode: status === "error" ? 1 : 0, timedOut: status === "timeout",
          startedAt: "2026-01-01T00:00:00.000Z", finishedAt: "2026-01-01T00:00:01.500Z", durationMs: 1500, attempts: 1,
          scenarioHash: "h", image: null, runner: "native", ...(status === "error" ? { error: "exit <1>" } : {}),
        }));
      }
    }
  }
  await writeFile(join(root, "run.json"), "{}");
  return root;
}
