/**
 * agbench's three substitution forms → file → { find → replace }: per-file `substitutions`, legacy
 * `values` (same shape) and the flat `{ find: replace }` form, which applies to `scenario.py`.
 */
import { pointerSegment, safeRelativePath } from "./safe-path.ts";
import type { PlanIssue } from "./template-plan.ts";

export interface NormalisedSubstitutions {
  substitutions: Record<string, Record<string, string>>;
  /** JSON path of each file's entry, for messages about that file. */
  pointers: Map<string, string>;
  issues: PlanIssue[];
}

/** `raw` has passed the schema: an object whose values are strings or objects of strings. */
export function normaliseSubstitutions(raw: Record<string, unknown> | undefined, key: string): NormalisedSubstitutions {
  const out: NormalisedSubstitutions = { substitutions: {}, pointers: new Map(), issues: [] };
  if (raw === undefined) return out;
  const base = `/${key}`;
  const values = Object.values(raw);
  if (values.length === 0) return out;
  const flat = values.every((value) => typeof value === "string");
  if (!flat && !values.every((value) => typeof value === "object")) {
    out.issues.push({ pointer: base, message: "must map every file name to { find: replace }, or be a flat { find: replace } object of strings" });
    return out;
  }
  const files: [string, Record<string, string>, string][] = flat
    ? [["scenario.py", raw as Record<string, string>, base]]
    : Object.entries(raw as Record<string, Record<string, string>>).map(([file, map]) => [file, map, `${base}/${pointerSegment(file)}`]);
  for (const [file, map, pointer] of files) {
    const safe = safeRelativePath(file);
    if (!safe.ok || safe.path === "") {
      out.issues.push({ pointer, message: `substitution file ${safe.ok ? "must name a file" : safe.message}` });
      continue;
    }
    if (Object.hasOwn(out.substitutions, safe.path)) {
      out.issues.push({ pointer, message: `names the same file as an earlier entry: ${safe.path}` });
      continue;
    }
    if (Object.hasOwn(map, "")) {
      out.issues.push({ pointer, message: "find strings must not be empty" });
      continue;
    }
    out.substitutions[safe.path] = { ...map };
    out.pointers.set(safe.path, pointer);
  }
  return out;
}
