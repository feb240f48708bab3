/**
 * Embedding bench-action in your own script: run a Tasks folder natively, tabulate, print suite %.
 * Runs unchanged under Node and Deno:
 *   node --import tsx examples/embed/embed.ts [resultsDir]
 *   npx deno run -A examples/embed/embed.ts [resultsDir]
 * In your project, import from "bench-action" (npm) or "jsr:@bench-action/sdk" instead of the relative path.
 */
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { runScenarios, tabulate, type RunEvent } from "../../sdk/index.ts";

const tasks = fileURLToPath(new URL("./tasks/", import.meta.url));
const resultsDir = process.argv[2] ?? join(await mkdtemp(join(tmpdir(), "bench-embed-")), "Results");

const summary = await runScenarios(tasks, {
  runtime: "native",
  resultsDir,
  parallel: 2,
  timeout: 60,
  onEvent: (event: RunEvent) => {
    if (event.type === "run-end") console.log(`[${event.done}/${event.total}] ${event.result.status} ${event.result.scenario}/${event.result.id}`);
  },
});
const tabulation = await tabulate(summary.resultsDir);
for (const suite of tabulation.suites) {
  console.log(`suite ${suite.name}: ${suite.percentage.toFixed(1)}% (${suite.counts.passed}/${suite.counts.total} trials passed)`);
}
console.log(`overall: ${tabulation.overall.percentage.toFixed(1)}%`);
console.log(`results: ${summary.resultsDir}`);
