/**
 * Where bench lint's model is and how it authenticates: `--base-url` or OPENAI_BASE_URL (the usage
 * proxy's variables), OPENAI_API_KEY, or a bearer token from `--token-command` / `--azure` (bench
 * run's az CLI recipe), fetched once and again after a 401. docs/lint.md#the-model.
 */
import { ConfigError } from "../errors.ts";
import { AZURE_TOKEN_COMMAND } from "../options/run-options.ts";
import { buildChildEnv } from "../process/child-env.ts";
import { fetchToken, TOKEN_ENV_ALLOWLIST } from "../run/token-command.ts";
import { DEFAULT_OPENAI_UPSTREAM } from "../usage/usage-proxy.ts";
import { OPENAI_BASE_VARS } from "../usage/usage-session.ts";
import { ChatClient } from "./chat-client.ts";

/** What createLintClient reads: flags, the environment (OPENAI_API_KEY, OPENAI_BASE_URL), bounds. */
export interface LintClientSetup {
  /** The endpoint's base URL (default OPENAI_BASE_URL's, else OpenAI's). */
  baseUrl?: string;
  /** A command that prints the bearer token (instead of OPENAI_API_KEY). */
  tokenCommand?: string;
  /** Azure OpenAI: the token comes from the az CLI (AZURE_TOKEN_COMMAND). */
  azure?: boolean;
  /** The environment the key and base URL are read from. */
  env: Record<string, string | undefined>;
  /** Folder the token command runs in. */
  cwd: string;
  /** Timeout of one attempt. */
  timeoutMs: number;
  /** Attempts after the first. */
  retries: number;
  /** Masked in errors besides the key and the token. */
  secrets?: readonly string[];
  /** Stops requests and waits. */
  signal?: AbortSignal;
  /** Told about each retry. */
  onRetry?: (message: string) => void;
}

/** The client, the base URL it talks to, and the secrets it knows (the API key). ConfigError when no credential can be found. */
export function createLintClient(setup: LintClientSetup): { client: ChatClient; baseUrl: string; secrets: string[] } {
  const fromEnv = OPENAI_BASE_VARS.map((name) => setup.env[name]).find((value) => value !== undefined && value !== "");
  const baseUrl = setup.baseUrl ?? fromEnv ?? DEFAULT_OPENAI_UPSTREAM;
  if (setup.azure && setup.tokenCommand !== undefined) throw new ConfigError("bench lint options", ["--azure is a --token-command recipe: give one of them"]);
  if (setup.azure && baseUrl === DEFAULT_OPENAI_UPSTREAM) {
    throw new ConfigError("bench lint options", ["--azure needs your Azure OpenAI endpoint: --base-url https://RESOURCE.openai.azure.com/openai/v1 (or OPENAI_BASE_URL)"]);
  }
  const command = setup.azure ? AZURE_TOKEN_COMMAND : setup.tokenCommand;
  const key = setup.env.OPENAI_API_KEY || undefined;
  if (command === undefined && key === undefined && baseUrl === DEFAULT_OPENAI_UPSTREAM) {
    throw new ConfigError("bench lint options", ["no credential for the OpenAI API: set OPENAI_API_KEY, or give --token-command CMD or --azure; --rules codes the logs without a model"]);
  }
  const secrets = [...(setup.secrets ?? []), ...(key ? [key] : [])];
  const credential = command === undefined
    ? async () => key
    : async () => fetchToken({ command }, setup.cwd, buildChildEnv(TOKEN_ENV_ALLOWLIST, {}, setup.env));
  const client = new ChatClient({
    baseUrl, credential, refreshable: command !== undefined, timeoutMs: setup.timeoutMs, retries: setup.retries, secrets,
    ...(setup.signal ? { signal: setup.signal } : {}), ...(setup.onRetry ? { onRetry: setup.onRetry } : {}),
  });
  return { client, baseUrl, secrets };
}
