/** Labels on every container bench-action creates: `bench clean` and the Action's post step find them by these. */
export const LABEL_RUN_ID = "bench-action.run-id";
/** The container label holding the scenario's name. */
export const LABEL_SCENARIO = "bench-action.scenario";
/** The container label holding the task's id. */
export const LABEL_TASK = "bench-action.task";
