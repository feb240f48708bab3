/**
 * Per-task flags with false-discovery control (docs/verdict.md): each paired task gets an exact
 * conditional test (the stratified test on that task alone: Fisher's exact test for pass/fail, two-sided
 * by distance from the expected count); Benjamini–Hochberg over all paired tasks at level α. Only a task
 * whose q ≤ α is flagged: "fixed" (passes more often), "newly flaky" (always passed in base, sometimes
 * now), "new failure" (any other significant drop). Every other task whose rate moved is listed as
 * "changed, not significant".
 */
import { benjaminiHochberg } from "./multiple-testing.ts";
import { meanOf, type TaskSamples } from "./samples.ts";
import { stratifiedTest } from "./stratified-test.ts";

/** One task whose pass rate changed between base and head, with its own and its adjusted p-value. */
export interface TaskChange {
  /** The task's suite. */
  suite: string;
  /** The task's id. */
  id: string;
  /** Mean value (pass rate) in base and head, fractions. */
  base: number;
  /** Mean value in the head, a fraction. */
  head: number;
  /** The task's own two-sided p-value. */
  p: number;
  /** Benjamini–Hochberg adjusted p-value over all paired tasks. */
  q: number;
}

export interface TaskFlags {
  newFailures: TaskChange[];
  fixed: TaskChange[];
  newlyFlaky: TaskChange[];
  changedNotSignificant: TaskChange[];
}

export function flagTasks(tasks: readonly (TaskSamples & { suite: string; id: string })[], alpha: number, draws?: number): TaskFlags {
  const p = tasks.map((t) => stratifiedTest([t], draws).p);
  const q = benjaminiHochberg(p);
  const out: TaskFlags = { newFailures: [], fixed: [], newlyFlaky: [], changedNotSignificant: [] };
  tasks.forEach((t, i) => {
    const change: TaskChange = { suite: t.suite, id: t.id, base: meanOf(t.base), head: meanOf(t.head), p: p[i]!, q: q[i]! };
    if (change.base === change.head) return;
    if (change.q > alpha) out.changedNotSignificant.push(change);
    else if (change.head > change.base) out.fixed.push(change);
    else if (change.base === 1 && change.head > 0) out.newlyFlaky.push(change);
    else out.newFailures.push(change);
  });
  return out;
}
