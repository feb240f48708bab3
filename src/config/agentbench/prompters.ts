/**
 * AgentBench's HTTP-agent prompters (its `Prompter` class): turn a message history into the part of
 * the request body the server expects. `role_content_dict` gives a chat message list (the default);
 * `batched_role_content_dict` the same, each field wrapped in a list; `prompt_string` one prompt
 * string; `claude` a prompt_string with Anthropic's "Human:"/"Assistant:" turns; `palm` PaLM's
 * `instances` body.
 */
import { ConfigError } from "../../errors.ts";

/** One chat message: a role and its content. */
export interface Message {
  /** Who said it. */
  role: "user" | "agent";
  /** What was said. */
  content: string;
}

/** Turns a conversation into the fields of a request body. */
export type Prompter = (history: readonly Message[]) => Record<string, unknown>;

/** Arguments of roleContentDict, as AgentBench names them: the keys and the role names. */
export interface RoleContentDictArgs {
  /** Body key of the message list (default "messages"). */
  message_key?: string;
  /** Key of each message's role (default "role"). */
  role_key?: string;
  /** Key of each message's content (default "content"). */
  content_key?: string;
  /** Role name written for the user (default "user"). */
  user_role?: string;
  /** Role name written for the agent (default "agent"). */
  agent_role?: string;
}

/** Arguments of promptString, as AgentBench names them: prefix, suffix, message formats, the body key. */
export interface PromptStringArgs {
  /** Text before the conversation (default empty). */
  prefix?: string;
  /** Text after the conversation (default "AGENT:"). */
  suffix?: string;
  /** Format of a user message; `{content}` is replaced (default "USER: {content}" and a blank line). */
  user_format?: string;
  /** Format of an agent message; `{content}` is replaced (default "AGENT: {content}" and a blank line). */
  agent_format?: string;
  /** Body key of the prompt string (default "prompt"). */
  prompt_key?: string;
}

/** AgentBench's role_content_dict prompter: messages as a list of role/content objects under one key. */
export function roleContentDict(args: RoleContentDictArgs = {}): Prompter {
  const { message_key = "messages", role_key = "role", content_key = "content", user_role = "user", agent_role = "agent" } = args;
  return (history) => ({
    [message_key]: history.map((m) => ({ [role_key]: m.role === "user" ? user_role : agent_role, [content_key]: m.content })),
  });
}

/** AgentBench's prompt_string prompter: the conversation as one prompt string under one key. */
export function promptString(args: PromptStringArgs = {}): Prompter {
  const { prefix = "", suffix = "AGENT:", user_format = "USER: {content}\n\n", agent_format = "AGENT: {content}\n\n", prompt_key = "prompt" } = args;
  return (history) => {
    const body = history.map((m) => (m.role === "user" ? user_format : agent_format).replaceAll("{content}", m.content)).join("");
    return { [prompt_key]: `${prefix}${body}${suffix}` };
  };
}

export function claude(): Prompter {
  return promptString({ prefix: "", suffix: "Assistant:", user_format: "Human: {content}\n\n", agent_format: "Assistant: {content}\n\n" });
}

export function palm(): Prompter {
  const messages = roleContentDict({ message_key: "messages", role_key: "author", content_key: "content", user_role: "user", agent_role: "bot" });
  return (history) => ({ instances: [messages(history)] });
}

export function batchedRoleContentDict(args: RoleContentDictArgs = {}): Prompter {
  const base = roleContentDict(args);
  return (history) => Object.fromEntries(Object.entries(base(history)).map(([key, value]) => [key, [value]]));
}

const PROMPTERS: Record<string, { make: (args: Record<string, string>) => Prompter; takesArgs: boolean }> = {
  role_content_dict: { make: roleContentDict, takesArgs: true },
  batched_role_content_dict: { make: batchedRoleContentDict, takesArgs: true },
  prompt_string: { make: promptString, takesArgs: true },
  claude: { make: claude, takesArgs: false },
  palm: { make: palm, takesArgs: false },
};

/**
 * A prompter from its config `{ name, args }`; none gives role_content_dict. An unknown name, or args
 * given to claude or palm, is a ConfigError here (AgentBench falls back to role_content_dict on an
 * unknown name, and raises a TypeError at the first request on args it does not take).
 */
export function createPrompter(config: unknown): Prompter {
  if (config === undefined || config === null) return roleContentDict();
  const spec = config as { name?: unknown; args?: unknown };
  const args = (spec.args ?? {}) as Record<string, string>;
  const prompter = typeof spec.name === "string" && Object.hasOwn(PROMPTERS, spec.name) ? PROMPTERS[spec.name] : undefined;
  if (!prompter) throw new ConfigError("agentbench config", [`prompter.name: unknown prompter ${JSON.stringify(spec.name)} (expected ${Object.keys(PROMPTERS).join(", ")})`]);
  if (!prompter.takesArgs && Object.keys(args).length > 0) {
    throw new ConfigError("agentbench config", [`prompter.args: ${spec.name as string} takes no args (got ${Object.keys(args).join(", ")})`]);
  }
  return prompter.make(args);
}
