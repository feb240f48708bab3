/**
 * What `bench view` shows, read once from the Results roots: each root's runs (from the same reader
 * tabulate uses), the head and base tabulations, and compare()'s output when a base is given.
 */
import { stat } from "node:fs/promises";
import { basename, join, relative, resolve } from "node:path";
import { compare, type CompareOptions, type Comparison } from "../compare/compare.ts";
import { ConfigError } from "../errors.ts";
import { readManifestSummary, type ManifestSummary } from "../results/read-manifest.ts";
import { addPlanned, fromRecords, readInput } from "../tabulate/tabulate.ts";
import type { PlannedBySuite } from "../tabulate/read-results.ts";
import type { SequentialDesign } from "../tabulate/tabulation-types.ts";
import type { RunRecord } from "../tabulate/read-results.ts";
import type { Tabulation } from "../tabulate/tabulation-types.ts";

/** One Results root (or saved tabulation) the viewer shows, head or base. */
export interface ViewRoot {
  /** Position in `ViewModel.roots`: the first URL segment of its run pages. */
  index: number;
  /** Head (what is shown) or base (compared with). */
  side: "head" | "base";
  /** The path as given (relative to the working folder when inside it). */
  label: string;
  /** The root's path. */
  path: string;
  /** False for a saved tabulation JSON: no run folders to open. */
  folder: boolean;
  /** The root's run.json, summarised. */
  manifest?: ManifestSummary;
}

/** One run folder the viewer lists, with the index of its root. */
export interface ViewRun extends RunRecord {
  /** Index of its root in `ViewModel.roots`. */
  root: number;
}

/** What `bench view` shows: the roots, their runs, the tabulations and the comparison. */
export interface ViewModel {
  /** The Results roots shown. */
  roots: ViewRoot[];
  /** Every run folder, over all roots. */
  runs: ViewRun[];
  /** Tabulation of the head roots. */
  head: Tabulation;
  /** Tabulation of the base roots. */
  base?: Tabulation;
  /** Head against base, when there is a base. */
  comparison?: Comparison;
  /** Values masked in everything shown (from the env file, as `bench run` masks). */
  secrets: readonly string[];
}

/** Options of loadView: a base, compare's options, the secrets to mask, the working folder, and whether a folder without runs is an error. */
export interface LoadViewOptions {
  /**
   * A Results folder without any run is an error naming the likely mix-up (the CLI sets it), unless it
   * has a run.json: a benchmark that has just started.
   */
  requireResults?: boolean;
  /** Base Results roots (or saved tabulations) to compare with. */
  base?: string[];
  /** compare()'s options. */
  compare?: CompareOptions;
  /** Values to mask in everything shown. */
  secrets?: readonly string[];
  /** Folder labels are relative to (default process.cwd()). */
  cwd?: string;
}

/** Read every head (and base) root; a missing path is a ConfigError naming it. */
export async function loadView(head: string[], options: LoadViewOptions = {}): Promise<ViewModel> {
  const cwd = options.cwd ?? process.cwd();
  const inputs = [...head.map((p) => ({ p, side: "head" as const })), ...(options.base ?? []).map((p) => ({ p, side: "base" as const }))];
  if (head.length === 0) throw new ConfigError("bench view input", ["no Results folder given"]);
  const roots: ViewRoot[] = [];
  const runs: ViewRun[] = [];
  const plannedBy = { head: new Map(), base: new Map() } satisfies Record<"head" | "base", PlannedBySuite>;
  const designs: Partial<Record<"head" | "base", SequentialDesign>> = {};
  for (const [index, { p, side }] of inputs.entries()) {
    const path = resolve(cwd, p);
    const folder = await stat(path).then((s) => s.isDirectory(), () => false);
    const started = await stat(join(path, "run.json")).then(() => true, () => false);
    const { records, planned, untilDecided } = await readInput(path, undefined, options.requireResults === true && !started);
    addPlanned(plannedBy[side], planned);
    if (untilDecided) designs[side] = untilDecided;
    const rel = relative(cwd, path);
    const root: ViewRoot = { index, side, label: rel === "" ? "." : rel.startsWith("..") ? path : rel, path, folder };
    const manifest = folder ? await readManifestSummary(path) : undefined;
    if (manifest) root.manifest = manifest;
    roots.push(root);
    for (const record of records) runs.push({ ...record, root: index });
  }
  const tabulationOf = (side: "head" | "base"): Tabulation => {
    const own = roots.filter((r) => r.side === side);
    const tabulation = fromRecords(runs.filter((r) => roots[r.root]?.side === side), own.map((r) => r.path), undefined, own.length > 1, plannedBy[side]);
    // One --until-decided run is decided by its sequential rule, as in tabulate() (docs/verdict.md).
    const design = designs[side];
    return design && own.length === 1 ? { ...tabulation, untilDecided: design } : tabulation;
  };
  const model: ViewModel = { roots, runs, head: tabulationOf("head"), secrets: options.secrets ?? [] };
  if (roots.some((r) => r.side === "base")) {
    model.base = tabulationOf("base");
    model.comparison = compare(model.base, model.head, options.compare ?? {});
  }
  return model;
}

/**
 * The folder of a run: `<root>/<suite>/<id>/<rep>`, or `<root>/<id>/<rep>` when the root is itself
 * one scenario folder (tabulate names that suite after the folder). Undefined for tabulation files.
 */
export async function runDir(root: ViewRoot, suite: string, id: string, rep: number): Promise<string | undefined> {
  if (!root.folder) return undefined;
  const nested = join(root.path, suite, id, String(rep));
  if (await stat(nested).then((s) => s.isDirectory(), () => false)) return nested;
  const flat = join(root.path, id, String(rep));
  if (suite === basename(root.path) && (await stat(flat).then((s) => s.isDirectory(), () => false))) return flat;
  return undefined;
}
