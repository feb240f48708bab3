/**
 * How option values are read from text (CLI flags, Action inputs) and checked as data (SDK options):
 * one rule per kind, used by every surface, so that `--timeout 1.5`, `timeout: 1.5` and
 * `{ timeout: 1.5 }` are accepted or refused alike. See docs/options.md.
 */

/** A value that does not fit its kind; `expected` completes "expected …" / "must be …". */
export class OptionValueError extends Error {
  /** The error's class name. */
  override name = "OptionValueError";
  /** What a good value looks like ("a whole number ≥ 1"). */
  readonly expected: string;
  /** A value that is not `expected`. */
  constructor(expected: string) {
    super(expected);
    this.expected = expected;
  }
}

/** A kind of value: how text becomes it, and how an SDK caller's value is checked. */
export interface ValueKind<T> {
  /** What a good value looks like, for messages ("a whole number ≥ 1"). */
  expected: string;
  /** What a good SDK value looks like, when it differs from the text (`10m` is text only: SDK timeouts are numbers). */
  expectedValue?: string;
  /** Text → value; throws OptionValueError. */
  parse(text: string): T;
  /** True when `value` (from an SDK caller) is acceptable as it is. */
  accepts(value: unknown): boolean;
}

/** Node's timers hold at most 2^31 − 1 ms (about 24.8 days); longer delays fire at once. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** `ms` clamped to what a Node timer can wait (a longer delay would fire immediately). */
export function timerMs(ms: number): number {
  return Math.max(0, Math.min(ms, MAX_TIMER_MS));
}

/** A plain decimal number: digits, an optional fraction (`1.5`, `.5`); no sign, exponent or hex. */
const DECIMAL = /^\d+(\.\d+)?$|^\.\d+$/;

const bad = (expected: string): never => {
  throw new OptionValueError(expected);
};

/** A whole number ≥ min (and ≤ max when given), written in decimal digits. */
export function count(min: number, max = Number.MAX_SAFE_INTEGER): ValueKind<number> {
  const expected = max === Number.MAX_SAFE_INTEGER ? `a whole number ≥ ${min}` : `a whole number from ${min} to ${max}`;
  const accepts = (value: unknown): value is number => typeof value === "number" && Number.isSafeInteger(value) && value >= min && value <= max;
  return { expected, parse: (text) => (/^\d+$/.test(text.trim()) && accepts(Number(text)) ? Number(text) : bad(expected)), accepts };
}

/** A number > 0 (fractions allowed). */
export const positiveNumber: ValueKind<number> = {
  expected: "a number > 0",
  parse: (text) => {
    const value = DECIMAL.test(text.trim()) ? Number(text) : Number.NaN;
    return Number.isFinite(value) && value > 0 ? value : bad(positiveNumber.expected);
  },
  accepts: (value) => typeof value === "number" && Number.isFinite(value) && value > 0,
};

/** A change in percentage points ≥ 0 (a comparison's threshold): `5`, `2.5`. */
export const points: ValueKind<number> = {
  expected: "a number of percentage points ≥ 0 (e.g. 5 or 2.5)",
  parse: (text) => (DECIMAL.test(text.trim()) && Number.isFinite(Number(text)) ? Number(text) : bad(points.expected)),
  accepts: (value) => typeof value === "number" && Number.isFinite(value) && value >= 0,
};

/** A significance level (false-alarm rate) in (0, 0.5]: `0.05`. */
export const significance: ValueKind<number> = {
  expected: "a number in (0, 0.5] (e.g. 0.05)",
  parse: (text) => {
    const value = DECIMAL.test(text.trim()) ? Number(text) : Number.NaN;
    return significance.accepts(value) ? value : bad(significance.expected);
  },
  accepts: (value) => typeof value === "number" && value > 0 && value <= 0.5,
};

const UNIT_SECONDS: Record<string, number> = { "": 1, s: 1, m: 60, h: 3600 };

/** A duration in seconds > 0: `600`, `1.5`, or with a unit `90s`, `10m`, `2h`. Timers clamp it (timerMs). */
export const seconds: ValueKind<number> = {
  expected: "a number of seconds > 0 (e.g. 600, 1.5, 10m, 2h)",
  expectedValue: "a number of seconds > 0 (e.g. 600 or 1.5)",
  parse: (text) => {
    const match = /^(\d+(?:\.\d+)?|\.\d+)\s*(s|m|h)?$/i.exec(text.trim());
    const value = match ? Number(match[1]) * (UNIT_SECONDS[(match[2] ?? "").toLowerCase()] ?? Number.NaN) : Number.NaN;
    return Number.isFinite(value) && value > 0 ? value : bad(seconds.expected);
  },
  accepts: positiveNumber.accepts,
};

/** A fraction of tasks in (0, 1), or a whole count ≥ 1 (1 = one task). */
export const fractionOrCount: ValueKind<number> = {
  expected: "a fraction in (0, 1) or a whole count ≥ 1 (1 = one task)",
  parse: (text) => {
    const value = DECIMAL.test(text.trim()) ? Number(text) : Number.NaN;
    // agbench: "1.0" is a proportion of 100 %, every task (Infinity: a count no file reaches); "1" is one task.
    if (value === 1 && text.includes(".")) return Number.POSITIVE_INFINITY;
    return fractionOrCount.accepts(value) ? value : bad(fractionOrCount.expected);
  },
  accepts: (value) => typeof value === "number" && Number.isFinite(value) && ((value > 0 && value < 1) || (Number.isSafeInteger(value) && value >= 1)),
};

/**
 * A rate as a fraction in [0, 1]: `0.8`, `80%`, or `80` (a number above 1 is read as a percentage,
 * up to 100). Returned as a fraction.
 */
export const rate: ValueKind<number> = {
  expected: "a fraction in [0, 1] or a percentage (0.8, 80 or 80%)",
  parse: (text) => {
    const trimmed = text.trim();
    const percent = trimmed.endsWith("%");
    const body = percent ? trimmed.slice(0, -1).trim() : trimmed;
    const number = DECIMAL.test(body) ? Number(body) : Number.NaN;
    const value = percent || number > 1 ? number / 100 : number;
    return Number.isFinite(value) && value >= 0 && value <= 1 ? value : bad(rate.expected);
  },
  accepts: (value) => typeof value === "number" && Number.isFinite(value) && value >= 0 && value <= 1,
};

const SIZE_UNITS: Record<string, number> = { "": 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

/** A size: bytes, or with a unit `512k`, `512m`, `2g`, also `512mb` as Docker writes it (powers of 1024). Kept as written. */
export const size: ValueKind<string> = {
  expected: "bytes or a size like 512m or 2g",
  parse: (text) => (sizeBytes(text.trim()) === undefined ? bad(size.expected) : text.trim()),
  accepts: (value) => (typeof value === "number" && Number.isSafeInteger(value) && value > 0) || (typeof value === "string" && sizeBytes(value) !== undefined),
};

/** Bytes of a size text (`2g` → 2147483648), or undefined when it is not one. */
export function sizeBytes(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)([kmg]b?|b)?$/i.exec(text);
  if (!match) return undefined;
  const bytes = Math.floor(Number(match[1]) * (SIZE_UNITS[(match[2] ?? "").charAt(0).toLowerCase()] ?? Number.NaN));
  return Number.isSafeInteger(bytes) && bytes > 0 ? bytes : undefined;
}

/** One of a fixed list of words. */
export function oneOf<const T extends string>(values: readonly T[]): ValueKind<T> {
  const expected = `one of ${values.join(", ")}`;
  return {
    expected,
    parse: (text) => (values.includes(text.trim() as T) ? (text.trim() as T) : bad(expected)),
    accepts: (value) => typeof value === "string" && values.includes(value as T),
  };
}

/** Any non-empty text. */
export const text: ValueKind<string> = {
  expected: "a non-empty text",
  parse: (value) => (value.trim() === "" ? bad(text.expected) : value),
  accepts: (value) => typeof value === "string" && value !== "",
};

/** A JavaScript regular expression. */
export const regex: ValueKind<string> = {
  expected: "a valid regular expression",
  parse: (value) => {
    try {
      new RegExp(value);
      return value;
    } catch {
      return bad(regex.expected);
    }
  },
  accepts: (value) => value instanceof RegExp || (typeof value === "string" && isRegex(value)),
};

function isRegex(value: string): boolean {
  try {
    new RegExp(value);
    return true;
  } catch {
    return false;
  }
}

/** An environment variable name. */
export const envName: ValueKind<string> = {
  expected: "an environment variable name ([A-Za-z_][A-Za-z0-9_]*)",
  parse: (value) => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(value.trim()) ? value.trim() : bad(envName.expected)),
  accepts: (value) => typeof value === "string" && /^[A-Za-z_][A-Za-z0-9_]*$/.test(value),
};

/** `i/n` with 1 ≤ i ≤ n. */
export const shard: ValueKind<{ index: number; count: number }> = {
  expected: "i/n with 1 ≤ i ≤ n (e.g. 2/4)",
  parse: (value) => {
    const match = /^(\d+)\s*\/\s*(\d+)$/.exec(value.trim());
    const parsed = { index: Number(match?.[1]), count: Number(match?.[2]) };
    return match && shard.accepts(parsed) ? parsed : bad(shard.expected);
  },
  accepts: (value) => {
    const v = value as { index?: unknown; count?: unknown } | null;
    return typeof v === "object" && v !== null && Number.isSafeInteger(v.index) && Number.isSafeInteger(v.count) &&
      (v.count as number) >= 1 && (v.index as number) >= 1 && (v.index as number) <= (v.count as number);
  },
};

/** A bind mount `SRC:DST[:ro|rw]` with an absolute DST. */
export const mount: ValueKind<string> = {
  expected: "SRC:DST[:ro] with an absolute DST",
  parse: (value) => (mount.accepts(value.trim()) ? value.trim() : bad(mount.expected)),
  accepts: (value) => {
    if (typeof value !== "string") return false;
    const parts = value.split(":");
    return parts.length >= 2 && parts.length <= 3 && !!parts[0] && !!parts[1]?.startsWith("/") && (parts[2] === undefined || parts[2] === "ro" || parts[2] === "rw");
  },
};

/** An amount in US dollars > 0, with or without a leading `$`. */
export const usd: ValueKind<number> = {
  expected: "an amount in USD > 0 (e.g. 0.5 or $0.50)",
  expectedValue: "an amount in USD > 0 (e.g. 0.5)",
  parse: (value) => {
    const body = value.trim().replace(/^\$/, "");
    const amount = DECIMAL.test(body) ? Number(body) : Number.NaN;
    return Number.isFinite(amount) && amount > 0 ? amount : bad(usd.expected);
  },
  accepts: positiveNumber.accepts,
};

/** An http:// or https:// URL. */
export const httpUrl: ValueKind<string> = {
  expected: "an http(s) URL",
  parse: (value) => (httpUrl.accepts(value.trim()) ? value.trim() : bad(httpUrl.expected)),
  accepts: (value) => {
    if (typeof value !== "string") return false;
    try {
      const url = new URL(value);
      return url.protocol === "http:" || url.protocol === "https:";
    } catch {
      return false;
    }
  },
};
