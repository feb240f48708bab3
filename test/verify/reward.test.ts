import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, mkdir, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readReward } from "../../src/verify/reward.ts";

async function logs(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "bench-reward-"));
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}

describe("readReward (Harbor's reward.txt / reward.json)", () => {
  it("reads a number from reward.txt, metrics from reward.json; reward.txt wins", async () => {
    assert.deepEqual(await readReward(await logs({ "reward.txt": " 0.5\n" })), { ok: true, reward: 0.5, file: "reward.txt" });
    assert.deepEqual(await readReward(await logs({ "reward.txt": "1", "reward.json": '{"reward": 0, "passed": 3, "note": "x"}' })), {
      ok: true, reward: 1, file: "reward.txt", metrics: { reward: 0, passed: 3 },
    });
    assert.deepEqual(await readReward(await logs({ "reward.json": '{"accuracy": 0.75}' })), { ok: true, reward: 0.75, file: "reward.json", metrics: { accuracy: 0.75 } });
  });
  it("refuses what is not a reward in [0, 1], naming the file", async () => {
    assert.deepEqual(await readReward(await logs({})), { ok: false, reason: "the verifier wrote no reward.txt or reward.json" });
    assert.deepEqual(await readReward(await logs({ "reward.txt": "1.5" })), { ok: false, reason: 'reward.txt holds "1.5": expected a number in [0, 1]' });
    assert.deepEqual(await readReward(await logs({ "reward.txt": "" })), { ok: false, reason: 'reward.txt holds "": expected a number in [0, 1]' });
    // JavaScript's Number() reads these as 1; Harbor's float() refuses them, and so does bench.
    for (const text of ["0x1", "0b1", "0o1", "1 1", "true"]) {
      assert.deepEqual(await readReward(await logs({ "reward.txt": text })), { ok: false, reason: `reward.txt holds ${JSON.stringify(text)}: expected a number in [0, 1]` }, text);
    }
    assert.deepEqual(await readReward(await logs({ "reward.txt": "1e0\n" })), { ok: true, reward: 1, file: "reward.txt" });
    assert.deepEqual(await readReward(await logs({ "reward.txt": "+.5" })), { ok: true, reward: 0.5, file: "reward.txt" });
    assert.deepEqual(await readReward(await logs({ "reward.json": '{"a": 1, "b": 0}' })), { ok: false, reason: 'reward.json has no "reward" number (and not exactly one number)' });
    assert.deepEqual(await readReward(await logs({ "reward.json": "[1]" })), { ok: false, reason: "reward.json is not a JSON object" });
    assert.deepEqual(await readReward(await logs({ "reward.json": '{"reward": -1}' })), { ok: false, reason: "reward.json's reward is -1: expected a number in [0, 1]" });
  });
  it("never follows a symlink or reads a folder", async () => {
    const dir = await logs({});
    await symlink("/etc/hostname", join(dir, "reward.txt"));
    assert.deepEqual(await readReward(dir), { ok: false, reason: "reward.txt is not a regular file" });
    const other = await logs({});
    await mkdir(join(other, "reward.json"));
    assert.deepEqual(await readReward(other), { ok: false, reason: "reward.json is not a regular file" });
  });
});
