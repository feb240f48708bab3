/** Shared engine check for the Docker suites: skip without an engine, fail when BENCH_REQUIRE_DOCKER=1. */
import Docker from "dockerode";

export const PYTHON_IMAGE = "bench-action/python:bookworm";
export const NODE_IMAGE = "bench-action/node:bookworm";

export interface Engine {
  docker: Docker;
  /** A reason to skip the suite, or false when the engine answers. */
  skip: string | false;
}

/** Pings the engine once. Throws (failing the file) when none answers and BENCH_REQUIRE_DOCKER=1. */
export async function dockerEngine(): Promise<Engine> {
  const docker = new Docker();
  try {
    await Promise.race([docker.ping(), new Promise((_, reject) => setTimeout(() => reject(new Error("ping timed out after 5 s")), 5000).unref())]);
    return { docker, skip: false };
  } catch (error) {
    const reason = `no Docker engine answers (${error instanceof Error ? error.message : String(error)})`;
    if (process.env.BENCH_REQUIRE_DOCKER === "1") throw new Error(`BENCH_REQUIRE_DOCKER=1 but ${reason}`);
    return { docker, skip: reason };
  }
}
