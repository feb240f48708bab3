/**
 * AgentBench's HTTP-agent prompters: turn a message history into the part of the request body the
 * server expects. `role_content_dict` gives a chat message list; `prompt_string` one prompt string.
 */
import { ConfigError } from "../../errors.ts";

export interface Message {
  role: "user" | "agent";
  content: string;
}

export type Prompter = (history: readonly Message[]) => Record<string, unknown>;

export interface RoleContentDictArgs {
  message_key?: string;
  role_key?: string;
  content_key?: string;
  user_role?: string;
  agent_role?: string;
}

export interface PromptStringArgs {
  prefix?: string;
  suffix?: string;
  user_format?: string;
  agent_format?: string;
  prompt_key?: string;
}

export function roleContentDict(args: RoleContentDictArgs = {}): Prompter {
  const { message_key = "messages", role_key = "role", content_key = "content", user_role = "user", agent_role = "agent" } = args;
  return (history) => ({
    [message_key]: history.map((m) => ({ [role_key]: m.role === "user" ? user_role : agent_role, [content_key]: m.content })),
  });
}

export function promptString(args: PromptStringArgs = {}): Prompter {
  const { prefix = "", suffix = "AGENT:", user_format = "USER: {content}\n\n", agent_format = "AGENT: {content}\n\n", prompt_key = "prompt" } = args;
  return (history) => {
    const body = history.map((m) => (m.role === "user" ? user_format : agent_format).replaceAll("{content}", m.content)).join("");
    return { [prompt_key]: `${prefix}${body}${suffix}` };
  };
}

/** A prompter from its config `{ name, args }`. */
export function createPrompter(config: unknown): Prompter {
  const spec = (config ?? { name: "role_content_dict" }) as { name?: unknown; args?: unknown };
  const args = (spec.args ?? {}) as Record<string, string>;
  if (spec.name === "role_content_dict") return roleContentDict(args);
  if (spec.name === "prompt_string") return promptString(args);
  throw new ConfigError("agentbench config", [`prompter.name: unknown prompter ${JSON.stringify(spec.name)} (expected role_content_dict or prompt_string)`]);
}
