/** examples/agbenchmark-mini/Tasks is exactly what `bench import agbenchmark challenges --out Tasks --mock` writes. */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readFile, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { importAgbenchmark } from "../../sdk/index.ts";

const EXAMPLE = fileURLToPath(new URL("../../examples/agbenchmark-mini/", import.meta.url));

async function files(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(dir.length + 1)).sort();
}

describe("examples/agbenchmark-mini", () => {
  it("ships the importer's output unchanged (re-import with --mock gives the same files)", async () => {
    const out = join(await mkdtemp(join(tmpdir(), "agbm-")), "Tasks");
    const result = await importAgbenchmark(join(EXAMPLE, "challenges"), out, { mock: true });
    assert.equal(result.count, 3);
    const committed = join(EXAMPLE, "Tasks");
    const list = await files(out);
    assert.deepEqual(await files(committed), list);
    for (const file of list) {
      assert.equal(await readFile(join(committed, file), "utf8"), await readFile(join(out, file), "utf8"), file);
    }
  });
});
