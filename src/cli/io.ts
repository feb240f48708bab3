/** What a CLI command may touch: streams and the environment, injected so commands are testable. */
export interface CliIO {
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  stdin: NodeJS.ReadableStream;
  env: Record<string, string | undefined>;
  cwd: string;
  /** Aborted on SIGINT/SIGTERM by the entry point. */
  signal?: AbortSignal;
}

/** A command: parses its own argv, returns the exit code (0 ok, 1 some failed, 2 usage/config error). */
export type Command = (argv: string[], io: CliIO) => Promise<number>;

/** One parseArgs option as the commands declare it. */
export interface CommandOption {
  readonly type: "string" | "boolean";
  readonly short?: string;
  readonly multiple?: boolean;
  readonly default?: string | boolean;
}

export interface CommandInfo {
  summary: string;
  /** The module; `OPTIONS` is the parseArgs options object (test/cli/help-truth.test.ts checks the help against it). */
  load: () => Promise<{ command: Command; OPTIONS?: Readonly<Record<string, CommandOption>> }>;
}

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;
/** Stopped by SIGINT/SIGTERM (128 + SIGINT). */
export const EXIT_INTERRUPTED = 130;
