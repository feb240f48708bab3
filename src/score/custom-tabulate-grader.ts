/**
 * Step 2b (docs/verifier.md, "Scoring order"): agbench's custom_tabulate.py decides a run as
 * `bench tabulate` would decide its trial. One implementation (src/tabulate/custom-tabulate.ts): the
 * same discovery, with the run's scenario folder as the Results argument (so never inside the run
 * folder the agent wrote), and the same sandbox (a Docker container by default; natively only when
 * asked). The script runs once per scenario folder and grader; each run takes its trial's verdict,
 * and None means "no opinion" (the next step decides).
 */
import { basename, dirname, resolve } from "node:path";
import { ConfigError, describeError } from "../errors.ts";
import { LOCAL_BASE_IMAGE } from "../runners/docker/base-images.ts";
import { connectDocker } from "../runners/docker/engine.ts";
import { findCustomTabulate, runCustomTabulate, type TabulateSandbox } from "../tabulate/custom-tabulate.ts";
import type { ScoreContext, ScoredRun } from "./score-run.ts";

/** Verdicts by `task/trial`, per script and scenario folder: shared by the runs one grader scores. */
export type TabulateVerdicts = Map<string, Promise<Map<string, boolean | null>>>;

const REP = /^\d+$/;

/** The sandbox `bench score` uses unless told otherwise: the same as `bench tabulate`'s default. */
export function defaultTabulateSandbox(python = "python3"): TabulateSandbox {
  return { kind: "docker", image: LOCAL_BASE_IMAGE, python, docker: connectDocker() };
}

async function verdictsOf(script: string, scenarioDir: string, sandbox: TabulateSandbox): Promise<Map<string, boolean | null>> {
  const { verdicts } = await runCustomTabulate(script, scenarioDir, sandbox);
  return new Map(verdicts.map((v) => [`${v.task}/${v.trial}`, v.success]));
}

/** A ConfigError (no such image, no such python) stops the caller: it is not the run's fault. */
export async function gradeCustomTabulate(ctx: ScoreContext): Promise<ScoredRun | undefined> {
  const runDir = resolve(ctx.runDir);
  // Results/<scenario>/<task>/<trial>: only such a run folder has a verdict.
  if (!REP.test(basename(runDir))) return undefined;
  const scenarioDir = dirname(dirname(runDir));
  const script = ctx.customTabulate || (await findCustomTabulate(ctx.cwd ?? process.cwd(), [scenarioDir]));
  if (!script) return undefined;
  const key = `${script}\0${scenarioDir}`;
  let pending = ctx.tabulateVerdicts?.get(key);
  if (!pending) {
    pending = verdictsOf(script, scenarioDir, ctx.tabulateSandbox ?? defaultTabulateSandbox());
    ctx.tabulateVerdicts?.set(key, pending);
  }
  let success: boolean | null | undefined;
  try {
    success = (await pending).get(`${basename(dirname(runDir))}/${Number(basename(runDir))}`);
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    return { status: "error", score: { success: false, source: "custom_tabulate", reason: describeError(error) } };
  }
  if (typeof success !== "boolean") return undefined;
  return { status: success ? "passed" : "failed", score: { success, source: "custom_tabulate" } };
}
