/** Runs `bin/bench.js` as a child process and captures everything it prints. */
import { spawn, type ChildProcess } from "node:child_process";
import { resolve } from "node:path";

export const BENCH = resolve(import.meta.dirname, "../../bin/bench.js");

export interface CliRun {
  child: ChildProcess;
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

/** Start `bench <args>` in `cwd` with `env` added to the host environment. */
export function startBench(args: string[], cwd: string, env: Record<string, string> = {}): CliRun {
  const child = spawn(process.execPath, [BENCH, ...args], { cwd, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk: Buffer) => void (stdout += chunk.toString("utf8")));
  child.stderr?.on("data", (chunk: Buffer) => void (stderr += chunk.toString("utf8")));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((done) => {
    child.on("close", (code, signal) => done({ code, signal, stdout, stderr }));
  });
  return { child, done };
}

/** Run `bench <args>` to the end. */
export function bench(args: string[], cwd: string, env: Record<string, string> = {}) {
  return startBench(args, cwd, env).done;
}
