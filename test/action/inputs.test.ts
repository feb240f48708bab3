import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { INPUT_DEFAULTS, readInputs } from "../../action/inputs.ts";
import { artifactNameFor, isResultsArtifact, latestAttempts } from "../../action/shard-artifacts.ts";

const get = (values: Record<string, string>) => (name: string): string => values[name] ?? "";

describe("action inputs", () => {
  it("action.yml declares exactly the inputs the code reads, with the same defaults", () => {
    const yml = parse(readFileSync(new URL("../../action.yml", import.meta.url), "utf8")) as {
      inputs: Record<string, { default?: string; description: string }>; runs: Record<string, string>;
    };
    const declared = Object.fromEntries(Object.entries(yml.inputs).map(([k, v]) => [k, String(v.default ?? "")]));
    assert.deepEqual(declared, INPUT_DEFAULTS);
    assert.deepEqual(yml.runs, { using: "node24", main: "dist/index.js", post: "dist/post.js" });
    for (const [name, spec] of Object.entries(yml.inputs)) assert.ok(spec.description.length > 10, `${name} is documented`);
  });

  it("usage inputs: off by default; limits, prices and the model cache read and checked", () => {
    assert.deepEqual([readInputs(get({})).run.recordUsage, readInputs(get({})).run.usage], [undefined, undefined]);
    const inputs = readInputs(get({ "record-usage": "true", "max-tokens": "9000", "max-cost": "$1.5", prices: "prices.yaml", "model-cache": "read" }));
    assert.deepEqual([inputs.run.recordUsage, inputs.run.usage], [true, { maxTokens: 9000, maxCostUsd: 1.5, prices: "prices.yaml", modelCache: "read" }]);
    assert.throws(() => readInputs(get({ "max-tokens": "0", "max-cost": "cheap", "model-cache": "yes" })), {
      message: "Invalid action inputs:\n  input 'max-tokens' must be a whole number ≥ 1, got \"0\"\n  input 'max-cost' must be an amount in USD > 0 (e.g. 0.5 or $0.50), got \"cheap\"\n  input 'model-cache' must be one of read, write, off, got \"yes\"",
    });
  });

  it("defaults give a docker run of Tasks that fails on regression and updates one comment", () => {
    const inputs = readInputs(get({}));
    assert.deepEqual(inputs.scenarios, ["Tasks"]);
    assert.equal(inputs.runtime, "docker");
    assert.deepEqual(inputs.baseline, { kind: "auto" });
    assert.deepEqual(inputs.failOn, ["regression"]);
    assert.equal(inputs.commentMode, "update");
    assert.equal(inputs.githubToken, "", "an unexpanded ${{ github.token }} is no token");
  });

  it("repeat left at action.yml's default: one trial per task, and until-decided's own budget (5 per task, as the CLI's)", () => {
    // The runner fills every input the workflow leaves out with action.yml's default.
    const asRunner = (given: Record<string, string>) => get({ ...INPUT_DEFAULTS, ...given });
    assert.equal(readInputs(asRunner({ "until-decided": "true" })).run.repeat, undefined);
    assert.equal(readInputs(asRunner({})).run.repeat, undefined);
    assert.equal(readInputs(asRunner({ "until-decided": "true", repeat: "3" })).run.repeat, 3);
  });

  it("parses shard, baseline file:, rates and lists", () => {
    const inputs = readInputs(get({ shard: "2/4", baseline: "file:base/Results", "min-pass-rate": "80%", "fail-on": "threshold, error", scenarios: "a.jsonl\nb/" }));
    assert.deepEqual(inputs.shard, { index: 2, count: 4 });
    assert.deepEqual(inputs.baseline, { kind: "file", path: "base/Results" });
    assert.equal(inputs.minPassRate, 0.8);
    assert.deepEqual(inputs.failOn, ["threshold", "error"]);
    assert.deepEqual(inputs.scenarios, ["a.jsonl", "b/"]);
  });

  it("reports every bad input at once, each by name", () => {
    assert.throws(() => readInputs(get({ parallel: "0", baseline: "latest", "fail-on": "threshold", "retention-days": "401", filter: "(" })), {
      name: "ConfigError",
      message: "Invalid action inputs:\n" +
        "  input 'parallel' must be a whole number ≥ 1, got \"0\"\n" +
        "  input 'filter' must be a valid regular expression, got \"(\"\n" +
        "  input 'baseline' must be auto | artifact | file:<path> | none, got \"latest\"\n" +
        "  input 'min-pass-rate' is required when 'fail-on' includes threshold\n" +
        "  input 'retention-days' must be a whole number from 1 to 400, got \"401\"",
    });
  });

  it("subsample: a fraction in (0, 1) or a whole count (1 is one task, 1.0 is all as in agbench)", () => {
    assert.equal(readInputs(get({ subsample: "0.25" })).run.subsample, 0.25);
    assert.equal(readInputs(get({ subsample: "1" })).run.subsample, 1);
    assert.equal(readInputs(get({ subsample: "1.0" })).run.subsample, undefined);
    for (const bad of ["0", "1.5", "-1", "x"]) {
      assert.throws(() => readInputs(get({ subsample: bad })), {
        message: `Invalid action inputs:\n  input 'subsample' must be a fraction in (0, 1) or a whole count ≥ 1 (1 = one task), got "${bad}"`,
      });
    }
  });

  it("names shard artifacts uniquely and recognises them", () => {
    assert.equal(artifactNameFor("bench-results", { index: 2, count: 4 }), "bench-results-shard-2-of-4");
    assert.equal(artifactNameFor("bench-results"), "bench-results");
    assert.ok(isResultsArtifact("bench-results", "bench-results-shard-2-of-4"));
    assert.ok(!isResultsArtifact("bench-results", "bench-results-baseline"));
    assert.ok(!isResultsArtifact("bench-results", "bench-results-shard-x"));
  });

  it("a re-run's attempt is in the name; readers keep each leg's latest attempt", () => {
    assert.equal(artifactNameFor("bench-results", { index: 2, count: 4 }, 3), "bench-results-shard-2-of-4-attempt-3");
    assert.equal(artifactNameFor("bench-results", undefined, 2), "bench-results-attempt-2");
    assert.equal(artifactNameFor("bench-results", undefined, 1), "bench-results");
    assert.ok(isResultsArtifact("bench-results", "bench-results-attempt-2"));
    assert.ok(!isResultsArtifact("bench-results", "bench-results-attempt-1"), "attempt 1 has no suffix");
    assert.ok(!isResultsArtifact("bench-results", "bench-results-attempt-"));
    const names = ["bench-results-shard-2-of-2", "bench-results-shard-1-of-2-attempt-3", "bench-results-shard-1-of-2", "bench-results-shard-1-of-2-attempt-2", "other"];
    assert.deepEqual(latestAttempts("bench-results", names.map((name) => ({ name }))).map((a) => a.name), ["bench-results-shard-1-of-2-attempt-3", "bench-results-shard-2-of-2"]);
  });
});
