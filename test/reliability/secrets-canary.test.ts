/**
 * Secrets canary (issue 8): a host secret (through ENV.yaml `${CANARY}`) and a literal secret in
 * ENV.yaml, echoed by a failing scenario and written into its score.json, never appear in anything we
 * print or write: `bench run` stdout/stderr, console_log.txt, result.json, run.json, every report
 * format, the comparison and the HTML report.
 */
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync, readdirSync, statSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { MASK } from "../../sdk/index.ts";
import { bench } from "./cli.ts";

const HOST_SECRET = "canary-host-3b9f2e71c4";
const LITERAL_SECRET = "canary-literal-a81d55e0";
const SECRETS = [HOST_SECRET, LITERAL_SECRET];

let dir: string;
const outputs: { name: string; text: string }[] = [];

function files(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), "bench-canary-"));
  mkdirSync(join(dir, "Tasks"));
  mkdirSync(join(dir, "T"));
  writeFileSync(join(dir, "T/readme.txt"), "template\n");
  writeFileSync(join(dir, "ENV.yaml"), `CANARY_TOKEN: \${CANARY}\nLITERAL_SECRET: ${LITERAL_SECRET}\nNESTED: {key: "\${CANARY}"}\n`);
  const echo = 'echo "token=$CANARY_TOKEN literal=$LITERAL_SECRET nested=$NESTED"; echo "stderr $CANARY_TOKEN" >&2';
  writeFileSync(join(dir, "Tasks/canary.jsonl"), [
    { id: "echo_and_fail", template: "../T", command: `${echo}; exit 1` },
    { id: "echo_and_pass", template: "../T", command: `${echo}; echo 'ALL TESTS PASSED !#!#'` },
    { id: "score_json", template: "../T", command: `printf '{"success": false, "metrics": {"leak": "%s"}}' "$CANARY_TOKEN" > score.json; ${echo}` },
  ].map((line) => JSON.stringify(line)).join("\n") + "\n");
  const env = { CANARY: HOST_SECRET };
  const steps: string[][] = [
    ["run", "Tasks", "--native", "-e", "ENV.yaml", "-r", "2"],
    ...["text", "csv", "json", "md", "junit", "agbenchmark"].map((f) => ["tabulate", "Results", "-f", f, "-o", `reports/tab.${f}`]),
    ["tabulate", "Results"],
    ...["md", "json", "text"].map((f) => ["compare", "Results", "Results", "-f", f, "-o", `reports/cmp.${f}`]),
    ["compare", "Results", "Results"],
    ["report", "Results", "--base", "Results", "--out", "reports/report.html"],
  ];
  for (const args of steps) {
    const r = await bench(args, dir, env);
    outputs.push({ name: `bench ${args.join(" ")} (stdout, exit ${r.code})`, text: r.stdout }, { name: `bench ${args.join(" ")} (stderr)`, text: r.stderr });
  }
});
after(() => rmSync(dir, { recursive: true, force: true }));

describe("secrets canary", () => {
  it("the commands ran: bench run exits 1 (a run failed) and wrote every report", () => {
    assert.match(outputs[0]!.name, /exit 1\)$/);
    const reports = readdirSync(join(dir, "reports")).sort();
    assert.deepEqual(reports, ["cmp.json", "cmp.md", "cmp.text", "report.html", "tab.agbenchmark", "tab.csv", "tab.json", "tab.junit", "tab.md", "tab.text"]);
  });

  it("the scenario really saw the secrets: console_log.txt shows the mask where they were", () => {
    const log = readFileSync(join(dir, "Results/canary/echo_and_fail/0/console_log.txt"), "utf8");
    assert.ok(log.includes(`token=${MASK} literal=${MASK}`), log);
    assert.ok(log.includes(`stderr ${MASK}`), log);
  });

  it("no secret in any file we wrote (Results: logs, result.json, run.json; every report) nor in any output we printed", () => {
    const ours = [...files(join(dir, "Results")), ...files(join(dir, "reports"))]
      .filter((path) => !path.endsWith("/score.json")); // written by the scenario itself, not by us
    assert.ok(ours.some((p) => p.endsWith("run.json")) && ours.filter((p) => p.endsWith("result.json")).length === 6);
    const leaks: string[] = [];
    for (const path of ours) {
      const text = readFileSync(path, "latin1");
      for (const secret of SECRETS) if (text.includes(secret)) leaks.push(`${relative(dir, path)} contains ${secret}`);
    }
    for (const { name, text } of outputs) for (const secret of SECRETS) if (text.includes(secret)) leaks.push(`${name} contains ${secret}`);
    assert.deepEqual(leaks, []);
    assert.equal(outputs.length, 2 * 13);
  });
});
