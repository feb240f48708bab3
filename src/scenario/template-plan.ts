/**
 * Turns a scenario's template (and the global template) into an ordered list of copy steps, with
 * agbench's placement rules (docs/architecture.md#the-life-of-an-invocation). The loader validates with it, expansion executes it and the
 * scenario hash reads it, so all three agree on which files a run folder gets.
 */
import { stat } from "node:fs/promises";
import { basename, resolve } from "node:path";
import type { TemplateEntry } from "../types.ts";
import { isIgnoredGlobalName } from "./global-template.ts";
import { joinRel, safeRelativePath } from "./safe-path.ts";
import { walkTemplate, type TemplateWalk } from "./template-walk.ts";

/** One step of a run folder's expansion: make a folder, or copy a file. */
export type PlanStep = { kind: "dir"; to: string } | { kind: "file"; from: string; to: string };

/** `pointer` is the JSON path in the scenario line (absent for global-template problems). */
export interface PlanIssue {
  pointer?: string;
  message: string;
}

export interface TemplatePlan {
  steps: PlanStep[];
  /** Every file path (relative, "/"-separated) the run folder will hold after the copies. */
  files: Set<string>;
  issues: PlanIssue[];
}

/** File-system reads shared across scenarios of one load (10 000 lines over one template read it once). */
export interface WalkCache {
  walks: Map<string, Promise<TemplateWalk>>;
  kinds: Map<string, Promise<"file" | "dir" | undefined>>;
  /** Contents of substituted template files, for the placeholder check (latin1 view of the bytes). */
  texts: Map<string, Promise<string>>;
}

export function newWalkCache(): WalkCache {
  return { walks: new Map(), kinds: new Map(), texts: new Map() };
}

/** Options of planTemplate: the global template, and a cache of folder walks shared across tasks. (The run plan's options are src/run/plan.ts's PlanOptions.) */
export interface TemplatePlanOptions {
  /** Absolute folder copied first; null for none. */
  globalTemplate: string | null;
  cache?: WalkCache;
}

/** Plan the copies for `template` (paths relative to `baseDir`). Never throws for bad input: see `issues`. */
export async function planTemplate(
  template: string | TemplateEntry[], baseDir: string, options: TemplatePlanOptions,
): Promise<TemplatePlan> {
  const plan: TemplatePlan = { steps: [], files: new Set(), issues: [] };
  const kinds = new Map<string, "file" | "dir">();
  const cache = options.cache ?? newWalkCache();
  if (options.globalTemplate !== null) {
    const walk = await cachedWalk(cache, options.globalTemplate, true);
    for (const message of walk.issues) plan.issues.push({ message: `global template: ${message}` });
    addWalk(plan, kinds, walk, "", undefined);
  }
  // agbench: a file template becomes scenario.py, a folder template is merged into the run folder
  const entries: { src: string; dst: string; pointer: string; dstPointer?: string; fileDst?: string }[] =
    typeof template === "string"
      ? [{ src: template, dst: "", pointer: "/template", fileDst: "scenario.py" }]
      : template.map((entry, i) => typeof entry === "string"
        ? { src: entry, dst: "", pointer: `/template/${i}` }
        : { src: entry[0], dst: entry[1], pointer: `/template/${i}/0`, dstPointer: `/template/${i}/1` });
  for (const entry of entries) {
    const dst = safeRelativePath(entry.dst);
    if (!dst.ok) {
      plan.issues.push({ pointer: entry.dstPointer ?? entry.pointer, message: `dst ${dst.message}` });
      continue;
    }
    const src = resolve(baseDir, entry.src);
    const kind = await cachedKind(cache, src);
    if (kind === undefined) {
      plan.issues.push({ pointer: entry.pointer, message: `template not found: ${entry.src}` });
    } else if (kind === "dir") {
      const walk = await cachedWalk(cache, src, false);
      for (const message of walk.issues) plan.issues.push({ pointer: entry.pointer, message });
      addNode(plan, kinds, "dir", dst.path, undefined, entry.pointer);
      addWalk(plan, kinds, walk, dst.path, entry.pointer);
    } else {
      const named = entry.fileDst ?? dst.path;
      const intoDir = named === "" || entry.dst.endsWith("/") || kinds.get(named) === "dir";
      const to = intoDir ? joinRel(named, basename(src)) : named;
      addNode(plan, kinds, "file", to, src, entry.pointer);
    }
  }
  return plan;
}

function cachedWalk(cache: WalkCache, root: string, global: boolean): Promise<TemplateWalk> {
  const key = `${global ? "g" : "t"}:${root}`;
  let walk = cache.walks.get(key);
  if (walk === undefined) {
    walk = walkTemplate(root, global ? isIgnoredGlobalName : undefined);
    cache.walks.set(key, walk);
  }
  return walk;
}

function cachedKind(cache: WalkCache, path: string): Promise<"file" | "dir" | undefined> {
  let kind = cache.kinds.get(path);
  if (kind === undefined) {
    kind = stat(path).then((info) => (info.isDirectory() ? "dir" : "file"), () => undefined);
    cache.kinds.set(path, kind);
  }
  return kind;
}

function addWalk(plan: TemplatePlan, kinds: Map<string, "file" | "dir">, walk: TemplateWalk, at: string, pointer?: string): void {
  for (const node of walk.nodes) addNode(plan, kinds, node.kind, joinRel(at, node.rel), node.abs, pointer);
}

/** Record one step, creating parent folders; a file where a folder is needed (or the reverse) is an issue. */
function addNode(
  plan: TemplatePlan, kinds: Map<string, "file" | "dir">, kind: "file" | "dir", to: string,
  from: string | undefined, pointer?: string,
): void {
  if (to === "") return;
  const parts = to.split("/");
  for (let i = 1; i < parts.length; i++) {
    const parent = parts.slice(0, i).join("/");
    if (kinds.get(parent) === "file") {
      plan.issues.push({ pointer, message: `cannot place "${to}": "${parent}" is a file` });
      return;
    }
    if (!kinds.has(parent)) {
      kinds.set(parent, "dir");
      plan.steps.push({ kind: "dir", to: parent });
    }
  }
  const existing = kinds.get(to);
  if (existing !== undefined && existing !== kind) {
    plan.issues.push({ pointer, message: `cannot place ${kind === "file" ? "file" : "folder"} "${to}": a ${existing === "file" ? "file" : "folder"} is already there` });
    return;
  }
  if (kind === "dir") {
    if (existing === undefined) plan.steps.push({ kind: "dir", to });
  } else {
    plan.steps.push({ kind: "file", from: from ?? "", to });
    plan.files.add(to);
  }
  kinds.set(to, kind);
}
