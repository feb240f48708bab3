/**
 * The flags that say where agbench's custom_tabulate.py runs, shared by `bench tabulate` and
 * `bench score` (one sandbox, one wording): Docker by default, natively only with --native.
 */
import { LOCAL_BASE_IMAGE } from "../runners/docker/base-images.ts";
import type { TabulateSandbox } from "../tabulate/custom-tabulate.ts";

export const CUSTOM_TABULATE_OPTIONS = {
  image: { type: "string" }, python: { type: "string" }, native: { type: "boolean" }, "no-custom-tabulate": { type: "boolean" },
} as const;

/** Help lines for --image, --python and --native (each command words --no-custom-tabulate itself). */
export const CUSTOM_TABULATE_HELP = `It runs in a Docker container: no network, Results read-only, minimal environment.
      --image IMAGE          image for custom_tabulate.py (default ${LOCAL_BASE_IMAGE}); it needs the
                             packages the script imports (agbench itself is stood in for)
      --python CMD           python for custom_tabulate.py (default python3)
      --native               run custom_tabulate.py on this machine instead: NO isolation, only for
                             scripts you trust`;

/** The sandbox the flags choose; the Docker client is loaded only here (`bench tabulate` without a script never needs it). */
export async function tabulateSandbox(values: { image?: string | undefined; python?: string | undefined; native?: boolean | undefined }): Promise<TabulateSandbox> {
  const python = values.python ?? "python3";
  if (values.native) return { kind: "native", python };
  const { connectDocker } = await import("../runners/docker/engine.ts");
  return { kind: "docker", image: values.image ?? LOCAL_BASE_IMAGE, python, docker: connectDocker() };
}
