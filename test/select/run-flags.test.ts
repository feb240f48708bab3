import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { parseRunArgs } from "../../src/cli/run-args.ts";

describe("bench run agbenchmark flags", () => {
  it("map to RunOptions", () => {
    const { options } = parseRunArgs(["Tasks", "--category", "code", "--category", "data", "--skip-category", "slow", "--no-dep", "--improve", "--cutoff", "90", "--no-history"]);
    assert.deepEqual(
      { categories: options.categories, skipCategories: options.skipCategories, noDep: options.noDep, mode: options.mode, cutoff: options.cutoff, noHistory: options.noHistory },
      { categories: ["code", "data"], skipCategories: ["slow"], noDep: true, mode: "improve", cutoff: 90, noHistory: true },
    );
    assert.equal(parseRunArgs(["Tasks", "--test", "TestWriteFile", "--no-cutoff"]).options.test, "TestWriteFile");
    assert.deepEqual(parseRunArgs(["Tasks", "--test", "WriteFile", "--test", "ReadFile"]).options.test, ["WriteFile", "ReadFile"]);
    assert.equal(parseRunArgs(["Tasks", "-c", "config.yaml"]).options.configFile, "config.yaml");
  });

  it("reject conflicting or bad values", () => {
    assert.throws(() => parseRunArgs(["Tasks", "--maintain", "--explore"]), { message: "--maintain, --explore are mutually exclusive" });
    assert.throws(() => parseRunArgs(["Tasks", "--cutoff", "0"]), { message: "--cutoff: expected a number of seconds > 0 (e.g. 600, 1.5, 10m, 2h), got '0'" });
    assert.throws(() => parseRunArgs(["Tasks", "--cutoff", "5", "--no-cutoff"]), { message: "--cutoff, --no-cutoff are mutually exclusive" });
  });
});
