/** The default runner for a set of options: native, or Docker (loaded only when used, so native never loads dockerode). */
import { dirname, resolve } from "node:path";
import { resultsDirOf } from "../options/run-options.ts";
import type { RunOptions } from "../types.ts";
import type { Runner } from "./runner.ts";

/** The default runner for options: NativeRunner for runtime "native", DockerRunner otherwise (loaded lazily). */
export async function createRunner(options: Pick<RunOptions, "runtime" | "dockerImage" | "docker" | "cacheDir" | "resultsDir" | "cwd" | "onEvent"> = {}): Promise<Runner> {
  if (options.runtime === "native") {
    const { NativeRunner } = await import("./native-runner.ts");
    const resultsDir = resultsDirOf(options);
    return new NativeRunner({ cacheDir: options.cacheDir ?? resolve(dirname(resultsDir), ".bench-cache") });
  }
  const { DockerRunner } = await import("./docker-runner.ts");
  const onEvent = options.onEvent;
  return new DockerRunner({
    defaultImage: options.dockerImage, settings: options.docker,
    ...(onEvent === undefined ? {} : { onNotice: (message: string) => onEvent({ type: "notice", message }) }),
  });
}
