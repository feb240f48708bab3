import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { cp, readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { main } from "../../src/cli/main.ts";
import { dockerEngine, NODE_IMAGE } from "../docker/engine.ts";
import { captureIO } from "../helpers/capture-io.ts";
import { tempDir } from "../helpers/fake-deps.ts";

const engine = await dockerEngine();

describe("examples/quickstart in Docker (bench run default runtime)", { skip: engine.skip }, () => {
  it("gives the same statuses as natively, each run in the given image", async () => {
    const dir = await tempDir("bench-qs-docker-");
    await cp(resolve(import.meta.dirname, "../../examples/quickstart"), dir, { recursive: true, filter: (src) => !src.includes("/Results") });
    const io = captureIO({ cwd: dir });
    assert.equal(await main(["run", "Tasks", "-d", NODE_IMAGE, "-p", "2", "--network", "none"], io), 1);
    assert.ok(io.out().includes("passed 3 · failed 1 · error 1 · timeout 1 · skipped 0 (total 6, 0 resumed)"));
    const hang = JSON.parse(await readFile(join(dir, "Results/faults/hang/0/result.json"), "utf8"));
    assert.deepEqual([hang.status, hang.runner, hang.image], ["timeout", "docker", NODE_IMAGE]);
    const manifest = JSON.parse(await readFile(join(dir, "Results/run.json"), "utf8"));
    assert.deepEqual([manifest.runner, manifest.image, manifest.images], ["docker", NODE_IMAGE, [NODE_IMAGE]]);
    assert.deepEqual(manifest.options.docker, { network: "none" });
  });
});
