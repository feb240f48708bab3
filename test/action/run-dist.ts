/** Run the bundled dist/index.js as a runner would: GITHUB_* / INPUT_* / ACTIONS_* env, files for outputs and summary. */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, afterEach, before } from "node:test";
import { FakeGitHub } from "./fake-github.ts";

export const DIST = new URL("../../dist/index.js", import.meta.url).pathname;
/** The benchmark each job's workspace starts as a copy of. */
export const FIXTURE = new URL("./fixtures/bench/", import.meta.url).pathname;

export interface DistFixture {
  /** The fake GitHub + results service (started before the block's tests). */
  readonly gh: FakeGitHub;
  /** The next job: its own folder, and `workspace` (a fresh copy of FIXTURE, or the one given if it exists). */
  job(workspace?: string): { n: number; dir: string; workspace: string };
}

/**
 * For a describe block of bundle runs: one fake GitHub (set up by `setUp`) and one scratch folder,
 * both removed after the block; after each test, every request the Action sent and every answer of
 * the fake must be one GitHub's REST description allows.
 */
export function distFixture(tempPrefix: string, setUp: (gh: FakeGitHub) => void = () => {}): DistFixture {
  let gh: FakeGitHub | undefined;
  let root = "";
  let n = 0;
  before(async () => {
    gh = await new FakeGitHub().start();
    setUp(gh);
    root = mkdtempSync(join(tmpdir(), tempPrefix));
  });
  afterEach(() => assert.deepEqual(gh?.violations.splice(0), []));
  after(async () => {
    await gh?.stop();
    rmSync(root, { recursive: true, force: true });
  });
  return {
    get gh() {
      if (!gh) throw new Error("the fake GitHub starts in before()");
      return gh;
    },
    job(given) {
      n += 1;
      const workspace = given ?? join(root, `ws-${n}`);
      if (!existsSync(workspace)) cpSync(FIXTURE, workspace, { recursive: true });
      return { n, dir: join(root, `job-${n}`), workspace };
    },
  };
}

export interface DistRun {
  code: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
}

export interface DistOptions {
  /** Folder for the event file, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY and RUNNER_TEMP. */
  dir: string;
  apiUrl: string;
  event: Record<string, unknown>;
  eventName: string;
  inputs: Record<string, string>;
  workspace: string;
  runId: number;
  ref?: string;
  extraEnv?: Record<string, string>;
}

/** An unsigned JWT whose `scp` claim names the results-service backend ids, as the runner gives. */
export function runtimeToken(runBackendId: string, jobBackendId: string): string {
  const part = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url");
  return `${part({ alg: "none", typ: "JWT" })}.${part({ scp: `Actions.GenericRead:x Actions.Results:${runBackendId}:${jobBackendId}` })}.sig`;
}

/** Parse GITHUB_OUTPUT's `name<<delimiter … delimiter` records. */
export function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /^([^\n<]+)<<(\S+)\n([\s\S]*?)\n\2$/gm;
  for (const m of text.matchAll(re)) out[m[1] ?? ""] = m[3] ?? "";
  return out;
}

export async function runDist(o: DistOptions): Promise<DistRun> {
  mkdirSync(o.dir, { recursive: true });
  const eventPath = join(o.dir, "event.json");
  const outputPath = join(o.dir, "output.txt");
  const summaryPath = join(o.dir, "summary.md");
  const temp = join(o.dir, "runner-temp");
  mkdirSync(temp, { recursive: true });
  writeFileSync(eventPath, JSON.stringify(o.event));
  writeFileSync(outputPath, "");
  writeFileSync(summaryPath, "");
  writeFileSync(join(o.dir, "state.txt"), "");
  const env: Record<string, string> = {
    PATH: process.env["PATH"] ?? "", HOME: process.env["HOME"] ?? "/root",
    GITHUB_ACTIONS: "true", CI: "true",
    GITHUB_API_URL: o.apiUrl, GITHUB_SERVER_URL: "https://github.com", GITHUB_GRAPHQL_URL: `${o.apiUrl}/graphql`,
    GITHUB_REPOSITORY: "octo/bench", GITHUB_REPOSITORY_OWNER: "octo",
    GITHUB_EVENT_NAME: o.eventName, GITHUB_EVENT_PATH: eventPath,
    GITHUB_OUTPUT: outputPath, GITHUB_STEP_SUMMARY: summaryPath, GITHUB_STATE: join(o.dir, "state.txt"),
    GITHUB_WORKSPACE: o.workspace, RUNNER_TEMP: temp,
    GITHUB_RUN_ID: String(o.runId), GITHUB_RUN_ATTEMPT: "1", GITHUB_SHA: "f00dfeedf00dfeedf00dfeedf00dfeedf00dfeed",
    GITHUB_REF: o.ref ?? "refs/pull/7/merge",
    GITHUB_WORKFLOW_REF: "octo/bench/.github/workflows/bench.yml@refs/heads/main",
    ACTIONS_RESULTS_URL: `${o.apiUrl}/`,
    ACTIONS_RUNTIME_TOKEN: runtimeToken(`run-${o.runId}`, `job-${o.runId}`),
    ...o.extraEnv,
  };
  for (const [name, value] of Object.entries(o.inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  const child = spawn(process.execPath, [DIST], { env, cwd: o.workspace });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
  child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  return { code, stdout, stderr, outputs: parseOutputs(readFileSync(outputPath, "utf8")), summary: readFileSync(summaryPath, "utf8") };
}
