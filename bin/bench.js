#!/usr/bin/env node
// `bench`: the compiled CLI when lib/ is current, else the sources through tsx (see cli-entry.js).
import { loadMain } from "./cli-entry.js";

// A reader that went away (`bench run … | head -1`) must not crash a run midway (its runs and
// Results/.lock left behind): what bench prints after that is dropped and the command finishes.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error) => {
    if (error.code !== "EPIPE") throw error;
  });
}

const main = await loadMain();
process.exitCode = await main(process.argv.slice(2));
