/**
 * Processes that left a command's process group (setsid, nohup + a new session, a double fork into a
 * daemon) survive the group kill. runProcess marks every command it starts with a random value in
 * one variable, which their descendants inherit, and after the command exits kills every process
 * still carrying it (docs/verifier.md, "Native runs have no isolation"). Linux only (it reads
 * /proc/<pid>/environ); a process that started itself with a new environment (`env -i`) is not found.
 */
import { readdirSync, readFileSync } from "node:fs";

/** The variable holding a command's mark. */
export const PROCESS_MARK_VAR = "BENCH_PROCESS_MARK";

/** Rounds of find-and-kill: a process forking while one round kills its parent is found by the next. */
const MAX_ROUNDS = 50;

/** The processes (other than this one, and outside process group `exceptGroup`) whose environment holds `PROCESS_MARK_VAR=mark`. */
export function markedProcesses(mark: string, exceptGroup?: number): number[] {
  let entries: string[];
  try {
    entries = readdirSync("/proc");
  } catch {
    return [];
  }
  const needle = Buffer.from(`\0${PROCESS_MARK_VAR}=${mark}\0`);
  const found: number[] = [];
  for (const entry of entries) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) continue;
    try {
      // Each variable ends with a NUL; a leading NUL makes the first one match as well.
      const environ = Buffer.concat([Buffer.from([0]), readFileSync(`/proc/${entry}/environ`)]);
      if (environ.includes(needle) && (exceptGroup === undefined || processGroup(entry) !== exceptGroup)) found.push(pid);
    } catch {
      // Gone meanwhile, or another user's.
    }
  }
  return found;
}

/**
 * SIGKILL every process carrying `mark` outside group `exceptGroup` (already killed by the caller)
 * until none is left (or MAX_ROUNDS); returns how many were killed.
 */
export function killMarked(mark: string, exceptGroup?: number): number {
  const killed = new Set<number>();
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const pids = markedProcesses(mark, exceptGroup).filter((pid) => !killed.has(pid) || isAlive(pid));
    if (pids.length === 0) break;
    for (const pid of pids) {
      try {
        process.kill(pid, "SIGKILL");
        killed.add(pid);
      } catch {
        // Already gone.
      }
    }
  }
  return killed.size;
}

/** Field 5 of /proc/<pid>/stat, after the parenthesised command name (which may hold spaces). */
function processGroup(pid: string): number | undefined {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]);
}

function isAlive(pid: number): boolean {
  try {
    // A zombie still has a /proc entry but an empty environ, so it is never matched again.
    return readFileSync(`/proc/${pid}/environ`).length > 0;
  } catch {
    return false;
  }
}

/** The log line for processes killed after leaving the process group. */
export function escapedNote(count: number, what: string): string {
  return `killed ${count} process${count === 1 ? "" : "es"} ${what} left running outside its process group`;
}
