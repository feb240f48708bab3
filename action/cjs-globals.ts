// ssh2 (via dockerode) reads __dirname/__filename/require at load time; an ESM bundle has none.
// Imported first by the entries so they exist before any bundled CommonJS module runs.
import { createRequire } from "node:module";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";

const globals = globalThis as Record<string, unknown>;
const filename = fileURLToPath(import.meta.url);
globals["__filename"] ??= filename;
globals["__dirname"] ??= dirname(filename);
globals["require"] ??= createRequire(import.meta.url);
