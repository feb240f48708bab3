/** examples/embed/embed.ts prints the suite % under Node (tsx) and under Deno (npm package `deno`). */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFile, execFileSync } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "../..");
// installs the npm package `deno` when missing (it is kept out of package.json: see the script)
const DENO = execFileSync("sh", [join(ROOT, "scripts/ensure-deno.sh")], { encoding: "utf8" }).trim();

function run(cmd: string, args: string[]): Promise<string> {
  return new Promise((done, fail) => {
    execFile(cmd, args, { cwd: ROOT, timeout: 120_000, env: { ...process.env, NO_COLOR: "1" } }, (error, stdout, stderr) =>
      error ? fail(new Error(`${cmd} failed: ${stderr}`, { cause: error })) : done(stdout));
  });
}

const check = (out: string, results: string): void => {
  assert.match(out, /^suite echo: 66\.7% \(2\/3 trials passed\)$/m);
  assert.match(out, /^overall: 66\.7%$/m);
  assert.ok(out.includes(`results: ${results}\n`));
};

describe("examples/embed", () => {
  it("runs under Node", async () => {
    const results = join(await mkdtemp(join(tmpdir(), "embed-node-")), "Results");
    check(await run(process.execPath, ["--import", "tsx", "examples/embed/embed.ts", results]), results);
  });
  it("runs under Deno", async () => {
    const results = join(await mkdtemp(join(tmpdir(), "embed-deno-")), "Results");
    check(await run(DENO, ["run", "-A", "examples/embed/embed.ts", results]), results);
  });
});
