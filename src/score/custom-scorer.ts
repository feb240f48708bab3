/** Step 2a: a user scorer module exporting `score(runDir)` → ScoreResult | boolean (sync or async). */
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { ConfigError } from "../errors.ts";
import type { ScoreResult } from "../types.ts";

type ScoreFn = (runDir: string) => unknown;
const loaded = new Map<string, Promise<ScoreFn>>();

/** Load the module once per path (dynamic import; `.ts` works under tsx and Deno). */
export function loadScorer(path: string): Promise<ScoreFn> {
  const full = resolve(path);
  let pending = loaded.get(full);
  if (!pending) {
    pending = import(pathToFileURL(full).href).then(
      (mod: { score?: unknown; default?: { score?: unknown } }) => {
        const fn = typeof mod.score === "function" ? mod.score : mod.default?.score;
        if (typeof fn !== "function") throw new ConfigError("scorer", [`${path} does not export a function "score(runDir)"`]);
        return fn as ScoreFn;
      },
      (error: unknown) => {
        throw new ConfigError("scorer", [`${path} could not be loaded: ${(error as Error).message}`], { cause: error });
      },
    );
    loaded.set(full, pending);
  }
  return pending;
}

/** Normalise what a scorer returned; anything else is a scorer bug, reported as such. */
export function toScoreResult(value: unknown, source: string): ScoreResult {
  if (typeof value === "boolean") return { success: value, source };
  if (value && typeof value === "object" && typeof (value as ScoreResult).success === "boolean") {
    return { ...(value as ScoreResult), source };
  }
  throw new TypeError(`returned ${JSON.stringify(value) ?? String(value)}, expected a boolean or { success: boolean }`);
}

export async function runCustomScorer(path: string, runDir: string): Promise<ScoreResult> {
  const fn = await loadScorer(path);
  return toScoreResult(await fn(runDir), "scorer");
}
