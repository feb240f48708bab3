/** Artifact names: one per shard so matrix jobs never collide; the report job finds them all. */
export function artifactNameFor(base: string, shard?: { index: number; count: number }): string {
  return shard ? `${base}-shard-${shard.index}-of-${shard.count}` : base;
}

/** Does `name` hold results for `base` (the unsharded artifact or any shard of it)? */
export function isResultsArtifact(base: string, name: string): boolean {
  if (name === base) return true;
  if (!name.startsWith(`${base}-shard-`)) return false;
  return /^\d+-of-\d+$/.test(name.slice(base.length + "-shard-".length));
}
