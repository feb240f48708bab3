import "./cjs-globals.ts";
import { actionCore, realDeps } from "./real-deps.ts";
import { run } from "./run.ts";
run(actionCore(), realDeps(process.env)).catch((error: unknown) => actionCore().setFailed(String(error)));
