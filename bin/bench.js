#!/usr/bin/env node
// `bench`: the compiled CLI when lib/ is current, else the sources through tsx (see cli-entry.js).
import { loadMain } from "./cli-entry.js";

const main = await loadMain();
process.exitCode = await main(process.argv.slice(2));
