/**
 * Renders runScenarios events. On a TTY: a live view redrawn in place (counts, ETA, the running tasks
 * with their elapsed times) with each failure printed above it as it happens. Without a TTY: plain
 * lines, one per finished run. `quiet` prints only the end; `verbose` also every start and, at the
 * end, every failure (no cap). README.md (CLI) describes it.
 */
import type { RunEvent, RunStatus, RunSummary } from "../../sdk/run.ts";
import { addUsage, usageLine } from "../../sdk/usage.ts";
import type { CliIO } from "./io.ts";
import { notPassedReason } from "../results/not-passed.ts";
import { FAILURE_LIST_CAP, failureList } from "./run-failures.ts";

const STATUSES: RunStatus[] = ["passed", "failed", "error", "timeout", "skipped"];
/** Running tasks listed under the bar (more are counted in one line). */
const MAX_RUNNING_SHOWN = 8;
const TICK_MS = 1000;

export type Verbosity = "quiet" | "normal" | "verbose";

export function formatSeconds(ms: number): string {
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const s = Math.round(ms / 1000);
  return s < 3600 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s` : `${Math.floor(s / 3600)}h${String(Math.floor(s / 60) % 60).padStart(2, "0")}m`;
}

export function countsLine(counts: Record<RunStatus, number>): string {
  return STATUSES.map((status) => `${status} ${counts[status]}`).join(" · ");
}

export interface ProgressOptions {
  now?: () => number;
  verbosity?: Verbosity;
  /** Redraw the live view every second while runs are going (default true on a TTY). */
  tick?: boolean;
}

export class Progress {
  readonly #io: CliIO;
  readonly #tty: boolean;
  readonly #now: () => number;
  readonly #verbosity: Verbosity;
  readonly #tick: boolean;
  readonly #counts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<RunStatus, number>;
  /** Running runs, key → start time, in start order. */
  readonly #running = new Map<string, number>();
  #total = 0;
  #done = 0;
  #started = 0;
  /** Lines of the live view now on screen (0 = none). */
  #shown = 0;
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(io: CliIO, options: ProgressOptions | (() => number) = {}) {
    const opts = typeof options === "function" ? { now: options } : options;
    this.#io = io;
    this.#verbosity = opts.verbosity ?? "normal";
    this.#tty = io.stdout.isTTY === true && this.#verbosity !== "quiet";
    this.#now = opts.now ?? Date.now;
    this.#tick = opts.tick ?? true;
  }

  readonly onEvent = (event: RunEvent): void => {
    const quiet = this.#verbosity === "quiet";
    switch (event.type) {
      case "warning": return this.#line(`warning: ${event.message}`, true);
      case "notice": return quiet ? undefined : this.#line(`note: ${event.message}`, true);
      case "plan":
        this.#total = event.toRun;
        this.#started = this.#now();
        if (this.#tty && this.#tick && event.toRun > 0) this.#timer = setInterval(() => this.#redraw(), TICK_MS).unref();
        return quiet ? undefined : this.#line(`Plan: ${event.total} run(s) of ${event.scenarios.join(", ") || "no scenario"}; ${event.resumed} already done, ${event.toRun} to run`);
      case "run-start": {
        const key = `${event.scenario}/${event.id}#${event.rep}`;
        if (event.attempt === 1) this.#running.set(key, this.#now());
        if (event.attempt > 1 && !quiet) return this.#line(`retry ${key} (attempt ${event.attempt})`);
        if (this.#verbosity === "verbose" && !this.#tty) return this.#line(`start ${key}`);
        return this.#redraw();
      }
      case "run-end": {
        const r = event.result;
        this.#running.delete(`${r.scenario}/${r.id}#${r.rep}`);
        this.#done = event.done;
        this.#counts[r.status]++;
        const bad = r.status === "failed" || r.status === "error" || r.status === "timeout";
        const line = `[${event.done}/${event.total}] ${r.status.padEnd(7)} ${r.scenario}/${r.id}#${r.rep}  ${formatSeconds(r.durationMs)}${bad ? `  ${notPassedReason(r)}` : ""}`;
        // A TTY shows failures as they happen and the rest in the live view; plain output lists every run.
        if (quiet || (this.#tty && !bad && this.#verbosity !== "verbose")) return this.#redraw();
        return this.#line(line);
      }
      case "run-interrupted":
        this.#running.delete(`${event.scenario}/${event.id}#${event.rep}`);
        return quiet ? undefined : this.#line(`interrupted ${event.scenario}/${event.id}#${event.rep} (redone on resume)`);
      case "run-skip-done":
      case "aborted":
        return;
    }
  };

  /** Stop the live view (the run ended or threw). */
  stop(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
    this.#erase();
  }

  /** The last words: per-status counts, the runs that did not pass and why, and where the results are. */
  finish(summary: RunSummary): void {
    this.stop();
    const out = this.#io.stdout;
    if (summary.dryRun) {
      const done = new Map(summary.results.map((r) => [`${r.scenario}/${r.id}#${r.rep}`, r.status]));
      const leftAlone = new Set((summary.unscored ?? []).map((u) => `${u.scenario}/${u.id}#${u.rep}`));
      for (const unit of summary.plan) {
        const key = `${unit.scenario}/${unit.id}#${unit.rep}`;
        const status = done.get(key);
        out.write(status ? `done (${status}) ${key}\n` : leftAlone.has(key) ? `left as is (agbench's, no verdict) ${key}\n` : `would run ${key}\n`);
      }
      const adopted = summary.adopted ? `, ${summary.adopted} adopted` : "";
      const unscored = leftAlone.size ? `, ${leftAlone.size} left as is` : "";
      out.write(`Dry run: ${summary.plan.length} planned, ${summary.resumed} already done${adopted}${unscored}; nothing was run or written.\n`);
      return;
    }
    const cap = this.#verbosity === "verbose" ? Number.POSITIVE_INFINITY : FAILURE_LIST_CAP;
    for (const line of failureList(summary, this.#io.cwd, cap)) out.write(`${line}\n`);
    out.write(`${countsLine(summary.counts)} (total ${summary.counts.total}, ${summary.resumed} resumed)\n`);
    const retryable = summary.results.filter((r) => r.status === "error" && r.retryable === true).length;
    if (retryable > 0) {
      out.write(`${retryable} error${retryable === 1 ? " was" : "s were"} caused by the Docker engine ("retryable": true in result.json); ` +
        `run the same command again to redo ${retryable === 1 ? "it" : "them"}.\n`);
    }
    const usages = summary.results.flatMap((r) => (r.usage ? [r.usage] : []));
    if (usages.length) out.write(`Model usage: ${usageLine(addUsage(usages))}\n`);
    if (summary.adopted) out.write(`${summary.adopted} run folder(s) agbench wrote were adopted: scored from console_log.txt ("imported" in result.json).\n`);
    const unscored = summary.unscored ?? [];
    if (unscored.length) {
      out.write(`${unscored.length} run folder(s) bench did not write have no verdict and were left as they are (agbench counts them as missing; 'bench remove_missing' sets them aside so they run again):\n`);
      for (const u of unscored.slice(0, 10)) out.write(`  ${u.path}: ${u.reason}\n`);
      if (unscored.length > 10) out.write(`  and ${unscored.length - 10} more\n`);
    }
    if (summary.superseded) out.write(`${summary.superseded} earlier run folder(s) of redone runs are in ${summary.resultsDir}/.superseded/${summary.runId}/ ('bench clean --superseded' deletes them).\n`);
    out.write(`Results: ${summary.resultsDir}\n`);
  }

  /** The live view: the bar, then the running tasks, oldest first, with their elapsed times. */
  #view(): string[] {
    const now = this.#now();
    const elapsed = now - this.#started;
    const eta = this.#done > 0 && this.#done < this.#total ? ` · ETA ${formatSeconds((elapsed / this.#done) * (this.#total - this.#done))}` : "";
    const counts = STATUSES.filter((st) => st !== "skipped").map((st) => `${st} ${this.#counts[st]}`).join(" ");
    const lines = [`[${this.#done}/${this.#total}] ${counts} · running ${this.#running.size} · ${formatSeconds(elapsed)}${eta}`];
    const rows = (this.#io.stdout as { rows?: number }).rows;
    const room = Math.max(2, Math.min(MAX_RUNNING_SHOWN, (rows !== undefined && rows > 0 ? rows : 24) - 3));
    const running = [...this.#running];
    const listed = running.length > room ? running.slice(0, room - 1) : running;
    for (const [key, start] of listed) lines.push(`  ${formatSeconds(now - start).padStart(6)}  ${key}`);
    if (listed.length < running.length) lines.push(`  … and ${running.length - listed.length} more running`);
    return lines;
  }

  #redraw(): void {
    if (!this.#tty || this.#total === 0) return;
    const width = this.#io.stdout.columns ?? 0;
    const lines = this.#view().map((line) => (width > 10 && line.length >= width ? line.slice(0, width - 1) : line));
    this.#erase();
    this.#io.stdout.write(lines.join("\n"));
    this.#shown = lines.length;
  }

  /** Clear the live view: back to its first line, then clear to the end of the screen. */
  #erase(): void {
    if (this.#shown === 0) return;
    this.#io.stdout.write(`\r${this.#shown > 1 ? `\x1b[${this.#shown - 1}A` : ""}\x1b[J`);
    this.#shown = 0;
  }

  #line(text: string, toStderr = false): void {
    this.#erase();
    (toStderr ? this.#io.stderr : this.#io.stdout).write(`${text}\n`);
    this.#redraw();
  }
}
