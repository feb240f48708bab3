/** Masking of secret values (ENV values and the host variables they reference). */

export const MASK = "***";
/** Shorter values are not masked: masking "1" or "true" would wreck every log without protecting anything. */
export const MIN_SECRET_LENGTH = 4;

/** Secrets worth masking, longest first so a secret containing another is masked whole. */
export function normaliseSecrets(values: Iterable<string>): string[] {
  const set = new Set<string>();
  for (const value of values) {
    if (value.length >= MIN_SECRET_LENGTH) set.add(value);
  }
  return [...set].sort((a, b) => b.length - a.length);
}

/** Replace every occurrence of every secret in `text`. */
export function maskText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of normaliseSecrets(secrets)) {
    if (out.includes(secret)) out = out.split(secret).join(MASK);
  }
  return out;
}

/** Deep-copy a JSON-like value with every string masked. */
export function maskValue<T>(value: T, secrets: readonly string[]): T {
  if (typeof value === "string") return maskText(value, secrets) as T;
  if (Array.isArray(value)) return value.map((item) => maskValue(item, secrets)) as T;
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[maskText(key, secrets)] = maskValue(item, secrets);
    return out as T;
  }
  return value;
}
