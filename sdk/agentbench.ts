/**
 * AgentBench-style YAML configs: instances with `from:` inheritance, assignments (agent × task),
 * running them, and the HTTP agent with its prompters.
 * @module
 */
export { ConfigLoader } from "../src/config/agentbench/config-loader.ts";
export { expandAssignments } from "../src/config/agentbench/expand-assignments.ts";
export type { AssignmentRun, ExpandAssignmentsOptions } from "../src/config/agentbench/expand-assignments.ts";
export { runAssignments } from "../src/config/agentbench/run-assignments.ts";
export type { AssignmentSummary, RunFn } from "../src/config/agentbench/run-assignments.ts";
export { loadInstance } from "../src/config/agentbench/load-instance.ts";
export type { Instance, LoadContext } from "../src/config/agentbench/load-instance.ts";
export { createHttpAgent, buildHttpRequest, extractReply } from "../src/config/agentbench/http-agent.ts";
export type { HttpAgent, HttpAgentParameters, HttpRequestSpec } from "../src/config/agentbench/http-agent.ts";
export { roleContentDict, promptString, createPrompter } from "../src/config/agentbench/prompters.ts";
export type { Message, Prompter, PromptStringArgs, RoleContentDictArgs } from "../src/config/agentbench/prompters.ts";
