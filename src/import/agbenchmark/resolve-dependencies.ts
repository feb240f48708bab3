/**
 * agbenchmark dependency names → the names of imported challenges. A name resolves to the challenge
 * with that data.json `name`, else to the challenge whose pytest class name (`Test` + name) it is:
 * AutoGPT's 2024–2025 trees name "WriteFile" in data.json and "TestWriteFile" in dependencies.
 * Else a name that is a same_task suite's prefix (2023 trees: "TestRevenueRetrieval") stays the
 * suite's name: the scenario loader resolves it to the suite, met when any member passed, as
 * agbenchmark 2023's single suite test was. A name that matches none of these is dropped with a
 * warning: agbenchmark's dependency plugin warns about it and runs the challenge ungated.
 * See docs/agbenchmark.md#dependency-names.
 */
import type { AgbChallenge } from "./read-challenges.ts";

export const CLASS_PREFIX = "Test";

export interface ResolvedDependencies {
  /** Challenge → the data.json names (or same_task suite prefixes) of its dependencies, in order, without duplicates. */
  names: Map<AgbChallenge, string[]>;
  warnings: string[];
}

export function resolveDependencies(challenges: readonly AgbChallenge[]): ResolvedDependencies {
  const byName = new Map<string, AgbChallenge>();
  const byClass = new Map<string, AgbChallenge>();
  const suites = new Map<string, AgbChallenge[]>();
  for (const c of challenges) {
    if (!byName.has(c.name)) byName.set(c.name, c);
    if (!byClass.has(`${CLASS_PREFIX}${c.name}`)) byClass.set(`${CLASS_PREFIX}${c.name}`, c);
    if (c.suite?.same_task) suites.set(c.suite.prefix, [...(suites.get(c.suite.prefix) ?? []), c]);
  }
  const names = new Map<AgbChallenge, string[]>();
  const warnings: string[] = [];
  for (const c of challenges) {
    const resolved: string[] = [];
    for (const dependency of c.dependencies) {
      const target = byName.get(dependency) ?? byClass.get(dependency);
      const suite = target === undefined ? suites.get(dependency) : undefined;
      if (suite?.includes(c)) {
        warnings.push(`${c.dataPath}: dependency "${dependency}" is this challenge's own suite; ignored`);
      } else if (suite !== undefined) {
        if (!resolved.includes(dependency)) resolved.push(dependency);
      } else if (target === undefined) {
        warnings.push(`${c.dataPath}: dependency "${dependency}" names no imported challenge; ignored (agbenchmark warns and runs ${c.name} ungated)`);
      } else if (!resolved.includes(target.name)) {
        resolved.push(target.name);
      }
    }
    names.set(c, resolved);
  }
  return { names, warnings };
}
