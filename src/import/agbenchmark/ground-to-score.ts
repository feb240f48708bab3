/** agbenchmark `ground` → our grounds (`score`), with files placed where the imported run writes them. */
import type { GroundSpec } from "../../types.ts";
import type { AgbGround } from "./read-challenges.ts";
import { evalOutputName } from "./agent-script.ts";

const isExtPattern = (file: string) => file.startsWith(".") && !file.includes("/") && file.length > 1;

export interface ScoreMapping {
  score: GroundSpec;
  warnings: string[];
}

export function groundToScore(ground: AgbGround, name: string): ScoreMapping {
  const type = ground.eval?.type ?? "file";
  const files = ground.files ?? [];
  const score: GroundSpec = {};
  const warnings: string[] = [];
  if (ground.answer !== undefined) score.answer = ground.answer;
  if (ground.should_contain?.length) score.should_contain = ground.should_contain;
  if (ground.should_not_contain?.length) score.should_not_contain = ground.should_not_contain;
  if (ground.case_sensitive !== undefined) score.case_sensitive = ground.case_sensitive;
  if (ground.eval) score.eval = ground.eval;
  if (type === "python") {
    score.files = [...new Set(files.map((f) => (isExtPattern(f) ? ".bench-eval" : `eval/${evalOutputName(f)}`)))];
  } else if (type === "pytest") {
    score.files = ["eval/pytest.bench-eval"];
  } else {
    score.files = files.map((f) => (isExtPattern(f) ? f : `workspace/${f}`));
    if (type === "llm") warnings.push(`${name}: eval type "llm" is not supported; scored by should_contain/should_not_contain only`);
    else if (type !== "file") warnings.push(`${name}: unknown eval type "${type}"; scored as "file"`);
  }
  if ((type === "python" || type === "pytest") && !score.should_contain?.length && !score.should_not_contain?.length) {
    score.should_contain = ["Output:"];
  }
  return { score, warnings };
}
