import type { ComparisonView, HeadlineView } from "../sdk/index.ts";
import type { ActionCore } from "./types.ts";

export interface OutputValues {
  view: HeadlineView;
  comparison?: ComparisonView;
  tabulationPath: string;
  summaryPath: string;
  artifact?: { id?: number; url?: string };
  commentId?: number;
}

/** Every output action.yml declares; empty string when not applicable. */
export function writeOutputs(core: ActionCore, o: OutputValues): void {
  const set = (name: string, value: string | number | undefined): void => core.setOutput(name, value === undefined ? "" : String(value));
  set("pass-rate", Math.round(o.view.percentage * 100) / 10_000);
  set("passed", o.view.passed);
  set("failed", o.view.failed);
  set("errored", o.view.errored);
  set("flaky", o.view.flaky.length);
  set("regressions", o.comparison?.newFailures.length ?? 0);
  set("verdict", o.comparison?.verdict ?? "no-baseline");
  set("results-json", o.tabulationPath);
  set("summary-markdown", o.summaryPath);
  set("artifact-id", o.artifact?.id);
  set("artifact-url", o.artifact?.url);
  set("comment-id", o.commentId);
}
