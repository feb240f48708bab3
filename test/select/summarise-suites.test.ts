import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { scoreSameTaskMembers, sameTaskGroups, isSameTaskFollower } from "../../src/select/same-task.ts";
import { summariseSuites } from "../../src/select/summarise-suites.ts";
import { highestDifficulty } from "../../src/select/difficulty.ts";
import { result, task } from "./make-task.ts";

describe("summariseSuites", () => {
  it("gives percentage, highest difficulty among passes and summed run time", () => {
    const results = [
      result("TestRevenue_1.0", "passed", { suite: "TestRevenue", difficulty: "novice", durationMs: 1500, category: ["retrieval"] }),
      result("TestRevenue_1.1", "failed", { suite: "TestRevenue", difficulty: "advanced", durationMs: 500, category: ["retrieval"] }),
      result("alone", "passed"),
      result("TestReturnCode_Simple", "failed", { suite: "TestReturnCode", difficulty: "basic" }),
    ];
    const [revenue, returnCode] = summariseSuites(results);
    assert.equal(revenue?.suite, "TestRevenue");
    assert.equal(revenue?.percentage, 50);
    assert.equal(revenue?.highest_difficulty, "novice");
    assert.equal(revenue?.run_time_seconds, 2);
    assert.deepEqual(revenue?.category, ["retrieval"]);
    assert.deepEqual(revenue?.tests.map((t) => [t.id, t["success_%"]]), [["TestRevenue_1.0", 100], ["TestRevenue_1.1", 0]]);
    assert.equal(returnCode?.percentage, 0);
    assert.equal(returnCode?.highest_difficulty, "No successful tests");
  });

  it("averages task pass rates over repetitions", () => {
    const results = [
      result("a", "passed", { suite: "S" }), result("a", "failed", { suite: "S", rep: 1 }),
      result("b", "passed", { suite: "S" }), result("b", "passed", { suite: "S", rep: 1 }),
    ];
    assert.equal(summariseSuites(results)[0]?.percentage, 75);
  });

  it("orders difficulties interface < basic < novice < intermediate < advanced < expert < human", () => {
    assert.equal(highestDifficulty(["human", "interface", "expert"]), "human");
    assert.equal(highestDifficulty(["basic", "intermediate", "novice"]), "intermediate");
    assert.equal(highestDifficulty([undefined, "whatever"]), undefined);
  });
});

describe("same_task suites", () => {
  it("runs the first member and scores every other member against its run folder", async () => {
    const flags = { suite: "TestRevenue", extra: { same_task: true } };
    const members = [task("TestRevenue_1.0", flags), task("TestRevenue_1.1", { ...flags, difficulty: "advanced" }), task("other")];
    const groups = sameTaskGroups(members);
    assert.deepEqual([...groups].map(([k, v]) => [k, v.map((t) => t.id)]), [["suite/TestRevenue_1.0", ["TestRevenue_1.1"]]]);
    assert.equal(isSameTaskFollower(members[1]!, groups), true);
    assert.equal(isSameTaskFollower(members[0]!, groups), false);
    const seen: string[] = [];
    const leader = result("TestRevenue_1.0", "passed", { suite: "TestRevenue" });
    const out = await scoreSameTaskMembers(leader, "/runs/lead", groups.get("suite/TestRevenue_1.0")!, async (ctx) => {
      seen.push(`${ctx.runDir}:${ctx.scenario?.id}`);
      return { status: "failed", score: { success: false, source: "grounds" } };
    });
    assert.deepEqual(seen, ["/runs/lead:TestRevenue_1.1"]);
    assert.equal(out[0]?.id, "TestRevenue_1.1");
    assert.equal(out[0]?.status, "failed");
    assert.equal(out[0]?.difficulty, "advanced");
    assert.equal(out[0]?.reason, "same_task suite TestRevenue: scored against the run of TestRevenue_1.0");
  });

  it("shares an error of the leader with the members", async () => {
    const member = task("m", { suite: "S", extra: { same_task: true } });
    const out = await scoreSameTaskMembers(result("lead", "timeout"), "/x", [member], async () => assert.fail("not scored"));
    assert.equal(out[0]?.status, "timeout");
  });
});
