/** What is kept of a model's answer (src/lint/model-coder.ts parseAnswer): shape, names, lines, codebook. */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { ModelError } from "../../src/lint/chat-client.ts";
import { parseAnswer } from "../../src/lint/model-coder.ts";

const example = (line: number, lineEnd = line) => ({ reason: `at ${line}`, line_content: "x", line, line_end: lineEnd });

describe("the model's answer", () => {
  it("normalises names as agbench does, merges codes of one name, most severe first", () => {
    const codes = parseAnswer(JSON.stringify({ codes: [
      { name: "Minor Noise 2", definition: "d0", severity: 0, examples: [example(1)] },
      { name: "Looped Without Progress", definition: "d1", severity: 1, examples: [example(2)] },
      { name: "looped-without-progress", definition: "d2", severity: 2, examples: [example(3, 5)] },
    ] }), 10);
    assert.deepEqual(codes.map((c) => [c.name, c.severity, c.examples.map((e) => [e.line, e.line_end])]), [
      ["looped-without-progress", 2, [[2, 2], [3, 5]]],
      // agbench's rule exactly: spaces to hyphens, then everything but a-z and - dropped (the digit goes, its hyphen stays).
      ["minor-noise-", 0, [[1, 1]]],
    ]);
  });

  it("drops evidence outside the log, and mends a line_end before its line", () => {
    const [code] = parseAnswer(JSON.stringify({ codes: [{ name: "a-b", definition: "d", severity: 1, examples: [example(0), example(11), example(4, 2), example(10)] }] }), 10);
    assert.deepEqual(code?.examples.map((e) => [e.line, e.line_end]), [[4, 4], [10, 10]]);
  });

  it("keeps only the codebook's codes", () => {
    const codes = parseAnswer(JSON.stringify({ codes: [{ name: "kept", definition: "d", severity: 1, examples: [] }, { name: "invented", definition: "d", severity: 1, examples: [] }] }), 3, ["kept"]);
    assert.deepEqual(codes.map((c) => c.name), ["kept"]);
  });

  it("reads JSON in a Markdown fence (servers without Structured Outputs)", () => {
    const codes = parseAnswer('```json\n{"codes": [{"name": "x-y", "definition": "d", "severity": 2, "examples": []}]}\n```', 3);
    assert.deepEqual(codes.map((c) => c.name), ["x-y"]);
  });

  it("refuses what is not the shape asked for, naming the field", () => {
    assert.throws(() => parseAnswer("Sure! Here are the codes:", 3), (e: unknown) => e instanceof ModelError && /^the model's answer is not JSON \(.+\); it begins: "Sure! Here are the codes:"$/.test(e.message));
    assert.throws(() => parseAnswer('{"codes": {}}', 3), { message: "the model's answer does not have the shape asked for: codes: expected a list" });
    assert.throws(() => parseAnswer('{"codes": [{"name": "a", "definition": "d", "severity": 1, "examples": [{"reason": "r", "line_content": "c", "line": 1.5, "line_end": 2}]}]}', 3),
      { message: "the model's answer does not have the shape asked for: codes[0].examples[0]: expected integer line and line_end" });
  });
});
