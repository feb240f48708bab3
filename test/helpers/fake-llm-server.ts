/**
 * A local model server for the usage tests, shaped as the public API references describe:
 * OpenAI `POST /v1/chat/completions` (JSON with `usage.prompt_tokens` / `completion_tokens`; with
 * `stream: true`, `chat.completion.chunk` events and — only when `stream_options.include_usage` —
 * a last chunk with empty `choices` and `usage`, then `data: [DONE]`) and Anthropic `POST /v1/messages`
 * (JSON with `usage.input_tokens` / `output_tokens`; streamed as message_start (input tokens),
 * content_block_* events, message_delta (cumulative output tokens), message_stop).
 * Tokens are whitespace-separated words, so tests can compute the expected counts themselves.
 * A chat request with `response_format` is checked as OpenAI checks it (Structured Outputs:
 * `json_schema` with a name of at most 64 of a-z A-Z 0-9 _ -, and under `strict: true` every object
 * closed with `additionalProperties: false` and every property in `required`); a bad one gets
 * OpenAI's 400 `invalid_request_error` shape. A refused answer has `content: null` and `refusal`.
 */
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
}

export interface FakeLlmOptions {
  /** The reply to the last user message (default: "echo: " + the message). */
  answer?: (question: string) => string;
  /** Status to answer with instead (an error body follows). */
  failWith?: (question: string) => number | undefined;
  /** Milliseconds to wait before answering. */
  delayMs?: number;
  /** The error message of a `failWith` answer (default "fake failure N"); real servers may echo request details. */
  failMessage?: (question: string, headers: IncomingHttpHeaders) => string;
  /** Headers of a `failWith` answer (e.g. `retry-after-ms`). */
  failHeaders?: Record<string, string>;
  /** A refusal instead of an answer (chat completions: `content: null`, `refusal`). */
  refuse?: (question: string) => string | undefined;
}

/** Why a chat `response_format` would be refused by OpenAI's API, or undefined when it is valid. */
export function responseFormatProblem(format: unknown): string | undefined {
  const f = format as { type?: unknown; json_schema?: { name?: unknown; strict?: unknown; schema?: unknown } };
  if (f?.type === "text" || f?.type === "json_object") return undefined;
  if (f?.type !== "json_schema") return `response_format.type: expected text, json_object or json_schema, got ${JSON.stringify(f?.type)}`;
  const js = f.json_schema;
  if (typeof js?.name !== "string" || !/^[a-zA-Z0-9_-]{1,64}$/.test(js.name)) return "response_format.json_schema.name: 1-64 of a-z, A-Z, 0-9, _ and -";
  if (js.schema === null || typeof js.schema !== "object") return "response_format.json_schema.schema: expected an object";
  if (js.strict !== true) return undefined;
  const walk = (node: unknown, path: string): string | undefined => {
    if (node === null || typeof node !== "object") return undefined;
    const n = node as { type?: unknown; properties?: Record<string, unknown>; required?: unknown; additionalProperties?: unknown; items?: unknown };
    if (n.type === "object") {
      if (n.additionalProperties !== false) return `${path}: 'additionalProperties' is required to be supplied and to be false`;
      const keys = Object.keys(n.properties ?? {});
      const required = Array.isArray(n.required) ? n.required : [];
      const missing = keys.find((key) => !required.includes(key));
      if (missing !== undefined) return `${path}: 'required' is required to be supplied and to be an array including every key in properties. Missing '${missing}'`;
      for (const key of keys) {
        const problem = walk(n.properties?.[key], `${path}.properties.${key}`);
        if (problem) return problem;
      }
    }
    return n.type === "array" ? walk(n.items, `${path}.items`) : undefined;
  };
  const problem = walk(js.schema, "schema");
  return problem === undefined ? undefined : `Invalid schema for response_format '${js.name}': ${problem}`;
}

export const words = (text: string): number => text.split(/\s+/).filter(Boolean).length;

type Message = { role: string; content: string };

export class FakeLlmServer {
  readonly seen: SeenRequest[] = [];
  readonly #server: Server;
  readonly #options: FakeLlmOptions;
  #counter = 0;

  constructor(options: FakeLlmOptions = {}) {
    this.#options = options;
    this.#server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        let body: Record<string, unknown>;
        try {
          body = (text ? JSON.parse(text) : {}) as Record<string, unknown>;
        } catch {
          body = { unparsable: text };
        }
        this.seen.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body });
        const go = () => this.#answer(req.url ?? "", body, res, req.headers);
        if (this.#options.delayMs) setTimeout(go, this.#options.delayMs);
        else go();
      });
    });
  }

  async start(host = "127.0.0.1"): Promise<string> {
    await new Promise<void>((resolve) => this.#server.listen(0, host, resolve));
    return `http://${host}:${(this.#server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise((resolve) => this.#server.close(resolve));
  }

  /** Input tokens the server counts for a request body. */
  static inputTokens(body: { messages?: Message[]; system?: string }): number {
    return (body.messages ?? []).reduce((n, m) => n + words(m.content), 0) + (body.system ? words(body.system) : 0);
  }

  answerFor(question: string): string {
    return this.#options.answer?.(question) ?? `echo: ${question}`;
  }

  #answer(url: string, body: Record<string, unknown>, res: import("node:http").ServerResponse, headers: IncomingHttpHeaders): void {
    const messages = (body.messages ?? []) as Message[];
    const question = messages.at(-1)?.content ?? "";
    const failure = this.#options.failWith?.(question);
    if (failure !== undefined) {
      res.writeHead(failure, { "content-type": "application/json", ...this.#options.failHeaders });
      res.end(JSON.stringify({ error: { message: this.#options.failMessage?.(question, headers) ?? `fake failure ${failure}`, type: "server_error" } }));
      return;
    }
    const formatProblem = body.response_format === undefined ? undefined : responseFormatProblem(body.response_format);
    if (formatProblem !== undefined) {
      res.writeHead(400, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { message: formatProblem, type: "invalid_request_error", param: "response_format", code: null } }));
      return;
    }
    const answer = this.answerFor(question);
    const input = FakeLlmServer.inputTokens(body as { messages?: Message[]; system?: string });
    const output = words(answer);
    const model = String(body.model ?? "unknown");
    const id = `id-${++this.#counter}`;
    if (url.endsWith("/chat/completions")) {
      if (body.stream !== true) {
        const refusal = this.#options.refuse?.(question);
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({
          id, object: "chat.completion", created: 1, model,
          choices: [{ index: 0, message: { role: "assistant", content: refusal === undefined ? answer : null, refusal: refusal ?? null }, finish_reason: "stop" }],
          usage: { prompt_tokens: input, completion_tokens: output, total_tokens: input + output },
        }));
        return;
      }
      res.writeHead(200, { "content-type": "text/event-stream" });
      const chunk = (delta: Record<string, unknown>, finish: string | null) => ({ id, object: "chat.completion.chunk", created: 1, model, choices: [{ index: 0, delta, finish_reason: finish }] });
      const events: unknown[] = [chunk({ role: "assistant", content: "" }, null), ...answer.split(/(?<= )/).map((piece) => chunk({ content: piece }, null)), chunk({}, "stop")];
      const options = body.stream_options as { include_usage?: boolean } | undefined;
      if (options?.include_usage) events.push({ id, object: "chat.completion.chunk", created: 1, model, choices: [], usage: { prompt_tokens: input, completion_tokens: output, total_tokens: input + output } });
      for (const event of events) res.write(`data: ${JSON.stringify(event)}\n\n`);
      res.end("data: [DONE]\n\n");
      return;
    }
    if (url.endsWith("/messages")) {
      const message = { id, type: "message", role: "assistant", model, content: [{ type: "text", text: answer }], stop_reason: "end_turn", stop_sequence: null };
      if (body.stream !== true) {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ ...message, usage: { input_tokens: input, output_tokens: output } }));
        return;
      }
      res.writeHead(200, { "content-type": "text/event-stream" });
      const send = (type: string, data: Record<string, unknown>) => res.write(`event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`);
      send("message_start", { message: { ...message, content: [], stop_reason: null, usage: { input_tokens: input, output_tokens: 1 } } });
      send("content_block_start", { index: 0, content_block: { type: "text", text: "" } });
      for (const piece of answer.split(/(?<= )/)) send("content_block_delta", { index: 0, delta: { type: "text_delta", text: piece } });
      send("content_block_stop", { index: 0 });
      send("message_delta", { delta: { stop_reason: "end_turn", stop_sequence: null }, usage: { output_tokens: output } });
      send("message_stop", {});
      res.end();
      return;
    }
    res.writeHead(404, { "content-type": "application/json" });
    res.end(JSON.stringify({ error: { message: `no route ${url}` } }));
  }
}
