import { notPassedReason } from "../sdk/index.ts";
import type { RunEvent, RunSummary } from "./bench.ts";
import type { ActionCore } from "./types.ts";

/** Live progress lines while runs finish (parallel runs interleave, so no groups here). */
export function progressLogger(core: ActionCore): (event: RunEvent) => void {
  return (event) => {
    switch (event.type) {
      case "plan":
        core.info(`Planned ${event.total} runs (${event.toRun} to run, ${event.resumed} already done) of ${event.scenarios.join(", ")}`);
        break;
      case "warning":
        core.warning(event.message);
        break;
      case "notice":
        core.info(event.message);
        break;
      case "run-end": {
        const r = event.result;
        core.info(`[${event.done}/${event.total}] ${r.status.padEnd(7)} ${r.scenario}/${r.id}#${r.rep} (${(r.durationMs / 1000).toFixed(1)} s)`);
        break;
      }
      case "aborted":
        core.warning(`Run aborted with ${event.pending} runs pending`);
        break;
      default:
        break;
    }
  };
}

/** One collapsed group per scenario, listing each run's outcome and why it did not pass. */
export function logScenarioGroups(core: ActionCore, summary: RunSummary): void {
  const byScenario = new Map<string, RunSummary["results"]>();
  for (const r of summary.results) byScenario.set(r.scenario, [...(byScenario.get(r.scenario) ?? []), r]);
  for (const [scenario, results] of byScenario) {
    const passed = results.filter((r) => r.status === "passed").length;
    core.startGroup(`${scenario}: ${passed}/${results.length} runs passed`);
    for (const r of results) {
      const why = r.status === "passed" ? "" : ` — ${notPassedReason(r)}`;
      core.info(`${r.status.padEnd(7)} ${r.id}#${r.rep} ${(r.durationMs / 1000).toFixed(1)} s${why}`);
    }
    core.endGroup();
  }
}
