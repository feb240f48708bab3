/** Model-call usage: per request, per run (result.json `usage`), and the options that turn it on. docs/usage.md. */

/** Which API family a request went to: the proxy serves both under their own path prefix. */
export type Provider = "openai" | "anthropic";

/** One model call seen by the proxy (usage.json `requests`). */
export interface UsageRequest {
  /** Which API it was (OpenAI- or Anthropic-style). */
  provider: Provider;
  /** HTTP method. */
  method: string;
  /** Path below the base URL, e.g. `/chat/completions`; no query string. */
  path: string;
  /** `model` of the request body (or of the response when the request had none). */
  model?: string;
  /** A streamed response (SSE). */
  stream: boolean;
  /** Upstream HTTP status; 0 when the upstream could not be reached. */
  status: number;
  /** Input tokens the response reported. */
  inputTokens: number;
  /** Output tokens the response reported. */
  outputTokens: number;
  /** null when the model has no price in the table (the run's costUsd is then null). */
  costUsd: number | null;
  /** Milliseconds from the request to the end of the response. */
  latencyMs: number;
  /** Served from the model cache (not sent upstream). */
  cached?: boolean;
  /** Transport error, or the upstream's error message for a non-2xx status. */
  error?: string;
  /** Which attempt of the run (`--retry-errors`) made the call, from 1. */
  attempt: number;
}

/** result.json `usage`: totals over every request of every attempt of the run. */
export interface RunUsage {
  /** Input tokens over every request. */
  inputTokens: number;
  /** Output tokens over every request. */
  outputTokens: number;
  /** Requests made. */
  requests: number;
  /** Priced at the price table; null when a model had no price. Cached replays count as if called. */
  costUsd: number | null;
  /** Requests that failed (transport error or non-2xx). */
  errors?: number;
  /** Requests answered from the model cache. */
  cacheHits?: number;
  /** Models without a price (cost unknown). */
  unpriced?: string[];
}

/** USD per million tokens. */
export interface ModelPrice {
  /** USD per million input tokens. */
  input: number;
  /** USD per million output tokens. */
  output: number;
}

/** Prices by model name (USD per million tokens). */
export type PriceTable = Record<string, ModelPrice>;

/** How model calls are recorded and replayed. `--model-cache`. */
export type ModelCacheMode = "read" | "write" | "off";

/** RunOptions.usage: the recording proxy (docs/usage.md). */
export interface UsageOptions {
  /** Where OpenAI-style calls go; default the run env's OPENAI_BASE_URL (or OPENAI_API_BASE, OPENAI_BASE), else https://api.openai.com/v1. */
  openaiUpstream?: string;
  /** Where Anthropic-style calls go; default the run env's ANTHROPIC_BASE_URL, else https://api.anthropic.com. */
  anthropicUpstream?: string;
  /** Prices (USD per million tokens) over the built-in table: a JSON/YAML file path or a table. */
  prices?: string | PriceTable;
  /** End a run as `error: budget exceeded` once its input + output tokens pass this. */
  maxTokens?: number;
  /** End a run as `error: budget exceeded` once its cost passes this many USD. */
  maxCostUsd?: number;
  /** "read": answer from the cache, call upstream on a miss and store it; "write": always call upstream and store; "off" (default). */
  modelCache?: ModelCacheMode;
  /** Model cache folder; default `<cacheDir>/model` (`.bench-cache/model` next to Results). */
  modelCacheDir?: string;
}
