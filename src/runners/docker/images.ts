/** Which image a run uses, building the default and the requirements images once each. */
import { createHash } from "node:crypto";
import { cp, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type Docker from "dockerode";
import { RunnerError } from "../../errors.ts";
import { statusCode } from "./cleanup.ts";
import { isEngineError } from "./engine-errors.ts";
import { buildImage } from "./build-image.ts";
import { requirementsDockerfile, requirementsFingerprint } from "./requirements-image.ts";
import { repoPath } from "../../repo-path.ts";

/** templates/Dockerfile: FROM the locally built bench-action/python:bookworm (scripts/docker-setup.sh). */
export const DEFAULT_DOCKERFILE = repoPath("templates/Dockerfile");

export interface ImageSource {
  /** Used when a task names no image (`--docker-image`); else the default is built. */
  defaultImage?: string;
  dockerfile: string;
  buildLogDir: string;
  /** BASE_IMAGE for the default Dockerfile; default: LOCAL_BASE_IMAGE when present, else FALLBACK_BASE_IMAGE. */
  baseImage?: string;
}

/** Built from Debian packages by scripts/docker-setup.sh where nothing can be pulled. */
export const LOCAL_BASE_IMAGE = "bench-action/python:bookworm";
/** Pulled by the engine when no local base exists (GitHub-hosted runners). */
export const FALLBACK_BASE_IMAGE = "python:3.12-slim";

const hash = (text: string | Buffer): string => createHash("sha256").update(text).digest("hex").slice(0, 16);

/** Resolves images per task; every build happens at most once per process (promises are shared). */
export class ImageCache {
  readonly #docker: Docker;
  readonly #source: ImageSource;
  readonly #pending = new Map<string, Promise<string>>();
  readonly #built: string[] = [];

  constructor(docker: Docker, source: ImageSource) {
    this.#docker = docker;
    this.#source = source;
  }

  /** Tags this cache built (not found already present), in build order. */
  get built(): readonly string[] {
    return [...this.#built];
  }

  /** The image `task` runs in: its own, else the default; derived when it has requirements. */
  async resolve(task: { image?: string; hasRequirements: boolean; runDir: string }): Promise<string> {
    const base = task.image ?? this.#source.defaultImage ?? (await this.#once("default", () => this.#buildDefault()));
    if (!task.hasRequirements) return base;
    const baseId = await this.#once(`id:${base}`, () => this.#imageId(base));
    const fingerprint = await requirementsFingerprint(task.runDir);
    const tag = `bench-action-req:${hash(`${baseId}\n${fingerprint}`)}`;
    return this.#once(tag, () => this.#buildRequirements(tag, baseId, base, task.runDir));
  }

  #once(key: string, make: () => Promise<string>): Promise<string> {
    let promise = this.#pending.get(key);
    if (!promise) {
      promise = make();
      this.#pending.set(key, promise);
      // Awaited by every caller (no unhandled rejection meanwhile); an engine that went away is not
      // remembered: the next run asks again once the engine is back.
      promise.catch((error: unknown) => void (isEngineError(error) && this.#pending.get(key) === promise && this.#pending.delete(key)));
    }
    return promise;
  }

  async #imageId(name: string): Promise<string> {
    try {
      return (await this.#docker.getImage(name).inspect()).Id;
    } catch (error) {
      if (statusCode(error) === 404) throw new RunnerError(`Docker image '${name}' not found (nothing is pulled: build or load it first)`, { cause: error });
      throw new RunnerError(`Inspecting Docker image '${name}' failed`, { cause: error });
    }
  }

  async #exists(tag: string): Promise<boolean> {
    return this.#imageId(tag).then(() => true, () => false);
  }

  async #buildDefault(): Promise<string> {
    const content = await readFile(this.#source.dockerfile);
    const base = this.#source.baseImage ?? ((await this.#exists(LOCAL_BASE_IMAGE)) ? LOCAL_BASE_IMAGE : FALLBACK_BASE_IMAGE);
    const tag = `bench-action:${hash(Buffer.concat([content, Buffer.from(`\nBASE_IMAGE=${base}`)]))}`;
    if (await this.#exists(tag)) return tag;
    await this.#build(tag, async (dir) => writeFile(join(dir, "Dockerfile"), content), { BASE_IMAGE: base });
    return tag;
  }

  async #buildRequirements(tag: string, baseId: string, base: string, runDir: string): Promise<string> {
    if (await this.#exists(tag)) return tag;
    await this.#build(tag, async (dir) => {
      await cp(join(runDir, "requirements.txt"), join(dir, "requirements", "requirements.txt"));
      const wheels = join(runDir, "wheels");
      if (await stat(wheels).then((s) => s.isDirectory(), () => false)) await cp(wheels, join(dir, "requirements", "wheels"), { recursive: true });
      await writeFile(join(dir, "Dockerfile"), requirementsDockerfile(baseId, base));
    });
    return tag;
  }

  async #build(tag: string, fill: (dir: string) => Promise<void>, buildargs?: Record<string, string>): Promise<void> {
    const dir = await mkdtemp(join(tmpdir(), "bench-build-"));
    try {
      await fill(dir);
      const logPath = join(this.#source.buildLogDir, `${tag.replace(/[:/]/g, "_")}.log`);
      await buildImage(this.#docker, { contextDir: dir, tag, logPath, labels: { "bench-action.image": "1" }, buildargs });
      this.#built.push(tag);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
}
