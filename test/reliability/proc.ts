/** Processes on this machine whose command line contains a marker (read from /proc; Linux only). */
import { readdirSync, readFileSync } from "node:fs";

export function processesWith(marker: string): number[] {
  const pids: number[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const cmdline = readFileSync(`/proc/${name}/cmdline`, "utf8").replaceAll("\0", " ");
      if (cmdline.includes(marker) && !cmdline.includes("/proc/")) pids.push(Number(name));
    } catch {
      // the process exited while we looked
    }
  }
  return pids;
}

export const sleepFor = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Poll `check` every 50 ms until it is true; fail after `ms`. */
export async function until(check: () => boolean | Promise<boolean>, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleepFor(50);
  }
}
