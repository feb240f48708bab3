/**
 * Model usage (docs/usage.md): the recording proxy's records, the price table, usage.json, the
 * usage over a Tabulation and a Comparison, and how tokens and costs are formatted.
 * @module
 */
export type { RunUsage, UsageRequest, UsageOptions, PriceTable, ModelPrice, ModelCacheMode, Provider } from "../src/usage/usage-types.ts";
export { DEFAULT_PRICES, priceOf, costOf, loadPrices } from "../src/usage/prices.ts";
export { USAGE_FILE } from "../src/usage/usage-file.ts";
export type { UsageFile } from "../src/usage/usage-file.ts";
export { formatTokens, formatUsd, formatDelta, addUsage, usageLine, usageStatsLine } from "../src/usage/format-usage.ts";
export type { UsageStats, TrialUsage } from "../src/tabulate/usage-stats.ts";
export type { UsageComparison, UsageDelta } from "../src/compare/compare-usage.ts";
export { usageHeadline } from "../src/compare/render-usage.ts";
export type { ProxyEndpoint } from "../src/usage/usage-session.ts";
