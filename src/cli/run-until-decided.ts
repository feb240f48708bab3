/** `bench run --until-decided --base B`: the sequential loop (loaded only with the flag), a line per look, the verdict at the end. */
import { resolve } from "node:path";
import type { RunOptions, RunSummary } from "../../sdk/run.ts";
import type { CliIO } from "./io.ts";

export async function runUntilDecidedCommand(
  inputs: string[], options: RunOptions, flags: { base: string; threshold?: number; alpha?: number }, io: CliIO,
): Promise<RunSummary> {
  const { describeLook, runUntilDecided, tabulate, renderComparisonText } = await import("../../sdk/index.ts");
  const base = await tabulate(resolve(io.cwd, flags.base));
  const result = await runUntilDecided(inputs, {
    ...options, base,
    ...(flags.threshold === undefined ? {} : { threshold: flags.threshold }),
    ...(flags.alpha === undefined ? {} : { alpha: flags.alpha }),
    onLook: (look) => io.stderr.write(`until decided: ${describeLook(look)}\n`),
  });
  if (result.comparison) io.stdout.write(`\n${renderComparisonText(result.comparison)}`);
  return result.summary;
}
