/** lineOfPath: the line behind a key path, which AgentBench v0.1 errors put after the file name. */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { lineOfPath } from "../../src/config/parse-yaml.ts";

describe("lineOfPath", () => {
  it("finds mapping keys and list items at any depth, and nothing for paths the text lacks", () => {
    const text = "default:\n  agent: a.yaml\nassignments:\n  - task: t.yaml\n  - agent:\n      from: b.yaml\n    tsak: x\nflow: [1, 2]\n";
    const at = (path: string) => lineOfPath(text, path);
    assert.deepEqual(
      ["default", "default.agent", "assignments[0]", "assignments[1].agent.from", "assignments[1].tsak", "flow[1]"].map(at),
      [1, 2, 4, 6, 7, 8],
    );
    assert.equal(at("assignments[2]"), undefined);
    assert.equal(at("default.task"), undefined);
    assert.equal(at("default.agent.x"), undefined, "a scalar has no keys");
    assert.equal(lineOfPath("a: [unclosed\n", "a"), 1, "a broken file still gives what it can");
  });
});
