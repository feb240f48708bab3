/** Hand-made run folders and tasks for the Docker suites. */
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import type Docker from "dockerode";
import type { RunTask } from "../../sdk/index.ts";

/** A temp run folder whose run.sh is `script` (plus extra files). */
export async function runDir(script: string, files: Record<string, string> = {}): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "bench-docker-test-"));
  await writeFile(join(dir, "run.sh"), script);
  for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content);
  return dir;
}

export function task(dir: string, overrides: Partial<RunTask> = {}): RunTask {
  return {
    runId: `test-${randomUUID()}`,
    scenario: "docker-test",
    taskId: "t1",
    rep: 0,
    runDir: dir,
    env: {},
    timeoutMs: 60_000,
    image: "bench-action/python:bookworm",
    logCapBytes: 1024 * 1024,
    secrets: [],
    hasRequirements: false,
    ...overrides,
  };
}

export const consoleLog = (dir: string): Promise<string> => readFile(join(dir, "console_log.txt"), "utf8");

/** Containers (any state) carrying this run id label. */
export async function labelled(docker: Docker, runId: string): Promise<number> {
  return (await docker.listContainers({ all: true, filters: { label: [`bench-action.run-id=${runId}`] } })).length;
}
