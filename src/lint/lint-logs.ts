/** `bench lint`'s work: find the logs, code each (model or rules), a failed log reported, not fatal. docs/lint.md. */
import { readdir, stat } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { BenchError, ConfigError, describeError } from "../errors.ts";
import { LOG_FILE, readResult } from "../results/result-file.ts";
import { scoreAgbenchLog } from "../tabulate/agbench-log.ts";
import { writeJsonAtomic } from "../results/write-json-atomic.ts";
import { maskValue } from "../secrets/mask.ts";
import { runPool } from "../run/worker-pool.ts";
import type { ChatClient } from "./chat-client.ts";
import type { CodedLog, LintCode, LintReport } from "./lint-types.ts";
import { readLogExcerpt } from "./log-excerpt.ts";
import { modelCodes, summariseLog } from "./model-coder.ts";
import { ruleCodes } from "./rule-coder.ts";

const byPath = (a: string, b: string) => a.localeCompare(b, "en", { numeric: true });

/** The logs `paths` name: a file as it is, a folder as every console_log.txt under it (dot folders skipped). */
export async function findLogs(paths: readonly string[], cwd: string): Promise<string[]> {
  const issues: string[] = [];
  const logs: string[] = [];
  for (const path of paths) {
    const full = resolve(cwd, path);
    const info = await stat(full).catch(() => undefined);
    if (info === undefined) issues.push(`${path}: no such file or folder`);
    else if (info.isFile()) logs.push(full);
    else {
      const found = await logsUnder(full);
      if (found.length === 0) issues.push(`${path}: no ${LOG_FILE} under this folder`);
      logs.push(...found);
    }
  }
  if (issues.length > 0) throw new ConfigError("bench lint arguments", issues);
  return [...new Set(logs)];
}

async function logsUnder(dir: string): Promise<string[]> {
  const found: string[] = [];
  const entries = await readdir(dir, { withFileTypes: true });
  for (const entry of entries.sort((a, b) => byPath(a.name, b.name))) {
    if (entry.name.startsWith(".")) continue;
    if (entry.isDirectory()) found.push(...(await logsUnder(join(dir, entry.name))));
    else if (entry.isFile() && entry.name === LOG_FILE) found.push(join(dir, entry.name));
  }
  return found;
}

/**
 * `--only-failed`: the logs of runs that did not pass. A run's verdict is its result.json status, else
 * agbench's default scorer on the log (missing counts as not passed); a log not named console_log.txt
 * is always kept.
 */
export async function notPassed(files: readonly string[]): Promise<string[]> {
  const kept: string[] = [];
  for (const file of files) {
    if (basename(file) !== LOG_FILE) {
      kept.push(file);
      continue;
    }
    const result = await readResult(dirname(file));
    const passed = result ? result.status === "passed" : (await scoreAgbenchLog(dirname(file))).success === true;
    if (!passed) kept.push(file);
  }
  return kept;
}

/** How lintLogs codes: the coder, its model client and codebook, the cap, secrets, parallelism, progress. */
export interface LintOptions {
  /** Who codes: a model, or the built-in rules. */
  coder: "model" | "rules";
  /** For the model coder. */
  client?: ChatClient;
  /** The model's name (model coder). */
  model?: string;
  /** Codes to apply instead of open coding (model coder). */
  codebook?: readonly LintCode[];
  /** Ask for a one-sentence summary too (agbench does; default true). */
  summary?: boolean;
  /** Most bytes of a log sent to the model: its head and tail when longer. */
  maxBytes?: number;
  /** Masked in what is sent and in what is returned. */
  secrets?: readonly string[];
  /** Logs coded at once (default 1). */
  parallel?: number;
  /** Stops the coding. */
  signal?: AbortSignal;
  /** Called as each log is done, in the order they finish. */
  onDone?: (log: CodedLog, index: number) => void;
}

/** Codes every log; a log the model could not code has `error` set (the others go on). */
export async function lintLogs(files: readonly string[], options: LintOptions): Promise<CodedLog[]> {
  const out = new Array<CodedLog>(files.length);
  await runPool(files.map((file, index) => ({ file, index })), options.parallel ?? 1, async ({ file, index }) => {
    out[index] = await lintOne(file, options);
    options.onDone?.(out[index], index);
  }, options.signal);
  options.signal?.throwIfAborted();
  return out;
}

async function lintOne(file: string, options: LintOptions): Promise<CodedLog> {
  const secrets = options.secrets ?? [];
  const doc = { name: file, bytes: 0, lines: 0, sent_bytes: 0, omitted_lines: null as [number, number] | null };
  try {
    if (options.coder === "rules") {
      const codes = await ruleCodes(file, { secrets, ...(options.signal ? { signal: options.signal } : {}) });
      const { size } = await stat(file);
      return { doc: { ...doc, bytes: size }, summary: null, codes, error: null };
    }
    const excerpt = await readLogExcerpt(file, { ...(options.maxBytes ? { maxBytes: options.maxBytes } : {}), secrets, ...(options.signal ? { signal: options.signal } : {}) });
    Object.assign(doc, { bytes: excerpt.bytes, lines: excerpt.lines, sent_bytes: excerpt.sentBytes, omitted_lines: excerpt.omitted });
    const coder = { client: options.client!, model: options.model!, ...(options.codebook ? { codebook: options.codebook } : {}) };
    const summary = options.summary === false ? null : await summariseLog(excerpt, coder);
    const codes = await modelCodes(excerpt, coder);
    return { doc, summary, codes, error: null };
  } catch (error) {
    if (options.signal?.aborted) throw error;
    if (error instanceof BenchError || (error as NodeJS.ErrnoException).code !== undefined) return { doc, summary: null, codes: [], error: describeError(error) };
    throw error;
  }
}

/** Writes the `--out` report whole or not at all (temp file + rename), every string masked. */
export async function writeLintReport(path: string, report: LintReport, secrets: readonly string[] = []): Promise<void> {
  await writeJsonAtomic(path, maskValue(report, secrets));
}
