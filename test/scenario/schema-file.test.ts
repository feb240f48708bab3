import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { KNOWN_SCENARIO_KEYS, SCENARIO_SCHEMA } from "../../src/scenario/scenario-schema.ts";
import { loadScenarios } from "../../src/scenario/load-scenarios.ts";

const ROOT = join(import.meta.dirname, "../..");
const readJson = async (path: string) => JSON.parse(await readFile(join(ROOT, path), "utf8")) as Record<string, unknown>;

describe("schema/scenario.schema.json: the published file is the loader's schema", () => {
  it("the loader's schema is the file's content", async () => {
    assert.deepEqual(SCENARIO_SCHEMA, await readJson("schema/scenario.schema.json"));
  });

  it("docs/scenarios.md documents every key of a line and of score", async () => {
    const doc = await readFile(join(ROOT, "docs/scenarios.md"), "utf8");
    const score = (SCENARIO_SCHEMA.definitions as { score: { properties: object } }).score;
    const undocumented = [...KNOWN_SCENARIO_KEYS, ...Object.keys(score.properties)].filter((key) => !doc.includes(`| \`${key}\` |`));
    assert.deepEqual(undocumented, []);
  });

  it("ships in the npm package and the JSR package", async () => {
    const pkg = await readJson("package.json");
    const deno = await readJson("deno.json");
    assert.ok((pkg.files as string[]).includes("schema/"));
    assert.ok(((deno.publish as { include: string[] }).include).includes("schema/"));
  });

  it("every shipped example and the bench init scaffold is pure JSON Lines (no // lines: jq and json.loads read it)", async () => {
    for (const file of ["templates/init/Tasks/example.jsonl", "examples/quickstart/Tasks/adder.jsonl", "examples/quickstart/Tasks/faults.jsonl",
      "examples/humaneval-mini/Tasks/human_eval.jsonl", "examples/agbenchmark-mini/Tasks/agbenchmark.jsonl", "examples/llm-agent/Tasks/questions.jsonl",
      "examples/embed/tasks/echo.jsonl"]) {
      const lines = (await readFile(join(ROOT, file), "utf8")).split("\n").filter((line) => line !== "");
      assert.ok(lines.length > 0, file);
      for (const line of lines) assert.doesNotThrow(() => JSON.parse(line), `${file}: ${line}`);
    }
  });

  it("every shipped example and the bench init scaffold passes it", async () => {
    for (const dir of ["examples/quickstart/Tasks", "examples/humaneval-mini/Tasks", "examples/agbenchmark-mini/Tasks", "examples/llm-agent/Tasks", "examples/embed/tasks", "templates/init/Tasks"]) {
      const { scenarios } = await loadScenarios(join(ROOT, dir));
      assert.ok(scenarios.length > 0, dir);
    }
  });
});
