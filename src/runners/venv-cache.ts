/** Python venvs for native runs, built once per requirements content and shared by every run. */
import { createHash } from "node:crypto";
import { access, lstat, mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { RunnerError } from "../errors.ts";
import { buildChildEnv, DEFAULT_ENV_ALLOWLIST, type ChildEnv } from "../process/child-env.ts";
import { runProcess } from "../process/run-process.ts";

/** Options of VenvCache: the cache folder, the Python that builds the venvs, and its environment. */
export interface VenvCacheOptions {
  /** Folder holding one venv per requirements hash. */
  dir: string;
  /** Interpreter that creates the venvs; default `python3`. */
  python?: string;
  /** Environment for `python -m venv` and `pip install`; default: the host allowlist plus `PIP_*`. */
  env?: ChildEnv;
}

/** Bytes of installer output kept for the error message. */
const TAIL_BYTES = 4000;

/**
 * `ensure(requirementsFile)` returns the venv for that file's content, creating it on first use:
 * `python -m venv` and `pip install -r` in a temp folder, then a rename, so a venv that exists is
 * complete. Concurrent calls share one build; another process winning the rename race is tolerated.
 */
export class VenvCache {
  /** The cache folder. */
  readonly dir: string;
  readonly #python: string;
  readonly #env: ChildEnv;
  readonly #inFlight = new Map<string, Promise<string>>();
  #closing = new AbortController();
  #builds = 0;

  /** A cache in `options.dir`. */
  constructor(options: VenvCacheOptions) {
    this.dir = options.dir;
    this.#python = options.python ?? "python3";
    this.#env = options.env ?? buildChildEnv(DEFAULT_ENV_ALLOWLIST, pipVariables(process.env));
  }

  /** Venvs this cache has installed (a build that lost a rename race to another process counts). */
  get builds(): number {
    return this.#builds;
  }

  /** The venv for a requirements file's content, built on first use; returns its folder. */
  async ensure(requirementsFile: string): Promise<string> {
    const hash = createHash("sha256").update(await readFile(requirementsFile)).digest("hex").slice(0, 16);
    const target = join(this.dir, hash);
    if (await exists(target)) return target;
    let pending = this.#inFlight.get(hash);
    if (!pending) {
      pending = this.#build(requirementsFile, hash, target).finally(() => this.#inFlight.delete(hash));
      this.#inFlight.set(hash, pending);
    }
    return pending;
  }

  /** Kill installs still running and wait for them to clean up; later calls to ensure() build again. */
  async close(): Promise<void> {
    const closing = this.#closing;
    this.#closing = new AbortController();
    closing.abort();
    await Promise.allSettled([...this.#inFlight.values()]);
  }

  async #build(requirementsFile: string, hash: string, target: string): Promise<string> {
    const stop = this.#closing.signal;
    await mkdir(this.dir, { recursive: true });
    const temp = await mkdtemp(join(this.dir, `.tmp-${hash}-`));
    try {
      await this.#exec(`${this.#python} -m venv`, this.#python, ["-m", "venv", temp], this.dir, stop);
      const pip = ["-m", "pip", "install", "--disable-pip-version-check", "--no-input", "-r", requirementsFile];
      await this.#exec("pip install -r requirements.txt", join(temp, "bin", "python"), pip, dirname(requirementsFile), stop);
      this.#builds++;
      await relocate(temp, target);
      try {
        await rename(temp, target);
      } catch (error) {
        if (!(await exists(target))) throw error;
        await rm(temp, { recursive: true, force: true });
      }
      return target;
    } catch (error) {
      await rm(temp, { recursive: true, force: true });
      throw error;
    }
  }

  async #exec(label: string, command: string, args: string[], cwd: string, stop: AbortSignal): Promise<void> {
    let tail = Buffer.alloc(0);
    const result = await runProcess({
      command, args, cwd, env: this.#env, stop, killGraceMs: 1000,
      onOutput: (chunk) => {
        tail = Buffer.concat([tail, chunk]);
        if (tail.length > TAIL_BYTES) tail = tail.subarray(tail.length - TAIL_BYTES);
      },
    });
    if (result.exitCode === 0) return;
    const why = result.error ?? (result.exitCode === null ? `killed by ${result.signal}` : `exit code ${result.exitCode}`);
    throw new RunnerError(`${label} failed (${why}):\n${tail.toString("utf8").trimEnd()}`);
  }
}

/** Scripts in bin/ carry the absolute path of the temp folder in their #! line: point them at `target`. */
async function relocate(temp: string, target: string): Promise<void> {
  const bin = join(temp, "bin");
  const files = [...(await readdir(bin)).map((name) => join(bin, name)), join(temp, "pyvenv.cfg")];
  for (const file of files) {
    const stat = await lstat(file);
    if (!stat.isFile() || stat.size > 1024 * 1024) continue;
    const text = await readFile(file, "latin1");
    if (text.includes(temp)) await writeFile(file, text.split(temp).join(target), "latin1");
  }
}

function pipVariables(host: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(host)) {
    if (name.startsWith("PIP_") && value !== undefined) out[name] = value;
  }
  return out;
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(() => true, () => false);
}
