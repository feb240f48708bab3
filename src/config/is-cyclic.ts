/** True when YAML aliases make a parsed value contain itself (`a: &x [*x]`); such values cannot be merged or printed. */
export function isCyclic(value: unknown, ancestors: readonly object[] = []): boolean {
  if (typeof value !== "object" || value === null) return false;
  if (ancestors.includes(value)) return true;
  return Object.values(value).some((item) => isCyclic(item, [...ancestors, value]));
}
