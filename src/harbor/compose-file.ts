/**
 * A Harbor task's environment/docker-compose.yaml, in the subset bench-action runs through the
 * engine's API (docs/harbor.md): `services` with `build`, `image`, `environment`, `depends_on` and
 * `networks`, and top-level `networks`. `main` is the agent's container (built from the Dockerfile);
 * it may only add `environment`, `depends_on` and `networks`. Anything else is an error naming the
 * file and the exact key, so nothing is silently ignored.
 */
import { readFile } from "node:fs/promises";
import { dirname, join, relative, resolve, sep } from "node:path";
import { ConfigError } from "../errors.ts";
import { parseYaml } from "../config/parse-yaml.ts";

/** One service of a docker-compose.yaml beside the agent's container: its build or image, environment and dependencies. */
export interface ComposeService {
  /** The service's name (its host name on the run's network). */
  name: string;
  /** Build the service's image from this folder and Dockerfile. */
  build?: { contextDir: string; dockerfile: string };
  /** The service's image, when it is not built. */
  image?: string;
  /** The service's environment. */
  environment: Record<string, string>;
  /** Services started before this one. */
  dependsOn: string[];
}

/** A Harbor task's docker-compose.yaml (the supported subset): the other services and what `main` adds. */
export interface ComposeSpec {
  /** The other services, in start order (each after what it depends on). */
  services: ComposeService[];
  /** What `main` adds: its environment and what it waits for. */
  main: { environment: Record<string, string>; dependsOn: string[] };
}

const SUBSET = "supported: services.<name>.build, image, environment, depends_on, networks; top-level networks";
const SERVICE_KEYS = new Set(["build", "image", "environment", "depends_on", "networks"]);
const MAIN_KEYS = new Set(["environment", "depends_on", "networks"]);

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** Read and check `file`; throws one ConfigError listing every unsupported or malformed key. */
export async function readComposeFile(file: string, display: string): Promise<ComposeSpec> {
  const data = parseYaml(await readFile(file, "utf8"), display, { source: "docker-compose file" });
  const issues: string[] = [];
  const spec = checkCompose(data, dirname(file), (path, message) => issues.push(`${display}: ${path}: ${message}`));
  if (issues.length) throw new ConfigError("docker-compose file", issues);
  return spec;
}

function checkCompose(data: unknown, dir: string, issue: (path: string, message: string) => void): ComposeSpec {
  const spec: ComposeSpec = { services: [], main: { environment: {}, dependsOn: [] } };
  if (!isObj(data)) {
    issue("(top level)", "expected a mapping with services");
    return spec;
  }
  for (const key of Object.keys(data)) if (key !== "services" && key !== "networks") issue(key, `not supported (${SUBSET})`);
  if (data.networks !== undefined && !isObj(data.networks)) issue("networks", "expected a mapping of network names");
  if (isObj(data.networks)) {
    for (const [name, value] of Object.entries(data.networks)) {
      if (value !== null && !(isObj(value) && Object.keys(value).length === 0)) issue(`networks.${name}`, `network options are not supported (${SUBSET})`);
    }
  }
  if (!isObj(data.services)) {
    issue("services", "expected a mapping of services");
    return spec;
  }
  const names = new Set(Object.keys(data.services));
  const services = new Map<string, ComposeService>();
  for (const [name, raw] of Object.entries(data.services)) {
    const path = `services.${name}`;
    if (!/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(name)) issue(path, "not a valid service name");
    if (!isObj(raw)) {
      issue(path, "expected a mapping");
      continue;
    }
    const allowed = name === "main" ? MAIN_KEYS : SERVICE_KEYS;
    for (const key of Object.keys(raw)) {
      if (!allowed.has(key)) issue(`${path}.${key}`, name === "main" && SERVICE_KEYS.has(key) ? "main is built from environment/Dockerfile; it may only set environment, depends_on, networks" : `not supported (${SUBSET})`);
    }
    const environment = envOf(raw.environment, `${path}.environment`, issue);
    const dependsOn = dependsOf(raw.depends_on, `${path}.depends_on`, names, issue);
    networksOf(raw.networks, `${path}.networks`, isObj(data.networks) ? new Set(Object.keys(data.networks)) : new Set(), issue);
    if (name === "main") {
      spec.main = { environment, dependsOn };
      continue;
    }
    const service: ComposeService = { name, environment, dependsOn };
    const build = buildOf(raw.build, `${path}.build`, dir, issue);
    if (build) service.build = build;
    if (raw.image !== undefined) {
      if (typeof raw.image !== "string" || raw.image === "") issue(`${path}.image`, "expected an image name");
      else service.image = raw.image;
    }
    if (!service.build && service.image === undefined) issue(path, "needs build or image");
    services.set(name, service);
  }
  spec.services = startOrder(services, issue);
  return spec;
}

function envOf(value: unknown, path: string, issue: (path: string, message: string) => void): Record<string, string> {
  const env: Record<string, string> = {};
  if (value === undefined) return env;
  if (Array.isArray(value)) {
    for (const item of value) {
      const match = typeof item === "string" ? /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(item) : null;
      if (!match?.[1]) issue(path, `expected NAME=value, got ${JSON.stringify(item)}`);
      else env[match[1]] = match[2] ?? "";
    }
  } else if (isObj(value)) {
    for (const [key, v] of Object.entries(value)) {
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) issue(`${path}.${key}`, "not a variable name");
      else if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") env[key] = String(v);
      else issue(`${path}.${key}`, "expected a string, number or boolean");
    }
  } else issue(path, "expected a mapping or a list of NAME=value");
  return env;
}

function dependsOf(value: unknown, path: string, names: Set<string>, issue: (path: string, message: string) => void): string[] {
  if (value === undefined) return [];
  const list: string[] = [];
  if (Array.isArray(value)) list.push(...value.filter((v): v is string => typeof v === "string"));
  else if (isObj(value)) {
    for (const [name, options] of Object.entries(value)) {
      list.push(name);
      if (options === null) continue;
      if (!isObj(options)) issue(`${path}.${name}`, "expected a mapping");
      else {
        for (const key of Object.keys(options)) if (key !== "condition") issue(`${path}.${name}.${key}`, `not supported (${SUBSET})`);
        if (options.condition !== undefined && options.condition !== "service_started") {
          issue(`${path}.${name}.condition`, `${JSON.stringify(options.condition)} is not supported (only service_started: healthchecks are outside the subset)`);
        }
      }
    }
  } else issue(path, "expected a list or a mapping of service names");
  for (const name of list) if (!names.has(name) || name === "main") issue(path, `${JSON.stringify(name)} is not another service of this file`);
  return list;
}

function networksOf(value: unknown, path: string, declared: Set<string>, issue: (path: string, message: string) => void): void {
  if (value === undefined) return;
  const list = Array.isArray(value) ? value : isObj(value) ? Object.keys(value) : undefined;
  if (!list) return issue(path, "expected a list or a mapping of network names");
  if (isObj(value)) for (const [name, options] of Object.entries(value)) if (options !== null) issue(`${path}.${name}`, `network options are not supported (${SUBSET})`);
  for (const name of list) if (typeof name !== "string" || !declared.has(name)) issue(path, `${JSON.stringify(name)} is not declared under the top-level networks`);
}

function buildOf(value: unknown, path: string, dir: string, issue: (path: string, message: string) => void): ComposeService["build"] {
  if (value === undefined) return undefined;
  const spec = typeof value === "string" ? { context: value } : isObj(value) ? value : undefined;
  if (!spec || typeof spec.context !== "string") return void issue(path, "expected a context folder, or a mapping with context (and dockerfile)");
  for (const key of Object.keys(spec)) if (key !== "context" && key !== "dockerfile") issue(`${path}.${key}`, `not supported (${SUBSET})`);
  const contextDir = resolve(dir, spec.context);
  const inside = relative(dir, contextDir);
  if (inside.startsWith("..") || inside.startsWith(sep)) return void issue(`${path}.context`, "must stay inside the environment folder");
  const dockerfile = spec.dockerfile === undefined ? "Dockerfile" : spec.dockerfile;
  if (typeof dockerfile !== "string" || dockerfile.includes("..") || dockerfile.startsWith("/")) return void issue(`${path}.dockerfile`, "expected a file name inside the context");
  return { contextDir: join(contextDir), dockerfile };
}

/** Each service after the ones it depends on; a cycle is an issue. */
function startOrder(services: Map<string, ComposeService>, issue: (path: string, message: string) => void): ComposeService[] {
  const order: ComposeService[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (service: ComposeService, chain: string[]): void => {
    const seen = state.get(service.name);
    if (seen === "done") return;
    if (seen === "visiting") return void issue(`services.${service.name}.depends_on`, `cycle: ${[...chain, service.name].join(" → ")}`);
    state.set(service.name, "visiting");
    for (const name of service.dependsOn) {
      const next = services.get(name);
      if (next) visit(next, [...chain, service.name]);
    }
    state.set(service.name, "done");
    order.push(service);
  };
  for (const service of services.values()) visit(service, []);
  return order;
}
