/**
 * A minimal client for an OpenAI-compatible `POST {base}/chat/completions`: bearer auth, a timeout per
 * attempt, bounded retries of what may pass (network errors, timeouts, 408, 409, 429, 5xx, as OpenAI's
 * own clients retry) honouring Retry-After, and errors that never hold the key or token. docs/lint.md.
 */
import { BenchError, describeError } from "../errors.ts";
import { timerMs } from "../options/values.ts";
import { maskText } from "../secrets/mask.ts";
import { costOf, DEFAULT_PRICES, priceOf } from "../usage/prices.ts";
import type { RunUsage } from "../usage/usage-types.ts";

/** One chat message (text content). */
export interface ChatMessage {
  /** Who is speaking. */
  role: "system" | "user" | "assistant";
  /** The message's text. */
  content: string;
}

/** The first choice of a chat completion: its text, or its refusal, and why it stopped. */
export interface ChatAnswer {
  /** The answer's text, or null when there is none. */
  content: string | null;
  /** The model's refusal, or null. */
  refusal: string | null;
  /** Why the model stopped (e.g. "stop", "length"), when it says. */
  finishReason: string | null;
}

/** Where the client sends, how it authenticates, and its timeout and retry bounds. */
export interface ChatClientOptions {
  /** e.g. https://api.openai.com/v1 (`/chat/completions` is appended). */
  baseUrl: string;
  /** The bearer credential (undefined: no Authorization header). */
  credential?: (fresh: boolean) => Promise<string | undefined>;
  /** The credential comes from a command: fetch it again once after a 401 (an expired token). */
  refreshable?: boolean;
  /** Timeout of one attempt. */
  timeoutMs: number;
  /** Attempts after the first. */
  retries: number;
  /** Masked in every error message (the key, the token and any ENV values). */
  secrets?: readonly string[];
  /** Stops the request and any wait between attempts. */
  signal?: AbortSignal;
  /** Told about each retry (for progress lines). */
  onRetry?: (message: string) => void;
  /** Longest wait between attempts (Retry-After is capped to it). */
  maxDelayMs?: number;
}

/** The model server could not give an answer: network, status, timeout (code E_MODEL). */
export class ModelError extends BenchError {
  /** The error's class name. */
  override name = "ModelError";
  /** The model server gave no answer; `options.cause` keeps why. */
  constructor(message: string, options?: ErrorOptions) {
    super("E_MODEL", message, options);
  }
}

const RETRYABLE = (status: number) => status === 408 || status === 409 || status === 429 || status >= 500;

/** Talks to one OpenAI-compatible chat-completions endpoint; see the module comment for its rules. */
export class ChatClient {
  readonly #options: ChatClientOptions;
  #token: string | undefined;
  /** The credential being fetched or fetched: logs coded in parallel share one token command run. */
  #fetching: Promise<string | undefined> | undefined;
  readonly #usage: RunUsage = { inputTokens: 0, outputTokens: 0, requests: 0, costUsd: 0 };

  /** A client for one endpoint with `options`' credential, timeout and retries. */
  constructor(options: ChatClientOptions) {
    this.#options = options;
  }

  get #url(): string {
    return `${this.#options.baseUrl.replace(/\/+$/, "")}/chat/completions`;
  }

  async #credential(fresh: boolean): Promise<string | undefined> {
    if (this.#fetching === undefined || fresh) {
      this.#fetching = Promise.resolve(this.#options.credential?.(fresh));
      // A failed fetch is not kept: the next request tries again.
      this.#fetching.catch(() => { this.#fetching = undefined; });
    }
    this.#token = await this.#fetching;
    return this.#token;
  }

  #mask(text: string): string {
    return maskText(text, [...(this.#options.secrets ?? []), ...(this.#token ? [this.#token] : [])]);
  }

  /** Requests sent so far, their tokens (the answers' `usage`) and cost at bench's list prices (null for a model without one). */
  usage(): RunUsage {
    return { ...this.#usage, ...(this.#usage.unpriced ? { unpriced: [...this.#usage.unpriced] } : {}) };
  }

  #count(model: unknown, usage: unknown, failed: boolean): void {
    const u = this.#usage;
    u.requests++;
    if (failed) u.errors = (u.errors ?? 0) + 1;
    const tokens = usage as { prompt_tokens?: unknown; completion_tokens?: unknown } | undefined;
    const input = typeof tokens?.prompt_tokens === "number" ? tokens.prompt_tokens : 0;
    const output = typeof tokens?.completion_tokens === "number" ? tokens.completion_tokens : 0;
    u.inputTokens += input;
    u.outputTokens += output;
    const cost = costOf(priceOf(typeof model === "string" ? model : undefined, DEFAULT_PRICES), input, output);
    if (cost === null && (input > 0 || output > 0)) {
      u.costUsd = null;
      if (typeof model === "string" && !u.unpriced?.includes(model)) u.unpriced = [...(u.unpriced ?? []), model];
    } else if (u.costUsd !== null && cost !== null) u.costUsd = Math.round((u.costUsd + cost) * 1e10) / 1e10;
  }

  /** Sends `body` (model, messages, …); returns the first choice's message. */
  async complete(body: Record<string, unknown>): Promise<ChatAnswer> {
    const { retries } = this.#options;
    let refreshed = false;
    let last = "";
    for (let attempt = 0; attempt <= retries; attempt++) {
      this.#options.signal?.throwIfAborted();
      const outcome = await this.#attempt(body, await this.#credential(false));
      if ("answer" in outcome) return outcome.answer;
      last = outcome.message;
      if (outcome.status === 401 && !refreshed && this.#options.refreshable === true) {
        refreshed = true;
        await this.#credential(true);
        attempt--;
        continue;
      }
      if (!outcome.retry) break;
      if (attempt < retries) {
        const delay = Math.min(outcome.retryAfterMs ?? 500 * 2 ** attempt, this.#options.maxDelayMs ?? 30_000);
        this.#options.onRetry?.(`${last}; retrying in ${(delay / 1000).toFixed(1)} s (${attempt + 1}/${retries})`);
        await sleep(delay, this.#options.signal);
      }
    }
    throw new ModelError(`${last}${retries > 0 ? ` (gave up after ${retries} retr${retries === 1 ? "y" : "ies"})` : ""}`);
  }

  async #attempt(body: Record<string, unknown>, token: string | undefined): Promise<{ answer: ChatAnswer } | { message: string; retry: boolean; status?: number; retryAfterMs?: number }> {
    const where = `model server ${this.#mask(this.#options.baseUrl)}`;
    const timeout = AbortSignal.timeout(timerMs(this.#options.timeoutMs));
    const signal = this.#options.signal ? AbortSignal.any([this.#options.signal, timeout]) : timeout;
    let response: Response;
    let text: string;
    try {
      response = await fetch(this.#url, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
        signal,
      });
      text = await response.text();
    } catch (error) {
      this.#count(body.model, undefined, true);
      this.#options.signal?.throwIfAborted();
      if (timeout.aborted) return { message: `${where} did not answer within ${this.#options.timeoutMs / 1000} s (--timeout)`, retry: true };
      return { message: `${where} unreachable: ${this.#mask(describeError(error))}`, retry: true };
    }
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
    this.#count(body.model, (data as { usage?: unknown } | undefined)?.usage, !response.ok);
    if (!response.ok) {
      const detail = errorMessage(text);
      return {
        message: `${where} answered HTTP ${response.status}${detail ? `: ${this.#mask(detail)}` : ""}`,
        retry: RETRYABLE(response.status),
        status: response.status,
        ...retryAfter(response.headers),
      };
    }
    if (data === undefined) return { message: `${where} answered HTTP ${response.status} with a body that is not JSON`, retry: false };
    const message = (data as { choices?: { message?: { content?: unknown; refusal?: unknown }; finish_reason?: unknown }[] }).choices?.[0];
    if (!message?.message) return { message: `${where} answered without choices[0].message (not a chat completion)`, retry: false };
    const str = (value: unknown) => (typeof value === "string" ? value : null);
    return { answer: { content: str(message.message.content), refusal: str(message.message.refusal), finishReason: str(message.finish_reason) } };
  }
}

function errorMessage(text: string): string {
  try {
    const data = JSON.parse(text) as { error?: { message?: unknown } | string; message?: unknown };
    const message = typeof data.error === "string" ? data.error : data.error?.message ?? data.message;
    if (typeof message === "string") return message.slice(0, 500);
  } catch {
    // not JSON: the start of the body
  }
  return text.trim().slice(0, 200);
}

function retryAfter(headers: Headers): { retryAfterMs?: number } {
  const ms = Number(headers.get("retry-after-ms"));
  if (headers.has("retry-after-ms") && Number.isFinite(ms) && ms >= 0) return { retryAfterMs: ms };
  const seconds = Number(headers.get("retry-after"));
  if (headers.has("retry-after") && Number.isFinite(seconds) && seconds >= 0) return { retryAfterMs: seconds * 1000 };
  return {};
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, timerMs(ms));
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason ?? new Error("aborted"));
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
