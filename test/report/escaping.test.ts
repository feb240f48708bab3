import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { csvField } from "../../src/report/render-csv.ts";
import { xmlEscape } from "../../src/report/render-junit.ts";
import { highestDifficulty } from "../../src/report/render-agbenchmark.ts";
import { makeTabulation } from "../tabulate/make-tabulation.ts";

describe("escaping and difficulty order", () => {
  it("csv quotes fields with commas, quotes and newlines", () => {
    assert.equal(csvField("plain"), "plain");
    assert.equal(csvField('a,"b"\nc'), '"a,""b""\nc"');
  });
  it("xml escapes the five specials and drops forbidden control characters", () => {
    assert.equal(xmlEscape(`<a href="x">&'\u0007`), "&lt;a href=&quot;x&quot;&gt;&amp;&apos;");
  });
  it("highest_difficulty follows interface < basic < novice < intermediate < advanced < expert < human over fully passed tasks", () => {
    const rows = makeTabulation({ s: { a: "P", b: "P", c: "F" } }).suites[0]!.rows;
    rows[0]!.difficulty = "novice";
    rows[1]!.difficulty = "Intermediate";
    rows[2]!.difficulty = "human"; // failed: does not count
    assert.equal(highestDifficulty(rows), "intermediate");
    assert.equal(highestDifficulty(rows.slice(2)), "No successful tests");
  });
});
