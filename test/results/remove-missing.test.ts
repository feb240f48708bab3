/**
 * `bench remove_missing` (agbench's remove_missing_cmd.py): runs without results are moved aside, not
 * deleted, so the next run redoes them; `bench clean --superseded` lists and deletes them; -a maps to
 * the az CLI token command.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { main } from "../../src/cli/main.ts";
import { parseRunArgs } from "../../src/cli/run-args.ts";
import { captureIO } from "../helpers/capture-io.ts";
import { tempDir } from "../helpers/fake-deps.ts";
import { writeAgbenchRun } from "./agbench-results.ts";

async function bench(cwd: string, ...argv: string[]) {
  const io = captureIO({ cwd });
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err() };
}

describe("bench remove_missing and clean --superseded", () => {
  it("moves agbench's crashed and unfinished runs and bench's interrupted ones aside, keeps the rest; clean lists and deletes", async () => {
    const cwd = await tempDir();
    const scenario = join(cwd, "Results/HumanEval");
    await writeAgbenchRun(join(scenario, "t0/0"), { verdict: "passed" });
    await writeAgbenchRun(join(scenario, "t0/1"), { verdict: "crashed" });
    await writeAgbenchRun(join(scenario, "t1/0"), { verdict: "failed" });
    await writeAgbenchRun(join(scenario, "t1/1"), { verdict: "unfinished" });
    await mkdir(join(scenario, "t2/0"), { recursive: true });
    await writeFile(join(scenario, "t2/0/run.sh"), "#!/bin/sh\n# Written by bench-action 0.1.0. POSIX sh; the runner enforces the timeout.\n");

    const dry = await bench(cwd, "remove_missing", "Results/HumanEval", "--dry-run");
    assert.equal(dry.code, 0, dry.err);
    assert.match(dry.out, /3 run folder\(s\) with missing results; nothing moved/);
    assert.ok(existsSync(join(scenario, "t0/1/console_log.txt")));

    const r = await bench(cwd, "remove_missing", "Results/HumanEval", "-c");
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /Moved 3 run folder\(s\) with missing results to .*\/Results\/\.superseded\/.*-remove-missing-[0-9a-f]{6}\/; the next bench run redoes them/);
    for (const kept of ["t0/0", "t1/0"]) assert.ok(existsSync(join(scenario, kept, "console_log.txt")), kept);
    for (const moved of ["t0/1", "t1/1", "t2/0"]) assert.ok(!existsSync(join(scenario, moved)), moved);

    const list = await bench(cwd, "clean", "--superseded", "--list");
    assert.equal(list.code, 0, list.err);
    assert.equal(list.out.trim().split("\n").length, 4, list.out);
    assert.match(list.out, /remove_missing: no completion marker in console_log\.txt \(crashed or unfinished\)/);
    assert.match(list.out, /remove_missing: interrupted: no result\.json/);
    assert.match(list.out, /Kept 3 superseded run folders \(\d+\.\d MiB\)\./);
    const crashed = list.out.split("\n").find((line) => line.includes("/HumanEval/t0/1"))!.split("  ")[0]!;
    assert.match(await readFile(join(crashed, "console_log.txt"), "utf8"), /SCENARIO\.PY EXITED WITH CODE: 1 !#!#/);

    const clean = await bench(cwd, "clean", "--superseded");
    assert.match(clean.out, /Deleted 3 superseded run folders/);
    assert.ok(!existsSync(join(cwd, "Results/.superseded")));
    assert.ok(!existsSync(join(cwd, "Results/.lock")));
  });

  it("run -a/--azure (agbench's -a) is --token-command with the az CLI recipe into AZURE_OPENAI_AD_TOKEN; an explicit --token-command wins", () => {
    for (const flag of ["--azure", "-a"]) {
      assert.deepEqual(parseRunArgs(["T", flag]).options.tokenCommand, {
        command: "az account get-access-token --resource https://cognitiveservices.azure.com --query accessToken -o tsv", envVar: "AZURE_OPENAI_AD_TOKEN",
      }, flag);
    }
    assert.equal(parseRunArgs(["T", "--token-command", "echo t", "--azure"]).options.tokenCommand?.command, "echo t");
  });
});
