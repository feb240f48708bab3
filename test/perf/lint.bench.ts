/**
 * `bench lint` on a huge log (docs/lint.md, "What is sent"): one console_log.txt of 256 MiB
 * (3.4 M lines, a traceback in the middle, run.sh's markers at both ends), coded
 * (A) with --rules, and (B) by a model: a local chat-completions server (test/helpers/fake-llm-server.ts)
 * answering every request, so what is measured is bench's reading and capping, not a model.
 * Reference, in the same run: a Python stand-in doing what agbench lint does with the log before its
 * model call (linter/cli.py: readlines, prepend right-justified line numbers, join; oai_coder.py:
 * remove control characters), which holds the whole log several times over.
 * Goals: bench's peak RSS ≤ 150 MiB in both (it streams; the log's size does not matter), and in (B)
 * at most --max-bytes (default 200 000) of the log sent. Times are printed as ratios to the stand-in.
 */
import { spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { FakeLlmServer } from "../helpers/fake-llm-server.ts";

const TARGET_BYTES = 256 * 1024 * 1024;
const RSS_GOAL_MIB = 150;
const MAX_BYTES = 200_000;
const BENCH = fileURLToPath(new URL("../../bin/bench.js", import.meta.url));

const STAND_IN = `
import re, sys
with open(sys.argv[1], "r") as f:
    lines = f.readlines()
width = len(str(len(lines)))
lines = [f"{i+1:>{width}}: {line}" for i, line in enumerate(lines)]
text = "".join(lines)
text = re.sub(r"[\\x00-\\x1F\\x7F]", "", text)
print(len(text))
`;

async function generate(path: string): Promise<number> {
  const out = createWriteStream(path);
  const write = (text: string) => (out.write(text) ? Promise.resolve() : new Promise<void>((resolve) => out.once("drain", () => resolve())));
  await write("RUN.SH STARTING !#!#\nSCENARIO.PY STARTING !#!#\n");
  let bytes = 0;
  let line = 0;
  const block = Array.from({ length: 1000 }, (_, i) => `---------- assistant ---------- step ${i}: calling the tool again with the same input\n`).join("");
  while (bytes < TARGET_BYTES) {
    if (line === 1_700_000) await write('Traceback (most recent call last):\n  File "scenario.py", line 12, in <module>\nTimeoutError: the tool did not answer\n');
    await write(block);
    bytes += block.length;
    line += 1000;
  }
  await write("SCENARIO.PY EXITED WITH CODE: 1 !#!#\nRUN.SH COMPLETE !#!#\n");
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  return bytes;
}

function timed(command: string, args: string[], env: Record<string, string> = {}): Promise<{ ms: number; rssMiB: number; stdout: string }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    // Asynchronous: the fake model server answers from this process while the CLI runs.
    const child = spawn("/usr/bin/time", ["-v", command, ...args], { env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => { stdout += chunk.toString(); });
    child.stderr.on("data", (chunk: Buffer) => { stderr += chunk.toString(); });
    child.on("close", (code) => {
      const ms = performance.now() - started;
      if (code !== 0) return reject(new Error(`${command} failed (${code}): ${stderr.slice(-2000)}`));
      const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
      resolve({ ms, rssMiB: rss ? Number(rss[1]) / 1024 : Number.NaN, stdout });
    });
  });
}

const root = await mkdtemp(join(tmpdir(), "bench-perf-lint-"));
const llm = new FakeLlmServer({ answer: () => JSON.stringify({ codes: [] }) });
try {
  const log = join(root, "console_log.txt");
  const bytes = await generate(log);
  console.log(`generated a ${(bytes / 1024 / 1024).toFixed(0)} MiB log (not counted); load average ${loadavg().map((l) => l.toFixed(1)).join(" ")} on ${cpus().length} cores`);
  await timed("cat", [log]); // the page cache warmed the same way for everyone
  const reference = await timed("python3", ["-c", STAND_IN, log]);
  console.log(`reference: agbench lint's reading (python3 stand-in) ${reference.ms.toFixed(0)} ms, peak ${reference.rssMiB.toFixed(0)} MiB`);

  const rulesOut = join(root, "rules.json");
  const rules = await timed(process.execPath, [BENCH, "lint", log, "--rules", "-q", "-o", rulesOut]);
  const coded = JSON.parse(await readFile(rulesOut, "utf8")) as { documents: { codes: { name: string }[] }[] };
  const names = coded.documents[0]?.codes.map((c) => c.name) ?? [];
  if (!names.includes("python-traceback") || !names.includes("nonzero-exit")) throw new Error(`rules missed the traceback or the exit: ${names.join(", ")}`);
  console.log(`(A) bench lint --rules: ${rules.ms.toFixed(0)} ms (${(reference.ms / rules.ms).toFixed(2)}× the stand-in's speed), peak ${rules.rssMiB.toFixed(0)} MiB (goal ≤ ${RSS_GOAL_MIB}); codes: ${names.join(", ")}`);

  const url = await llm.start();
  const modelOut = join(root, "model.json");
  const model = await timed(process.execPath, [BENCH, "lint", log, "--base-url", `${url}/v1`, "--no-summary", "-q", "-o", modelOut], { OPENAI_API_KEY: "sk-perf" });
  const report = JSON.parse(await readFile(modelOut, "utf8")) as { documents: { doc: { sent_bytes: number; lines: number } }[] };
  const sent = report.documents[0]?.doc.sent_bytes ?? Number.NaN;
  const body = JSON.stringify(llm.seen[0]?.body ?? {}).length;
  console.log(`(B) bench lint with a model: ${model.ms.toFixed(0)} ms (${(reference.ms / model.ms).toFixed(2)}× the stand-in's speed), peak ${model.rssMiB.toFixed(0)} MiB (goal ≤ ${RSS_GOAL_MIB}); ${sent} bytes of ${report.documents[0]?.doc.lines} lines sent (goal ≤ ${MAX_BYTES}; request body ${body} bytes)`);
  const pass = rules.rssMiB <= RSS_GOAL_MIB && model.rssMiB <= RSS_GOAL_MIB && sent <= MAX_BYTES;
  console.log(pass ? "PASS" : "FAIL: goal not met");
  process.exitCode = pass ? 0 : 1;
} finally {
  await llm.close();
  await rm(root, { recursive: true, force: true });
}
