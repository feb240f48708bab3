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

export interface CommandInfo {
  summary: string;
  load: () => Promise<{ command: Command }>;
}

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;
