// Each concept has one implementation (docs/architecture.md, "Layers"): a scan of src/ and action/ for
// code that would be a second process spawner, a second reader of run.json or result.json, a second YAML
// loader or a second timer-less option parser. A second copy under another name is what no text search
// finds later; this test finds the ones a text search can.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

const ROOT = new URL("../../", import.meta.url).pathname;

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts"))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)));
}

const FILES = [...sources("src"), ...sources("action")].map((path) => ({ path, text: readFileSync(join(ROOT, path), "utf8") }));

/** The files whose text matches every pattern. */
const where = (...patterns: RegExp[]): string[] => FILES.filter((f) => patterns.every((p) => p.test(f.text))).map((f) => f.path).sort();

describe("one implementation per concept", () => {
  it("processes: only the process helper imports node:child_process", () => {
    assert.deepEqual(where(/from "node:child_process"/), ["src/process/run-process.ts"]);
  });

  it("run.json and result.json: parsed only by their readers", () => {
    assert.deepEqual(where(/JSON\.parse/, /MANIFEST_FILE|"run\.json"/), ["src/results/read-manifest.ts"]);
    // The viewer shows a result.json's fields as they are, masked, also when the file is not a valid result.
    assert.deepEqual(where(/JSON\.parse/, /RESULT_FILE|"result\.json"/), ["src/results/result-file.ts", "src/view/page-run.ts"]);
  });

  it("YAML: parsed only by the config reader (the codebook re-reads node positions after it)", () => {
    assert.deepEqual(where(/import \{[^}]*\b(parse|parseDocument|parseAllDocuments)\b[^}]*\} from "yaml"/), ["src/config/parse-yaml.ts", "src/lint/codebook.ts"]);
  });

  it("atomic files: one writer (a temp file renamed over the target); folders and the lock are renamed or linked whole", () => {
    assert.deepEqual(where(/writeFile\(temp\b/, /rename\(temp\b/), ["src/results/write-json-atomic.ts"]);
  });

  it("bounded pools: one (runPool); option values: read by src/options/values.ts, not Number() in the CLI", () => {
    assert.deepEqual(where(/export (async )?function \w*[pP]ool\b/), ["src/run/worker-pool.ts"]);
    assert.deepEqual(where(/Number\(values\b|Number\(values\[/).filter((path) => path.startsWith("src/cli/")), []);
  });
});
