import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { runScenariosWith } from "../../src/run/run-scenarios.ts";
import type { RunTask } from "../../src/runners/runner.ts";
import { fakeDeps, makeScenario, tempDir } from "../helpers/fake-deps.ts";
import { FakeRunner } from "../helpers/fake-runner.ts";

const SECRET = "sk-secret-0123456789";

class ThrowingRunner extends FakeRunner {
  override async prepare(_tasks: readonly RunTask[]): Promise<void> {
    throw new Error(`image build failed with key ${SECRET}`);
  }
}

describe("run.json when the invocation throws", () => {
  it("is marked failed with the (masked) error, not left running", async () => {
    const cwd = await tempDir("bench-failed-");
    const runner = new ThrowingRunner();
    const deps = fakeDeps({ inputs: { "*": [makeScenario("t")] }, env: { KEY: SECRET }, secrets: [SECRET] });
    await assert.rejects(runScenariosWith(deps, "x", { runner, cwd }), { message: `image build failed with key ${SECRET}` });
    const manifest = JSON.parse(await readFile(join(cwd, "Results/run.json"), "utf8")) as { state: string; error?: string };
    assert.equal(manifest.state, "failed");
    assert.equal(manifest.error, "image build failed with key ***");
    assert.equal(runner.closed, 1);
  });
});
