#!/usr/bin/env node
// `npm run demo`: runs examples/quickstart natively. The quickstart fails some runs on purpose, so
// `bench run`'s exit code 1 ("some runs failed") is the expected outcome and becomes 0 here; any other
// code (usage error 2, interrupted 130) is passed on. The CLI runs in this process so that a crash
// (a missing dependency, a bug) cannot be mistaken for that 1: it exits 3 instead. Extra arguments go
// to `bench run`, e.g. `npm run demo -- --repeat 3`.
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const args = [
  "run", `${root}examples/quickstart/Tasks`, "--native",
  "--results-dir", `${root}examples/quickstart/Results`, "-p", "2", ...process.argv.slice(2),
];
let code;
try {
  const { loadMain } = await import("../bin/cli-entry.js");
  const main = await loadMain();
  code = await main(args);
} catch (error) {
  console.error("demo: bench crashed:", error);
  process.exit(3);
}
if (code === 1) {
  console.log("demo: some runs failed, errored or timed out, as designed (see examples/quickstart/README.md);");
  console.log(`      see the table with: npx bench tabulate examples/quickstart/Results`);
}
process.exit(code === 0 || code === 1 ? 0 : code);
