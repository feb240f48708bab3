import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdir, readFile, writeFile } from "node:fs/promises";
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

describe("run.json's until-decided design across a look's rewrites", () => {
  const design = { alpha: 0.05, threshold: 0, budget: 6, looks: [{ runs: 2, fraction: 0.5 }] };
  const seeded = async () => {
    const cwd = await tempDir("bench-design-");
    await mkdir(join(cwd, "Results"), { recursive: true });
    await writeFile(join(cwd, "Results/run.json"), JSON.stringify({ state: "complete", untilDecided: design }));
    return cwd;
  };
  const deps = () => fakeDeps({ inputs: { "*": [makeScenario("a"), makeScenario("b")] } });
  const readDesign = async (cwd: string) => (JSON.parse(await readFile(join(cwd, "Results/run.json"), "utf8")) as { untilDecided?: unknown }).untilDecided;

  it("is kept by a look (repeatPerTask), even one that ends early, so uneven trials keep their rule", async () => {
    const cwd = await seeded();
    const runner = new FakeRunner({ "*": { block: true } });
    const controller = new AbortController();
    const pending = runScenariosWith(deps(), "x", { runner, cwd, repeatPerTask: { suite: { a: 2, b: 1 } }, signal: controller.signal });
    await runner.started(1);
    assert.deepEqual(await readDesign(cwd), design, "the look's first rewrite keeps it");
    controller.abort();
    const summary = await pending;
    assert.equal(summary.aborted, true);
    const manifest = JSON.parse(await readFile(join(cwd, "Results/run.json"), "utf8")) as { state: string; untilDecided?: unknown };
    assert.equal(manifest.state, "aborted");
    assert.deepEqual(manifest.untilDecided, design);
  });

  it("is dropped by a plain run over the same folder (its trials follow no sequential design)", async () => {
    const cwd = await seeded();
    await runScenariosWith(deps(), "x", { runner: new FakeRunner(), cwd, repeat: 2 });
    assert.equal(await readDesign(cwd), undefined);
  });
});
