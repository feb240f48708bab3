/**
 * Step 3: agbenchmark-style grounds from the scenario's `score`. The run passes when
 * (a) some file in `files` (default console_log.txt; `.ext` = every file with that extension in the run
 *     folder, recursively) contains EVERY `should_contain` string and NONE of `should_not_contain`
 *     (`case_sensitive` default true), and (b) `command`, when given, exited 0 within `timeout` seconds
 *     (default 60). The command runs in the verifier phase, in the sandbox (docs/verifier.md); here only
 *     its recorded outcome is read. Nothing the scenario or the agent wrote runs on the host.
 */
import { readdir } from "node:fs/promises";
import { join, relative } from "node:path";
import { readRunFile } from "../results/run-file.ts";
import type { GroundSpec, PhaseRecord } from "../types.ts";
import type { ScoredRun } from "./score-run.ts";

export const DEFAULT_GROUND_TIMEOUT_S = 60;

/** Do these grounds say anything we can check? (`answer` alone is informational.) */
export function hasGrounds(spec: GroundSpec | undefined): spec is GroundSpec {
  return !!spec && ((spec.should_contain?.length ?? 0) > 0 || (spec.should_not_contain?.length ?? 0) > 0 || !!spec.command);
}

export async function scoreGrounds(runDir: string, spec: GroundSpec, verifier?: PhaseRecord): Promise<ScoredRun> {
  const reasons: string[] = [];
  if ((spec.should_contain?.length ?? 0) > 0 || (spec.should_not_contain?.length ?? 0) > 0) {
    const reason = await checkFiles(runDir, spec);
    if (reason) reasons.push(reason);
  }
  if (spec.command) {
    const timeoutS = typeof spec.timeout === "number" ? spec.timeout : DEFAULT_GROUND_TIMEOUT_S;
    const reason = commandReason(verifier, timeoutS);
    if (reason) reasons.push(reason);
  }
  const success = reasons.length === 0;
  const score = success ? { success, source: "grounds" } : { success, source: "grounds", reason: reasons.join("; ") };
  return { status: success ? "passed" : "failed", score };
}

async function checkFiles(runDir: string, spec: GroundSpec): Promise<string | undefined> {
  const files = await resolveFiles(runDir, spec.files?.length ? spec.files : ["console_log.txt"]);
  if (files.size === 0) return `no file matched ${JSON.stringify(spec.files ?? ["console_log.txt"])}`;
  const fold = spec.case_sensitive === false ? (s: string) => s.toLowerCase() : (s: string) => s;
  const misses: string[] = [];
  for (const [file, content] of files) {
    const text = fold(content);
    const absent = (spec.should_contain ?? []).filter((s) => !text.includes(fold(s)));
    const present = (spec.should_not_contain ?? []).filter((s) => text.includes(fold(s)));
    if (absent.length === 0 && present.length === 0) return undefined;
    const parts = [];
    if (absent.length) parts.push(`lacks ${absent.map((s) => JSON.stringify(s)).join(", ")}`);
    if (present.length) parts.push(`contains ${present.map((s) => JSON.stringify(s)).join(", ")}`);
    misses.push(`${file} ${parts.join(" and ")}`);
  }
  return misses.join("; ");
}

/** Files the harness writes: a `.ext` glob means the agent's files, so these are only read when named. */
const HARNESS_FILES = new Set(["console_log.txt", "timestamp.txt", "result.json", "score.json", "run.sh"]);

/**
 * Texts by name relative to the run folder; `.ext` expands to every file ending in it (sorted), harness
 * files excluded. A name that resolves outside the run folder (an agent's symlink) matches nothing.
 */
async function resolveFiles(runDir: string, patterns: string[]): Promise<Map<string, string>> {
  const names = new Set<string>();
  let all: string[] | undefined;
  for (const pattern of patterns) {
    if (pattern.startsWith(".") && !pattern.includes("/") && pattern.length > 1 && pattern !== "..") {
      all ??= await listFiles(runDir);
      for (const f of all) if (f.endsWith(pattern) && !HARNESS_FILES.has(f)) names.add(f);
    } else names.add(pattern);
  }
  const out = new Map<string, string>();
  for (const name of names) {
    const text = await readRunFile(runDir, name);
    if (text !== undefined) out.set(name, text);
  }
  return out;
}

async function listFiles(runDir: string): Promise<string[]> {
  const entries = await readdir(runDir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(runDir, join(e.parentPath ?? e.path, e.name)))
    .sort();
}

/** Why the grounds' command did not pass, from its verifier-phase outcome; undefined when it exited 0. */
function commandReason(phase: PhaseRecord | undefined, timeoutS: number): string | undefined {
  if (!phase) return "command did not run (no verifier phase)";
  if (phase.error !== undefined) return `command could not run: ${phase.error}`;
  if (phase.timedOut) return `command timed out after ${timeoutS} s`;
  return phase.exitCode === 0 ? undefined : `command exited with ${phase.exitCode ?? "no exit code"}`;
}
