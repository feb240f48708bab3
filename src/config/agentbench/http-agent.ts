/**
 * AgentBench's HTTPAgent as an OpenAI-compatible client: POST `url` with `headers` and `body` plus
 * the prompter's fields; the reply is read with `return_format` ("{response[choices][0][message][content]}")
 * or, by default, OpenAI's `choices[0].message.content` / `choices[0].text`.
 */
import { BenchError } from "../../errors.ts";
import { type Message, createPrompter } from "./prompters.ts";

/** An HTTP agent instance's parameters, as AgentBench's configs write them. */
export interface HttpAgentParameters {
  /** The agent's name, for messages. */
  name?: string;
  /** Endpoint the request is posted to; `${VAR}` is filled from the environment. */
  url: string;
  /** Request headers; `${VAR}` is filled from the environment. */
  headers?: Record<string, string>;
  /** Fields sent in every request body; `${VAR}` is filled from the environment. */
  body?: Record<string, unknown>;
  /** The prompter that turns the conversation into body fields, and its arguments. */
  prompter?: { name: string; args?: Record<string, string> };
  /** Where the reply text is in the response (`{response[choices][0][text]}`); default the chat and completions shapes. */
  return_format?: string;
}

/** The HTTP request an HTTP agent sends: URL, method, headers and body. */
export interface HttpRequestSpec {
  /** Endpoint URL. */
  url: string;
  /** Always POST. */
  method: "POST";
  /** Request headers, variables filled. */
  headers: Record<string, string>;
  /** JSON body: the instance's body plus the prompter's fields. */
  body: Record<string, unknown>;
}

/** `${VAR}` in strings → env values, so keys stay out of config.yaml (which lands in Results). */
export function expandEnvRefs<T>(value: T, env: Record<string, string | undefined>): T {
  if (typeof value === "string") return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name: string) => env[name] ?? "") as T;
  if (Array.isArray(value)) return value.map((v: unknown) => expandEnvRefs(v, env)) as T;
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, expandEnvRefs(v, env)])) as T;
  return value;
}

/** The request for one inference: the instance's body with the prompter's messages, `${VAR}` filled from `env`. */
export function buildHttpRequest(params: HttpAgentParameters, history: readonly Message[], env: Record<string, string | undefined> = {}): HttpRequestSpec {
  const headers = expandEnvRefs({ "Content-Type": "application/json", ...(params.headers ?? {}) }, env);
  const body = { ...expandEnvRefs(params.body ?? {}, env), ...createPrompter(params.prompter)(history) };
  return { url: expandEnvRefs(params.url, env), method: "POST", headers, body };
}

/** Read `{response[a][0][b]}` paths out of a JSON reply. */
export function extractReply(response: unknown, returnFormat?: string): string {
  const read = (path: string[]) => path.reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], response);
  if (returnFormat) {
    return returnFormat.replace(/\{response((?:\[[^\]]*\])*)\}/g, (_, keys: string) => {
      const value = read([...keys.matchAll(/\[([^\]]*)\]/g)].map((m) => m[1]!));
      return typeof value === "string" ? value : JSON.stringify(value);
    });
  }
  const chat = read(["choices", "0", "message", "content"]);
  if (typeof chat === "string") return chat;
  const text = read(["choices", "0", "text"]);
  if (typeof text === "string") return text;
  throw new BenchError("E_AGENT", `unexpected agent reply: ${JSON.stringify(response).slice(0, 200)}`);
}

/** An AgentBench HTTP agent: one inference per call, the conversation so far in, the reply text out. */
export interface HttpAgent {
  /** One inference: the conversation so far in, the agent's reply out. */
  inference(history: readonly Message[]): Promise<string>;
}

/** An HTTP agent from an instance's parameters (AgentBench's HTTPAgent); `fetch` and `env` can be passed in. */
export function createHttpAgent(params: HttpAgentParameters, options: { env?: Record<string, string | undefined>; fetch?: typeof fetch } = {}): HttpAgent {
  const fetchImpl = options.fetch ?? fetch;
  return {
    async inference(history) {
      const request = buildHttpRequest(params, history, options.env ?? {});
      const response = await fetchImpl(request.url, { method: request.method, headers: request.headers, body: JSON.stringify(request.body) });
      if (!response.ok) throw new BenchError("E_AGENT", `agent ${params.name ?? params.url} answered HTTP ${response.status}`);
      return extractReply(await response.json(), params.return_format);
    },
  };
}
