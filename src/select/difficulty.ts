/** agbenchmark difficulty levels, lowest first. */
export const DIFFICULTY_ORDER: readonly string[] = ["interface", "basic", "novice", "intermediate", "advanced", "expert", "human"];

/** Rank of a difficulty (-1 when unknown or absent). */
export function difficultyRank(difficulty: string | undefined): number {
  return difficulty === undefined ? -1 : DIFFICULTY_ORDER.indexOf(difficulty.toLowerCase());
}

/** The highest known difficulty in the list, or undefined when none is known. */
export function highestDifficulty(difficulties: readonly (string | undefined)[]): string | undefined {
  let best: string | undefined;
  for (const difficulty of difficulties) {
    if (difficultyRank(difficulty) > difficultyRank(best)) best = difficulty?.toLowerCase();
  }
  return best;
}
