import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { createGrader } from "../../src/score/grading.ts";
import { scoreRun } from "../../src/score/score-run.ts";
import { findCustomTabulate } from "../../src/tabulate/custom-tabulate.ts";

async function temp(): Promise<string> {
  return mkdtemp(join(tmpdir(), "bench-scorer-"));
}

async function run(root: string, log: string): Promise<string> {
  const dir = join(root, "Results", "s", "t", "0");
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, "console_log.txt"), log);
  return dir;
}

describe("scoreRun step 2a: custom scorer module", () => {
  it("a .ts module's score(runDir) decides (loaded with dynamic import under tsx)", async () => {
    const root = await temp();
    const scorer = join(root, "scorer.ts");
    await writeFile(scorer, `import { readFileSync } from "node:fs";
export function score(runDir: string): { success: boolean; score: number } {
  const text: string = readFileSync(runDir + "/console_log.txt", "utf8");
  return { success: text.includes("42"), score: text.length };
}\n`);
    const dir = await run(root, "42");
    assert.deepEqual(await scoreRun({ runDir: dir, exitCode: 1, scorer, customTabulate: false }), {
      status: "passed", score: { success: true, score: 2, source: "scorer" },
    });
  });
  it("an async .mjs scorer returning a boolean", async () => {
    const root = await temp();
    const scorer = join(root, "s.mjs");
    await writeFile(scorer, `export async function score() { return false; }\n`);
    const dir = await run(root, "");
    assert.deepEqual(await scoreRun({ runDir: dir, exitCode: 0, scorer, customTabulate: false }), { status: "failed", score: { success: false, source: "scorer" } });
  });
  it("a scorer that throws, returns junk or does not exist makes an error with the reason", async () => {
    const root = await temp();
    const dir = await run(root, "");
    const throws = join(root, "throws.mjs");
    await writeFile(throws, `export function score() { throw new Error("boom"); }\n`);
    assert.deepEqual(await scoreRun({ runDir: dir, exitCode: 0, scorer: throws, customTabulate: false }), {
      status: "error", score: { success: false, source: "scorer", reason: `scorer ${throws} failed: boom` },
    });
    const junk = join(root, "junk.mjs");
    await writeFile(junk, `export function score() { return 3; }\n`);
    assert.equal(
      (await scoreRun({ runDir: dir, exitCode: 0, scorer: junk, customTabulate: false })).score.reason,
      `scorer ${junk} failed: returned 3, expected a boolean or { success: boolean }`,
    );
    const none = join(root, "none.mjs");
    await writeFile(none, `export const x = 1;\n`);
    assert.equal(
      (await scoreRun({ runDir: dir, exitCode: 0, scorer: none, customTabulate: false })).score.reason,
      `scorer ${none} failed: Invalid scorer:\n  ${none} does not export a function "score(runDir)"`,
    );
  });
});

const CUSTOM = `import os, sys
from agbench.tabulate_cmd import default_tabulate

def scorer(instance_dir):
    with open(os.path.join(instance_dir, "console_log.txt")) as fh:
        text = fh.read()
    if "SKIP" in text:
        return None
    return "FINAL ANSWER: 8" in text

def main(args):
    default_tabulate(args, scorer=scorer)

if __name__ == "__main__" and __package__ is None:
    main(sys.argv)
`;

/** These cases run the script natively, which only `--native` asks for; test/docker/custom-tabulate.test.ts runs it in the default Docker sandbox. */
const NATIVE = { kind: "native", python: "python3" } as const;

/** What `bench score` looks for: the current folder first, then from the run's scenario folder upwards. */
const findFor = (runDir: string, cwd: string) => findCustomTabulate(cwd, [dirname(dirname(runDir))]);

describe("scoreRun step 2b: agbench's custom_tabulate.py (as bench tabulate runs it)", () => {
  it("is found in the current folder, in Scripts/, or above the run's scenario folder", async () => {
    const root = await temp();
    const dir = await run(root, "");
    const elsewhere = await temp();
    assert.equal(await findFor(dir, elsewhere), undefined);
    await mkdir(join(root, "Scripts"));
    await writeFile(join(root, "Scripts", "custom_tabulate.py"), CUSTOM);
    assert.equal(await findFor(dir, elsewhere), join(root, "Scripts", "custom_tabulate.py"));
    await writeFile(join(root, "Results", "custom_tabulate.py"), CUSTOM);
    assert.equal(await findFor(dir, elsewhere), join(root, "Results", "custom_tabulate.py"));
    await writeFile(join(elsewhere, "custom_tabulate.py"), CUSTOM);
    assert.equal(await findFor(dir, elsewhere), join(elsewhere, "custom_tabulate.py"));
  });

  it("never picks one the agent planted in its own run folder, and natively gives it no host secret", async () => {
    const root = await temp();
    const dir = await run(root, "FINAL ANSWER: 8\n");
    await mkdir(join(dir, "Scripts"));
    await writeFile(join(dir, "custom_tabulate.py"), CUSTOM);
    await writeFile(join(dir, "Scripts", "custom_tabulate.py"), CUSTOM);
    const elsewhere = await temp();
    assert.equal(await findFor(dir, elsewhere), undefined);
    assert.deepEqual(await scoreRun({ runDir: dir, exitCode: 0, cwd: elsewhere }), { status: "failed", score: { success: false, source: "default", reason: 'no "ALL TESTS PASSED !#!#" in the log' } });
    const leak = `import os\nfrom agbench.tabulate_cmd import default_tabulate\ndef main(args):\n    default_tabulate(args, scorer=lambda d: "BENCH_TEST_HOST_SECRET" not in os.environ)\n`;
    await writeFile(join(root, "custom_tabulate.py"), leak);
    process.env.BENCH_TEST_HOST_SECRET = "s3cret";
    try {
      assert.deepEqual(await scoreRun({ runDir: dir, exitCode: 0, cwd: root, tabulateSandbox: NATIVE }), { status: "passed", score: { success: true, source: "custom_tabulate" } });
    } finally {
      delete process.env.BENCH_TEST_HOST_SECRET;
    }
  });

  it("its scorer decides (agbench import stubbed); None falls through to the next step", async () => {
    const root = await temp();
    await writeFile(join(root, "custom_tabulate.py"), CUSTOM);
    const yes = await run(root, "FINAL ANSWER: 8\n");
    assert.deepEqual(await scoreRun({ runDir: yes, exitCode: 0, cwd: root, tabulateSandbox: NATIVE }), { status: "passed", score: { success: true, source: "custom_tabulate" } });
    const no = await run(root, "FINAL ANSWER: 9\nALL TESTS PASSED !#!#\n");
    assert.deepEqual(await scoreRun({ runDir: no, exitCode: 0, cwd: root, tabulateSandbox: NATIVE }), { status: "failed", score: { success: false, source: "custom_tabulate" } });
    const skip = await run(root, "SKIP\nALL TESTS PASSED !#!#\n");
    assert.deepEqual(await scoreRun({ runDir: skip, exitCode: 0, cwd: root, tabulateSandbox: NATIVE }), { status: "passed", score: { success: true, source: "default" } });
  });

  it("a grader runs the script once per scenario folder for all its runs", async () => {
    const root = await temp();
    const count = join(root, "count.txt");
    await writeFile(join(root, "custom_tabulate.py"), `from agbench.tabulate_cmd import default_tabulate
def main(args):
    open(${JSON.stringify(count)}, "a").write("x")
    default_tabulate(args, scorer=lambda d: d.endswith("1"))
`);
    const dirs = await Promise.all(["t0", "t1"].map(async (task) => {
      const dir = join(root, "Results", "s", task, "1");
      await mkdir(dir, { recursive: true });
      return dir;
    }));
    const grade = createGrader({ cwd: root, tabulateSandbox: NATIVE });
    const graded = await Promise.all([...dirs, join(root, "Results", "s", "t", "0")].map((runDir) => grade({ runDir, exitCode: 0 })));
    assert.deepEqual(graded.map((g) => g.status), ["passed", "passed", "failed"]);
    assert.equal(await readFile(count, "utf8"), "x");
  });

  it("says clearly when python3 is absent (a configuration error), and when the script fails (an error run)", async () => {
    const root = await temp();
    const script = join(root, "custom_tabulate.py");
    await writeFile(script, CUSTOM);
    const dir = await run(root, "");
    await assert.rejects(scoreRun({ runDir: dir, exitCode: 0, cwd: root, tabulateSandbox: { kind: "native", python: "/nonexistent/python3" } }), {
      name: "ConfigError", message: /python: '\/nonexistent\/python3' is not installed \(give --python\)/,
    });
    await writeFile(script, "raise ValueError('bad script')\n");
    const failed = await scoreRun({ runDir: dir, exitCode: 0, cwd: root, tabulateSandbox: NATIVE });
    assert.equal(failed.status, "error");
    assert.match(failed.score.reason ?? "", new RegExp(`^${script.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")} failed \\(exit 1\\):[\\s\\S]*ValueError: bad script$`));
  });

  it("a --scorer module wins over custom_tabulate.py", async () => {
    const root = await temp();
    await writeFile(join(root, "custom_tabulate.py"), CUSTOM);
    const scorer = join(root, "s.mjs");
    await writeFile(scorer, `export const score = () => ({ success: true });\n`);
    const dir = await run(root, "");
    assert.equal((await scoreRun({ runDir: dir, exitCode: 0, cwd: root, scorer })).score.source, "scorer");
  });
});
