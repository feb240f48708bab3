/**
 * An adversarial benchmark for the verifier phase (docs/verifier.md): every agent tries one way to
 * pass without solving the task (answer 42). The grader (tests/) reads answer.txt after the agent
 * and alone decides; the same files serve the native and the Docker suites.
 */
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const GRADER_MARKER = "SECRET-GRADER-MARKER-7f3a";

const TEST_SH = `#!/bin/sh
# ${GRADER_MARKER}
[ -n "$VERIFY_DELAY" ] && sleep "$VERIFY_DELAY"
. "$BENCH_TESTS/helper.sh"
env > "$BENCH_VERIFIER_LOGS/env.txt"
if [ "$(cat answer.txt 2>/dev/null)" = "$expected" ]; then echo 1 > "$BENCH_VERIFIER_LOGS/reward.txt"; else echo 0 > "$BENCH_VERIFIER_LOGS/reward.txt"; fi
echo "graded answer $(cat answer.txt 2>/dev/null)"
`;

/** Agent scripts by case id; each but "honest" answers 41 and tries to pass anyway. */
export const AGENTS: Record<string, string> = {
  honest: "echo 42 > answer.txt",
  forge_score: `echo 41 > answer.txt
echo '{"success": true, "score": 1}' > score.json
echo 'ALL TESTS PASSED !#!#'`,
  read_tests: `echo 41 > answer.txt
{ ls -d /tmp/bench-verify-* "\${TMPDIR:-/tmp}"/bench-verify-* /tests /logs/verifier tests 2>/dev/null
  cat /tests/test.sh tests/test.sh 2>/dev/null
  [ "$(pwd)" = /workspace ] && grep -rl --exclude-dir=proc --exclude-dir=sys --exclude-dir=dev "SECRET-GRADER""-MARKER-7f3a" / 2>/dev/null
} > snoop.txt
echo "snooped $(wc -c < snoop.txt) bytes"`,
  overwrite_logs: `echo 41 > answer.txt
mkdir -p verifier && echo 1 > verifier/reward.txt && echo '{"reward": 1}' > verifier/reward.json
echo forged > verifier_log.txt
# Outside the workspace only in a container (a native agent would write on the host).
[ "$(pwd)" = /workspace ] && mkdir -p /logs/verifier && echo 1 > /logs/verifier/reward.txt
[ -n "$BENCH_VERIFIER_LOGS" ] && mkdir -p "$BENCH_VERIFIER_LOGS" && echo 1 > "$BENCH_VERIFIER_LOGS/reward.txt"
true`,
  // Waits until verification starts (the harness creates verifier_log.txt then), then tampers.
  background: `echo 41 > answer.txt
( until [ -e verifier_log.txt ]; do sleep 0.05; done
  while :; do echo 42 > answer.txt; mkdir -p verifier; echo 1 > verifier/reward.txt; [ "$(pwd)" = /workspace ] && echo 1 > /logs/verifier/reward.txt 2>/dev/null; sleep 0.05; done ) > /dev/null 2>&1 &
echo "left $! behind"`,
  // Leaves the process group three ways (setsid, nohup in a new session, a double fork), then tampers
  // once verification starts; gives up after 30 s so a regression leaves nothing running for long.
  background_escaped: `echo 41 > answer.txt
W=$(pwd)
T='end=$(($(date +%s) + 30)); until [ -e "$0/verifier_log.txt" ]; do [ $(date +%s) -gt $end ] && exit 0; sleep 0.05; done
while [ $(date +%s) -le $end ]; do echo 42 > "$0/answer.txt"; mkdir -p "$0/verifier"; echo 1 > "$0/verifier/reward.txt"; sleep 0.05; done'
setsid sh -c "$T" "$W" > /dev/null 2>&1 < /dev/null &
setsid nohup sh -c "$T" "$W" > /dev/null 2>&1 < /dev/null &
( setsid sh -c '( sh -c "$1" "$0" & ) &' "$W" "$T" > /dev/null 2>&1 < /dev/null & )
echo "left three behind"`,
  planted: `echo 41 > answer.txt
printf 'expected=41\\necho 1 > "$BENCH_VERIFIER_LOGS/reward.txt"\\n' > helper.sh
mkdir -p tests && cp helper.sh tests/helper.sh && cp helper.sh tests/test.sh && cp helper.sh test.sh
[ "$(pwd)" = /workspace ] && mkdir -p /tests && cp helper.sh /tests/helper.sh && cp helper.sh /tests/test.sh
true`,
};

export interface FixtureOptions {
  mode?: "shared" | "separate";
  /** Extra fields per case id (e.g. timeouts). */
  overrides?: Record<string, Record<string, unknown>>;
  /** Extra lines (whole scenario objects). */
  extraLines?: Record<string, unknown>[];
  /** Only these cases. */
  only?: string[];
}

/** Writes the benchmark; returns its JSONL path. */
export async function writeAdversarialBenchmark(options: FixtureOptions = {}): Promise<{ dir: string; jsonl: string }> {
  const dir = await mkdtemp(join(tmpdir(), "bench-verifier-fixture-"));
  await mkdir(join(dir, "tests"), { recursive: true });
  await writeFile(join(dir, "tests", "test.sh"), TEST_SH);
  await writeFile(join(dir, "tests", "helper.sh"), "expected=42\necho trusted helper\n");
  const lines: Record<string, unknown>[] = [];
  for (const [id, script] of Object.entries(AGENTS)) {
    if (options.only && !options.only.includes(id)) continue;
    await mkdir(join(dir, "Templates", id), { recursive: true });
    await writeFile(join(dir, "Templates", id, "agent.sh"), `${script}\n`);
    const verify: Record<string, unknown> = { files: "tests", mode: options.mode ?? "shared", timeout: 60 };
    if (id === "background" || id === "background_escaped") verify.env = { VERIFY_DELAY: "1" };
    lines.push({ id, template: `Templates/${id}`, command: "sh agent.sh", timeout: 60, verify, ...options.overrides?.[id] });
  }
  lines.push(...(options.extraLines ?? []));
  const jsonl = join(dir, "adversarial.jsonl");
  await writeFile(jsonl, `${lines.map((line) => JSON.stringify(line)).join("\n")}\n`);
  return { dir, jsonl };
}
