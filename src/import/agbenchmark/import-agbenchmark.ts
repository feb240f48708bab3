/**
 * `bench import agbenchmark`: challenge folders → one scenario JSONL (`<out>/agbenchmark.jsonl`), a
 * template folder per challenge (`<out>/Templates/<name>/`: agent.sh, .bench/task, workspace/ from
 * artifacts_in) and a verifier folder (`<out>/Verifiers/<name>/`: grounds.json, custom_python/; with
 * the shared `<out>/Verifiers/grade.py`). Each run executes the user's agent command; then the verifier phase, with the
 * checks uploaded only then, grades it (docs/verifier.md). `mock` templates copy artifacts_out
 * instead (the one case where artifacts_out reach the agent: the mock is the oracle), proving each
 * challenge is solvable. same_task suite members share one template and one verifier folder.
 */
import { cp, mkdir, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { ConfigError } from "../../errors.ts";
import { renderAgentScript } from "./agent-script.ts";
import { GRADE_PY } from "./grade-script.ts";
import { groundWarnings } from "./ground-warnings.ts";
import { type AgbChallenge, readChallenges } from "./read-challenges.ts";
import { resolveDependencies } from "./resolve-dependencies.ts";

/** Options of importAgbenchmark: the agent command (or `mock`) and the scenario file's name. */
export interface ImportAgbenchmarkOptions {
  /** Shell command run in workspace/ with $BENCH_TASK set; required unless `mock`. */
  agentCommand?: string;
  /** Copy artifacts_out instead of running an agent. */
  mock?: boolean;
  /** Scenario (JSONL file) name; default "agbenchmark". */
  scenarioName?: string;
}

/** What importAgbenchmark wrote: the JSONL file, the task count, warnings and the skipped data.json files. */
export interface ImportResult {
  /** Path of the scenario JSONL written. */
  jsonl: string;
  /** Tasks written. */
  count: number;
  /** Things worth saying that did not stop the import. */
  warnings: string[];
  /** data.json files skipped as agbenchmark skips them (under deprecated/ or library/). */
  ignored: string[];
}

export const MOCK_COMMAND = 'cp -R "$BENCH_ROOT/.bench/artifacts_out/." .';

const exists = (path: string) => stat(path).then(() => true, () => false);
const safeName = (name: string) => name.replace(/[^A-Za-z0-9._-]/g, "_");

/** Where a challenge's files come from: the suite folder for same_task suites, else its own folder. */
const homeOf = (c: AgbChallenge) => (c.suite?.same_task ? c.suite.dir : c.dir);
const templateOf = (c: AgbChallenge) => safeName(c.suite?.same_task ? c.suite.prefix : c.name);

async function writeTemplate(dest: string, members: AgbChallenge[], options: ImportAgbenchmarkOptions): Promise<void> {
  const first = members[0]!;
  const home = homeOf(first);
  await rm(dest, { recursive: true, force: true });
  await mkdir(join(dest, ".bench"), { recursive: true });
  await mkdir(join(dest, "workspace"), { recursive: true });
  await writeFile(join(dest, ".bench", "task"), first.task);
  if (await exists(join(home, "artifacts_in"))) await cp(join(home, "artifacts_in"), join(dest, "workspace"), { recursive: true });
  if (options.mock && (await exists(join(home, "artifacts_out")))) {
    await cp(join(home, "artifacts_out"), join(dest, ".bench", "artifacts_out"), { recursive: true });
  }
  const script = renderAgentScript({
    agentCommand: options.mock ? MOCK_COMMAND : options.agentCommand!,
    source: first.suite?.same_task ? `${first.suite.prefix} (same_task suite)` : first.dataPath,
  });
  await writeFile(join(dest, "agent.sh"), script, { mode: 0o755 });
}

/** The grader files: never in the template, so the agent never sees them. */
async function writeVerifier(dest: string, members: AgbChallenge[]): Promise<void> {
  const home = homeOf(members[0]!);
  await rm(dest, { recursive: true, force: true });
  await mkdir(dest, { recursive: true });
  if (await exists(join(home, "custom_python"))) await cp(join(home, "custom_python"), join(dest, "custom_python"), { recursive: true });
  const grounds = { members: members.map((m) => ({ id: safeName(m.name), ground: m.ground })) };
  await writeFile(join(dest, "grounds.json"), `${JSON.stringify(grounds, null, 2)}\n`);
}

/** Seconds the verifier may take (python evals included). */
export const VERIFY_TIMEOUT_S = 300;

function scenarioLine(c: AgbChallenge, dependencies: string[], warnings: string[]): Record<string, unknown> {
  warnings.push(...groundWarnings(c.ground, c.name));
  const line: Record<string, unknown> = { id: safeName(c.name), template: `Templates/${templateOf(c)}`, command: "sh agent.sh" };
  if (c.cutoff !== undefined) line.timeout = c.cutoff;
  if (c.category.length) line.category = c.category;
  if (c.difficulty !== undefined) line.difficulty = c.difficulty;
  if (dependencies.length) line.dependencies = dependencies.map(safeName);
  if (c.suite) line.suite = c.suite.prefix;
  if (c.suite?.same_task) line.same_task = true;
  if (c.suite?.reverse_order) line.reverse_order = true;
  // The checks and the ground stay out of the run folder: a fresh sandbox over a copy of the workspace grades it.
  line.verify = {
    files: ["Verifiers/grade.py", `Verifiers/${templateOf(c)}`], command: 'python3 "$BENCH_TESTS/grade.py"', mode: "separate",
    timeout: VERIFY_TIMEOUT_S, env: { AGB_TASK: safeName(c.name) },
  };
  return line;
}

/** Import every challenge under `challengesDir` into `outDir`. */
export async function importAgbenchmark(challengesDir: string, outDir: string, options: ImportAgbenchmarkOptions): Promise<ImportResult> {
  if (!options.mock && !options.agentCommand?.trim()) {
    throw new ConfigError("options", ["--agent-command is required (or --mock to copy artifacts_out)"]);
  }
  const { challenges, ignored } = await readChallenges(challengesDir);
  const seen = new Map<string, string>();
  const issues: string[] = [];
  for (const c of challenges) {
    const id = safeName(c.name);
    if (seen.has(id)) issues.push(`${c.dataPath}: name "${c.name}" is also used by ${seen.get(id)}`);
    seen.set(id, c.dataPath);
  }
  if (issues.length) throw new ConfigError("agbenchmark challenges", issues);
  const groups = new Map<string, AgbChallenge[]>();
  for (const c of challenges) groups.set(templateOf(c), [...(groups.get(templateOf(c)) ?? []), c]);
  for (const [name, members] of groups) {
    await writeTemplate(join(outDir, "Templates", name), members, options);
    await writeVerifier(join(outDir, "Verifiers", name), members);
  }
  // One grader script for every challenge: each verify lists it before the challenge's own folder.
  await writeFile(join(outDir, "Verifiers", "grade.py"), GRADE_PY);
  const resolved = resolveDependencies(challenges);
  const warnings: string[] = [...resolved.warnings];
  const lines = challenges.map((c) => JSON.stringify(scenarioLine(c, resolved.names.get(c) ?? [], warnings)));
  const jsonl = join(outDir, `${options.scenarioName ?? "agbenchmark"}.jsonl`);
  await writeFile(jsonl, `${lines.join("\n")}\n`);
  return { jsonl, count: challenges.length, warnings, ignored };
}
