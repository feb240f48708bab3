/**
 * The verdict a verifier left in its logs folder (Harbor's convention): `reward.txt` holds one number,
 * `reward.json` an object of numbers (`reward`, or its only number, is the reward; all are metrics).
 * reward.txt wins when both exist. Only regular files are read, at most 1 MB each.
 */
import { lstat, readFile } from "node:fs/promises";
import { join } from "node:path";

/** A verifier's reward read from reward.txt / reward.json, or why there is none. */
export type RewardRead =
  | { ok: true; reward: number; metrics?: Record<string, number>; file: string }
  | { ok: false; reason: string };

const MAX_BYTES = 1 << 20;

async function readSmall(path: string): Promise<string | undefined> {
  const info = await lstat(path).catch(() => undefined);
  if (!info) return undefined;
  if (!info.isFile()) throw new Error(`${path.split("/").pop()} is not a regular file`);
  if (info.size > MAX_BYTES) throw new Error(`${path.split("/").pop()} is larger than 1 MB`);
  return readFile(path, "utf8");
}

const inRange = (value: number): boolean => Number.isFinite(value) && value >= 0 && value <= 1;
/** A decimal number as Python's float() reads it (Number() would also take "0x1", "0b1" and "0o1"). */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

function parseJson(text: string): { reward?: number; metrics: Record<string, number> } {
  const data = JSON.parse(text) as unknown;
  if (!data || typeof data !== "object" || Array.isArray(data)) throw new Error("reward.json is not a JSON object");
  const metrics: Record<string, number> = {};
  for (const [key, value] of Object.entries(data)) if (typeof value === "number") metrics[key] = value;
  const numbers = Object.values(metrics);
  const reward = typeof metrics.reward === "number" ? metrics.reward : numbers.length === 1 ? numbers[0] : undefined;
  return { ...(reward === undefined ? {} : { reward }), metrics };
}

/** Read the reward from `logsDir` (a host copy of the verifier's logs folder). */
export async function readReward(logsDir: string): Promise<RewardRead> {
  try {
    const text = await readSmall(join(logsDir, "reward.txt"));
    const json = await readSmall(join(logsDir, "reward.json"));
    if (text === undefined && json === undefined) return { ok: false, reason: "the verifier wrote no reward.txt or reward.json" };
    const parsed = json === undefined ? undefined : parseJson(json);
    let reward: number;
    let file: string;
    if (text !== undefined) {
      reward = DECIMAL.test(text.trim()) ? Number(text.trim()) : Number.NaN;
      if (!inRange(reward)) return { ok: false, reason: `reward.txt holds ${JSON.stringify(text.trim().slice(0, 40))}: expected a number in [0, 1]` };
      file = "reward.txt";
    } else {
      if (parsed?.reward === undefined) return { ok: false, reason: `reward.json has no "reward" number (and not exactly one number)` };
      reward = parsed.reward;
      if (!inRange(reward)) return { ok: false, reason: `reward.json's reward is ${reward}: expected a number in [0, 1]` };
      file = "reward.json";
    }
    const metrics = parsed && Object.keys(parsed.metrics).length ? { metrics: parsed.metrics } : {};
    return { ok: true, reward, file, ...metrics };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}
