/**
 * bench-action: run agent benchmark scenarios (agbench-compatible JSONL + templates) in isolated
 * run folders, score them truthfully, tabulate and compare base with head.
 *
 * The root exports the whole SDK. Each domain is also a subpath of its own, which loads only what
 * it needs: `bench-action/run`, `/score`, `/results`, `/docker`, `/report`, `/compare`, `/history`,
 * `/usage`, `/agbenchmark`, `/agentbench`, `/view`, `/lint` and `/scaffold` (docs/architecture.md, "SDK").
 * @module
 */
export * from "./run.ts";
export * from "./score.ts";
export * from "./results.ts";
export * from "./docker.ts";
export * from "./report.ts";
export * from "./compare.ts";
export * from "./history.ts";
export * from "./usage.ts";
export * from "./agbenchmark.ts";
export * from "./agentbench.ts";
export * from "./view.ts";
export * from "./lint.ts";
export * from "./scaffold.ts";
