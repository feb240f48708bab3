/** Hand-written run folders and tasks for the native runner tests. */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { RunTask } from "../../src/runners/runner.ts";

const created: string[] = [];

export function tempDir(prefix = "native-"): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}

/** Remove every folder tempDir() made (venvs and 20 MB logs add up). */
export function removeTempDirs(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** A run folder holding `run.sh` with `script`, plus `files`. */
export function makeRunDir(script: string, files: Record<string, string> = {}): string {
  const dir = tempDir("native-run-");
  writeFileSync(join(dir, "run.sh"), script);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

export function makeTask(runDir: string, overrides: Partial<RunTask> = {}): RunTask {
  return {
    runId: "test-run", scenario: "s", taskId: "t1", rep: 0, runDir, env: {}, timeoutMs: 30_000,
    logCapBytes: 50 * 1024 * 1024, secrets: [], hasRequirements: false, ...overrides,
  };
}

export function readLog(runDir: string): string {
  return readFileSync(join(runDir, "console_log.txt"), "utf8");
}

/** True while `pid` is a live process (a zombie waiting for a reaper counts as dead). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const stat = `/proc/${pid}/stat`;
  if (!existsSync(stat)) return true;
  const state = readFileSync(stat, "utf8").replace(/^.*\) /s, "").charAt(0);
  return state !== "Z" && state !== "X";
}

/** Whether `pid` is gone within `limitMs` (SIGKILL is delivered asynchronously, after the pipes close). */
export async function diesWithin(pid: number, limitMs = 1000): Promise<boolean> {
  const until = Date.now() + limitMs;
  while (isAlive(pid)) {
    if (Date.now() > until) return false;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return true;
}

/** Wait until `path` exists with content (polls; the run writes it when it has started). */
export async function waitForFile(path: string, limitMs = 10_000): Promise<string> {
  const until = Date.now() + limitMs;
  while (Date.now() < until) {
    if (existsSync(path)) {
      const text = readFileSync(path, "utf8");
      if (text.trim()) return text.trim();
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`timed out waiting for ${path}`);
}

/**
 * A pure-Python wheel `benchnativepkg-1.0` in `dir` (module with VALUE = 42 and a console script
 * `benchnative-hello`), built with python's zipfile: no index is reachable here.
 */
export function buildWheel(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const script = String.raw`
import base64, hashlib, sys, zipfile
files = {
  "benchnativepkg/__init__.py": "VALUE = 42\ndef main():\n    print('hello from benchnativepkg')\n",
  "benchnativepkg-1.0.dist-info/METADATA": "Metadata-Version: 2.1\nName: benchnativepkg\nVersion: 1.0\n",
  "benchnativepkg-1.0.dist-info/WHEEL": "Wheel-Version: 1.0\nGenerator: bench-action-test\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
  "benchnativepkg-1.0.dist-info/entry_points.txt": "[console_scripts]\nbenchnative-hello = benchnativepkg:main\n",
}
record = []
for name, text in files.items():
  digest = base64.urlsafe_b64encode(hashlib.sha256(text.encode()).digest()).rstrip(b"=").decode()
  record.append(f"{name},sha256={digest},{len(text.encode())}")
record.append("benchnativepkg-1.0.dist-info/RECORD,,")
files["benchnativepkg-1.0.dist-info/RECORD"] = "\n".join(record) + "\n"
with zipfile.ZipFile(sys.argv[1], "w") as wheel:
  for name, text in files.items():
    wheel.writestr(name, text)
`;
  const path = join(dir, "benchnativepkg-1.0-py3-none-any.whl");
  execFileSync("python3", ["-c", script, path]);
  return path;
}
