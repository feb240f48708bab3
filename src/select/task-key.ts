/** Keys that identify a task across scenario files. */
import type { ScenarioInstance } from "../types.ts";

export function taskKey(task: { scenario: string; id: string }): string {
  return `${task.scenario}/${task.id}`;
}

export function where(task: ScenarioInstance): string {
  return `${task.source.file}:${task.source.line}`;
}

/** True when the scenario line carries `"<flag>": true` (suite options written by the importer). */
export function hasFlag(task: ScenarioInstance, flag: "same_task" | "reverse_order"): boolean {
  return task.extra[flag] === true;
}
