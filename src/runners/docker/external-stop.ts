/**
 * Who stopped a container that died of a signal? bench kills only on timeout or abort; a `kill`
 * event otherwise means the engine (shutdown/restart) or someone else (`docker stop`/`kill`) did.
 * dockerd 20.10 stopping for good lets the container's `wait` answer 137, as if run.sh had failed.
 */
import type Docker from "dockerode";
import { engineLostReason, isEngineError } from "./engine-errors.ts";

/** Docker's "seconds.nanoseconds" timestamp for the events API. */
function stamp(ms: number): string {
  return `${Math.floor(ms / 1000)}.${String((ms % 1000) * 1e6).padStart(9, "0")}`;
}

/**
 * The signals of the `kill` events container `id` received between `since` and now, in order
 * (e.g. ["15", "9"] for a stop that had to force). Throws when the engine does not answer.
 */
export async function killSignals(docker: Docker, id: string, since: Date, timeoutMs = 5000): Promise<string[]> {
  const stream = (await docker.getEvents({
    since: stamp(since.getTime() - 1000),
    until: stamp(Date.now()),
    filters: { container: [id], type: ["container"], event: ["kill"] },
    // Strings keep sub-second precision (typed as numbers, sent as query text either way).
  } as unknown as Docker.GetEventsOptions)) as NodeJS.ReadableStream & { destroy(): void };
  const timer = setTimeout(() => stream.destroy(), timeoutMs);
  let text = "";
  try {
    for await (const chunk of stream as AsyncIterable<Buffer | string>) text += chunk.toString();
  } finally {
    clearTimeout(timer);
  }
  return text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => (JSON.parse(line) as { Actor?: { Attributes?: { signal?: string } } }).Actor?.Attributes?.signal ?? "?");
}

/** True for exit codes of a process ended by a signal that a stop or kill sends (SIGKILL, SIGTERM, SIGINT). */
export function killedBySignal(exitCode: number): boolean {
  return exitCode === 137 || exitCode === 143 || exitCode === 130;
}

/**
 * Why a container that died of a kill signal (bench sent none) died: the engine or someone stopped
 * it. Undefined when nobody did (run.sh itself ended that way: the run is scored as usual).
 */
export async function outsideStopReason(docker: Docker, id: string, since: Date, exitCode: number): Promise<string | undefined> {
  let signals: string[];
  try {
    signals = await killSignals(docker, id, since);
  } catch (error) {
    return isEngineError(error) ? engineLostReason(`container ended with exit ${exitCode} and the engine stopped answering`) : undefined;
  }
  if (signals.length === 0) return undefined;
  return (
    `Docker engine stopped the container from outside bench (kill signal ${signals.join(", then ")}, exit ${exitCode}): ` +
    "the engine shut down or restarted, or someone ran docker stop/kill"
  );
}
