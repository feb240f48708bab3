/**
 * Starting a benchmark: the shipped benchmarks in examples/, copying one into a folder offline, and
 * the `bench init` scaffold.
 * @module
 */
export { listBenchmarks, EXAMPLES_DIR } from "../src/clone/shipped-benchmarks.ts";
export type { ShippedBenchmark } from "../src/clone/shipped-benchmarks.ts";
export { cloneBenchmark } from "../src/clone/clone-benchmark.ts";
export type { CloneOptions } from "../src/clone/clone-benchmark.ts";
export { initProject, INIT_TEMPLATE_DIR } from "../src/clone/init-project.ts";
export type { InitOptions } from "../src/clone/init-project.ts";
