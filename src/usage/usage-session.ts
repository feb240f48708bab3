/** `--record-usage` for one runScenarios call: the proxy, the price table, the cache, and each run's meter. docs/usage.md. */
import { resolve } from "node:path";
import { ConfigError } from "../errors.ts";
import type { RunOptions } from "../types.ts";
import { ModelCache } from "./model-cache.ts";
import { loadPrices } from "./prices.ts";
import { RunMeter } from "./run-meter.ts";
import { DEFAULT_ANTHROPIC_UPSTREAM, DEFAULT_OPENAI_UPSTREAM, UsageProxy, type RunRoute } from "./usage-proxy.ts";
import type { PriceTable, Provider, UsageOptions } from "./usage-types.ts";

/** Where a runner's runs reach the host: the address to listen on and the host name in base URLs. */
export interface ProxyEndpoint {
  /** Address the proxy listens on. */
  bind: string;
  /** Host name runs use in the proxy's base URLs. */
  urlHost: string;
  /** Docker: `/etc/hosts` entries for the container (`host.docker.internal:<gateway>`). */
  extraHosts?: string[];
}

/** The variables a run's model clients read for their base URL (older spellings included). */
export const OPENAI_BASE_VARS = ["OPENAI_BASE_URL", "OPENAI_API_BASE", "OPENAI_BASE"] as const;
export const ANTHROPIC_BASE_VARS = ["ANTHROPIC_BASE_URL"] as const;

/** Said once when runs made no call through the proxy: their agent most likely ignores the base URL variables. */
export function noCallsWarning(runs: number): string {
  return `${runs} run${runs === 1 ? "" : "s"} made no model call through the usage proxy: if the agent calls a model, it does not read ` +
    "OPENAI_BASE_URL / ANTHROPIC_BASE_URL (a base_url in its config wins over them; see docs/usage.md)";
}

/** Is usage recording on: `recordUsage`, or anything that needs the proxy (limits, a model cache). */
export function usageRequested(options: RunOptions): boolean {
  const u = options.usage ?? {};
  return options.recordUsage === true || u.maxTokens !== undefined || u.maxCostUsd !== undefined || (u.modelCache !== undefined && u.modelCache !== "off");
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}

export class UsageSession {
  readonly proxy: UsageProxy;
  readonly #prices: PriceTable;
  readonly #options: UsageOptions;
  readonly #endpoint: ProxyEndpoint;

  private constructor(proxy: UsageProxy, prices: PriceTable, options: UsageOptions, endpoint: ProxyEndpoint) {
    this.proxy = proxy;
    this.#prices = prices;
    this.#options = options;
    this.#endpoint = endpoint;
  }

  /** Upstreams from the options, else the run env's base URLs (what the runs would have called), else the public APIs. */
  static upstreams(options: UsageOptions, env: Record<string, string>): Record<Provider, string> {
    const issues: string[] = [];
    // Env file values are secrets: a bad one is named, never printed.
    const fromEnv = (names: readonly string[]) => {
      const name = names.find((n) => env[n] !== undefined && env[n] !== "");
      if (name !== undefined && !isHttpUrl(env[name] as string)) issues.push(`${name} in the env file is not an http(s) URL, so it cannot be the upstream (set --upstream-openai / --upstream-anthropic)`);
      return name === undefined ? undefined : env[name];
    };
    const openai = options.openaiUpstream ?? fromEnv(OPENAI_BASE_VARS) ?? DEFAULT_OPENAI_UPSTREAM;
    const anthropic = options.anthropicUpstream ?? fromEnv(ANTHROPIC_BASE_VARS) ?? DEFAULT_ANTHROPIC_UPSTREAM;
    if (issues.length) throw new ConfigError("usage recording", issues);
    return { openai, anthropic };
  }

  static async start(options: UsageOptions, env: Record<string, string>, endpoint: ProxyEndpoint, cacheRoot: string, cwd: string): Promise<UsageSession> {
    const prices = await loadPrices(typeof options.prices === "string" ? resolve(cwd, options.prices) : options.prices);
    const mode = options.modelCache ?? "off";
    const cache = mode === "off" ? undefined : new ModelCache(mode, options.modelCacheDir === undefined ? resolve(cacheRoot, "model") : resolve(cwd, options.modelCacheDir));
    const proxy = new UsageProxy({ bind: endpoint.bind, urlHost: endpoint.urlHost, upstreams: UsageSession.upstreams(options, env), ...(cache ? { cache } : {}) });
    await proxy.start();
    return new UsageSession(proxy, prices, options, endpoint);
  }

  meter(rep: number): RunMeter {
    const limits = {
      ...(this.#options.maxTokens === undefined ? {} : { maxTokens: this.#options.maxTokens }),
      ...(this.#options.maxCostUsd === undefined ? {} : { maxCostUsd: this.#options.maxCostUsd }),
    };
    return new RunMeter(rep, this.#prices, limits);
  }

  /** Start an attempt: its route, and the env that points the run's clients at it. */
  beginAttempt(meter: RunMeter): { route: RunRoute; env: Record<string, string>; extraHosts?: string[] } {
    meter.beginAttempt();
    const route = this.proxy.open(meter);
    const env: Record<string, string> = {};
    for (const name of OPENAI_BASE_VARS) env[name] = route.urls.openai;
    for (const name of ANTHROPIC_BASE_VARS) env[name] = route.urls.anthropic;
    return { route, env, ...(this.#endpoint.extraHosts ? { extraHosts: this.#endpoint.extraHosts } : {}) };
  }

  endAttempt(route: RunRoute): void {
    this.proxy.closeRoute(route.token);
  }

  close(): Promise<void> {
    return this.proxy.close();
  }
}
