/** Base of every error bench-action throws on purpose; `code` is stable for programs to match on. */
export class BenchError extends Error {
  override name = "BenchError";
  readonly code: string;
  constructor(code: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
}

/** Bad input: lists every issue found (each names file:line and the JSON path where known). */
export class ConfigError extends BenchError {
  override name = "ConfigError";
  readonly issues: readonly string[];
  constructor(source: string, issues: readonly string[], options?: ErrorOptions) {
    super("E_CONFIG", `Invalid ${source}:\n  ${issues.join("\n  ")}`, options);
    this.issues = issues;
  }
}

/** The runtime (Docker engine, process spawn, image build) could not do what was asked. */
export class RunnerError extends BenchError {
  override name = "RunnerError";
  constructor(message: string, options?: ErrorOptions) {
    super("E_RUNNER", message, options);
  }
}

/** Work was stopped by an AbortSignal (SIGINT/SIGTERM in the CLI). */
export class AbortedError extends BenchError {
  override name = "AbortedError";
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
