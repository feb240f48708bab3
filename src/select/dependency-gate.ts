/**
 * Runtime gate for dependencies: a run waits until the same repetition of each dependency has a
 * result, and is skipped (with a reason naming the dependency) unless every one of them passed; a
 * same_task suite named as a dependency is met when any of its members passed.
 * Works with a worker pool taking units in topological order: a waiting run's dependencies were
 * handed out earlier, so they finish without it. Dependencies outside `ordered` do not gate.
 */
import type { RunResult, RunStatus, ScenarioInstance } from "../types.ts";
import { buildRequirements, type Requirements } from "./dependency-graph.ts";
import { taskKey } from "./task-key.ts";

/** Whether a task runs, or is skipped with the reason. */
export type GateDecision = { run: true } | { run: false; reason: string };

/** Decides at run time whether a task's dependencies passed; a task whose dependency did not is skipped. */
export interface DependencyGate {
  /** Resolves once every dependency of (scenario, rep) has a recorded result. */
  waitFor(scenario: ScenarioInstance, rep?: number): Promise<GateDecision>;
  /** Record a terminal result (also resumed and skipped ones). */
  record(result: Pick<RunResult, "scenario" | "id" | "rep" | "status"> | RunResult): void;
  /** The full result recorded for (task, rep), once there is one; undefined after close(). */
  resultOf(task: { scenario: string; id: string }, rep: number): Promise<RunResult | undefined>;
  /** Release every waiter with `{ run: false }` (abort). */
  close(reason?: string): void;
}

/** `dependencies: false` (from `--no-dep`/`--test`) gives a gate that always says run. */
export function createDependencyGate(ordered: readonly ScenarioInstance[], options: { dependencies?: boolean } = {}): DependencyGate {
  const requirements: Requirements = options.dependencies === false ? new Map() : buildRequirements(ordered, { ignoreUnknown: true });
  const byKey = new Map(ordered.map((task) => [taskKey(task), task]));
  const statuses = new Map<string, RunStatus>();
  const full = new Map<string, RunResult>();
  const waiters = new Map<string, ((status: RunStatus | undefined) => void)[]>();
  let closed: string | undefined;
  const unitKey = (task: { scenario: string; id: string }, rep: number) => `${taskKey(task)}#${rep}`;

  const statusOf = (key: string): Promise<RunStatus | undefined> => {
    const known = statuses.get(key);
    if (known !== undefined || closed !== undefined) return Promise.resolve(known);
    return new Promise((resolve) => waiters.set(key, [...(waiters.get(key) ?? []), resolve]));
  };

  return {
    async waitFor(scenario, rep = 0) {
      const task = byKey.get(taskKey(scenario));
      for (const requirement of task ? requirements.get(task) ?? [] : []) {
        const statuses: RunStatus[] = [];
        for (const dep of requirement.tasks) {
          const status = await statusOf(unitKey(dep, rep));
          if (status === undefined) return { run: false, reason: closed ?? "aborted" };
          statuses.push(status);
        }
        if (!requirement.any && statuses[0] !== "passed") {
          return { run: false, reason: `dependency ${requirement.tasks[0]!.id} did not pass (${statuses[0]})` };
        }
        if (requirement.any && !statuses.includes("passed")) {
          const each = requirement.tasks.map((dep, i) => `${dep.id} ${statuses[i]}`).join(", ");
          return { run: false, reason: `dependency suite ${requirement.name}: no member passed (${each})` };
        }
      }
      return { run: true };
    },
    record(result) {
      const key = unitKey(result, result.rep);
      statuses.set(key, result.status);
      if ("schema" in result) full.set(key, result);
      for (const resolve of waiters.get(key) ?? []) resolve(result.status);
      waiters.delete(key);
    },
    async resultOf(task, rep) {
      const key = unitKey(task, rep);
      await statusOf(key);
      return full.get(key);
    },
    close(reason = "aborted") {
      closed = reason;
      for (const list of waiters.values()) for (const resolve of list) resolve(undefined);
      waiters.clear();
    },
  };
}
