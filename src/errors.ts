/** Base of every error bench-action throws on purpose; `code` is stable for programs to match on. */
export class BenchError extends Error {
  /** The error's class name. */
  override name = "BenchError";
  /** Stable code programs can match on (E_CONFIG, E_RUNNER, E_ABORTED, …). */
  readonly code: string;
  /** An error with `code`; `options.cause` keeps the error it wraps. */
  constructor(code: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
}

/** Bad input: lists every issue found (each names file:line and the JSON path where known). */
export class ConfigError extends BenchError {
  /** The error's class name. */
  override name = "ConfigError";
  /** Every issue found, each naming the file (and line and JSON path where known). */
  readonly issues: readonly string[];
  /** Issues found in `source` (e.g. "scenario file"); the message lists them all. */
  constructor(source: string, issues: readonly string[], options?: ErrorOptions) {
    super("E_CONFIG", `Invalid ${source}:\n  ${issues.join("\n  ")}`, options);
    this.issues = issues;
  }
}

/** The runtime (Docker engine, process spawn, image build) could not do what was asked. */
export class RunnerError extends BenchError {
  /** The error's class name. */
  override name = "RunnerError";
  /** A runtime failure; `options.cause` keeps the underlying error. */
  constructor(message: string, options?: ErrorOptions) {
    super("E_RUNNER", message, options);
  }
}

/** Work was stopped by an AbortSignal (SIGINT/SIGTERM in the CLI). */
export class AbortedError extends BenchError {
  /** The error's class name. */
  override name = "AbortedError";
  /** Work stopped by an AbortSignal. */
  constructor(message = "Run aborted", options?: ErrorOptions) {
    super("E_ABORTED", message, options);
  }
}

/** One line for a person: message plus the chain of causes. */
export function describeError(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && depth < 5; depth++) {
    if (current instanceof Error) {
      parts.push(current.message);
      current = current.cause;
    } else {
      parts.push(String(current));
      break;
    }
  }
  return parts.join("\n  caused by: ");
}
