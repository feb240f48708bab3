/** Remembers that the engine went away; before the next run, waits for it to answer again. */
import type Docker from "dockerode";
import { engineAddress, pause, waitForEngine } from "./engine.ts";

/**
 * Before the first ping after a loss. A stopping dockerd 20.10 stops its containers first and still
 * answers for a moment after (a create then fails with a 500): a ping at once would take it for back.
 */
export const ENGINE_SETTLE_MS = 1000;

export class EngineGate {
  readonly #docker: Docker;
  readonly #waitMs: number;
  #lost = false;

  constructor(docker: Docker, waitMs: number) {
    this.#docker = docker;
    this.#waitMs = waitMs;
  }

  /** A run saw the engine go away (connection lost, container stopped from outside). */
  markLost(): void {
    this.#lost = true;
  }

  /**
   * Undefined when a run may start (the engine was never lost, or answers again within the wait);
   * "aborted" when `signal` ended the wait; else the run's `error` naming the engine's address.
   */
  async ready(signal?: AbortSignal): Promise<string | undefined> {
    if (!this.#lost) return undefined;
    await pause(ENGINE_SETTLE_MS, signal);
    const back = await waitForEngine(this.#docker, this.#waitMs, signal);
    if (signal?.aborted) return "aborted";
    if (!back) return `Docker engine unreachable for ${Math.round(this.#waitMs / 1000)} s (DOCKER_HOST=${engineAddress(this.#docker)})`;
    this.#lost = false;
    return undefined;
  }
}
