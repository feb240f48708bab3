/** AgentBench override semantics: mappings merge key by key (siblings kept), anything else replaces. */

export function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function deepMerge(base: unknown, override: unknown): unknown {
  if (!isMapping(base) || !isMapping(override)) return structuredClone(override);
  const out: Record<string, unknown> = structuredClone(base);
  for (const [key, value] of Object.entries(override)) out[key] = key in out ? deepMerge(out[key], value) : structuredClone(value);
  return out;
}
