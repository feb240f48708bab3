/**
 * ENV file values as text, the way agbench hands them to a run (docs/migrating.md, "Running"): it
 * reads ENV.yaml with PyYAML, turns mappings and lists into `json.dumps(value)` and passes the rest
 * to docker-py, which writes `f"{key}={value}"`. So a run sees Python's text: `True`/`False`, floats
 * as `repr` gives them (`2.0`, `1e-05`, `1e+16`), and JSON with `", "` and `": "` between items and
 * every non-ASCII character escaped. Integers arrive as bigint (the ENV reader keeps them exact), so
 * `2` and `2.0` stay apart, as in Python.
 */

/** Python's `repr(float)`: the shortest digits that read back, fixed for exponents -4…15, else `1e+16`. */
export function pythonFloat(value: number): string {
  if (Number.isNaN(value)) return "nan";
  if (!Number.isFinite(value)) return value > 0 ? "inf" : "-inf";
  if (value === 0) return Object.is(value, -0) ? "-0.0" : "0.0";
  const [mantissa, exponentText] = value.toExponential().split("e") as [string, string];
  const sign = mantissa.startsWith("-") ? "-" : "";
  const digits = mantissa.replace("-", "").replace(".", "");
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 16) {
    const rest = digits.length > 1 ? `.${digits.slice(1)}` : "";
    return `${sign}${digits[0]}${rest}e${exponent < 0 ? "-" : "+"}${String(Math.abs(exponent)).padStart(2, "0")}`;
  }
  if (exponent < 0) return `${sign}0.${"0".repeat(-exponent - 1)}${digits}`;
  const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, "0");
  const fraction = digits.slice(exponent + 1);
  return `${sign}${whole}.${fraction || "0"}`;
}

const SHORT_ESCAPES: Record<string, string> = { '"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f" };

/** A string as Python's `json.dumps` writes it (ensure_ascii): anything outside space…`~` escaped, UTF-16 units as `\uXXXX`. */
function pythonJsonString(text: string): string {
  return `"${text.replace(/[^ -~]|["\\]/g, (ch) => SHORT_ESCAPES[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`)}"`;
}

/** Python's `json.dumps(value)` with its default separators, for what a YAML or JSON reader returns. */
export function pythonJsonDumps(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "number") {
    if (Number.isNaN(value)) return "NaN";
    if (!Number.isFinite(value)) return value > 0 ? "Infinity" : "-Infinity";
    return pythonFloat(value);
  }
  if (typeof value === "string") return pythonJsonString(value);
  if (Array.isArray(value)) return `[${value.map(pythonJsonDumps).join(", ")}]`;
  if (typeof value === "object") {
    return `{${Object.entries(value).map(([key, item]) => `${pythonJsonString(key)}: ${pythonJsonDumps(item)}`).join(", ")}}`;
  }
  return pythonJsonString(String(value));
}

/** One ENV value as a run sees it under agbench: strings as they are, null as "", scalars as Python's str(), the rest as json.dumps. */
export function pythonEnvText(value: unknown): string {
  if (typeof value === "string") return value;
  if (value === null || value === undefined) return "";
  if (typeof value === "boolean") return value ? "True" : "False";
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "number") return pythonFloat(value);
  return pythonJsonDumps(value);
}
