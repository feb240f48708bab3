/**
 * A private dockerd owned by one test: its own data/exec roots, pidfile and unix socket, no bridge,
 * no iptables, in its own network namespace (`unshare --net`: dockerd with --bridge=none deletes
 * the host's docker0, which would break the shared engine's bridge network). It can be stopped and
 * restarted at will without touching the shared engine.
 * `destroy()` always ends it (and its containerd and shims), unmounts leftovers and removes its roots.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import Docker from "dockerode";
import { PYTHON_IMAGE } from "../docker/engine.ts";
import { processesWith, sleepFor, until } from "./proc.ts";

const DOCKERD_PATHS = ["/usr/sbin/dockerd", "/usr/bin/dockerd", "/usr/local/bin/dockerd"];
const UNSHARE_PATHS = ["/usr/bin/unshare", "/bin/unshare"];
const BUSYBOX = "/usr/bin/busybox";
/** The image the private engine runs: busybox (≈3 MB) when the host has it, else the Python image. */
export const TINY_IMAGE = "bench-test/busybox:1";

/** A reason to skip (not root, no dockerd), or false. Throws instead when BENCH_REQUIRE_DOCKER=1. */
export function privateDockerdSkip(): string | false {
  const missing =
    process.getuid?.() !== 0 ? "not running as root"
    : !DOCKERD_PATHS.some((p) => existsSync(p)) ? "no dockerd binary"
    : !UNSHARE_PATHS.some((p) => existsSync(p)) ? "no unshare binary (util-linux)"
    : "";
  if (!missing) return false;
  const reason = `a private dockerd needs root, dockerd and unshare: ${missing}`;
  if (process.env.BENCH_REQUIRE_DOCKER === "1") throw new Error(`BENCH_REQUIRE_DOCKER=1 but ${reason}`);
  return reason;
}

export class PrivateDockerd {
  readonly root = mkdtempSync(join(tmpdir(), "bench-dockerd-"));
  readonly socket = join(this.root, "docker.sock");
  readonly host = `unix://${this.socket}`;
  readonly docker = new Docker({ socketPath: this.socket });
  readonly log = join(this.root, "dockerd.log");
  #child: ChildProcess | undefined;
  /** Settles when the current dockerd exited (however it was ended). */
  #exited: Promise<void> = Promise.resolve();

  /** Starts dockerd on this object's roots and waits until it answers. */
  async start(): Promise<void> {
    const dockerd = DOCKERD_PATHS.find((p) => existsSync(p)) as string;
    const args = [
      `--data-root=${join(this.root, "data")}`, `--exec-root=${join(this.root, "exec")}`, `--pidfile=${join(this.root, "dockerd.pid")}`,
      `-H`, this.host, "--bridge=none", "--iptables=false", "--ip6tables=false",
    ];
    await this.#dropDeadContainerdPid();
    const out = openSync(this.log, "a");
    // unshare execs dockerd: same pid, so signals reach dockerd itself.
    const unshare = UNSHARE_PATHS.find((p) => existsSync(p)) as string;
    const child = spawn(unshare, ["--net", "--", dockerd, ...args], { stdio: ["ignore", out, out] });
    this.#child = child;
    let gone = false;
    this.#exited = new Promise<void>((resolve) => child.once("exit", () => resolve())).then(() => void (gone = true));
    await until(async () => {
      if (gone) throw new Error(`private dockerd exited at start:\n${readFileSync(this.log, "utf8").slice(-2000)}`);
      return this.docker.ping().then(() => true, () => false);
    }, 30_000, "the private dockerd to answer");
  }

  /** The running dockerd's pid (to end it from outside), or undefined. */
  get pid(): number | undefined {
    return this.#child?.exitCode === null && this.#child.signalCode === null ? this.#child.pid : undefined;
  }

  /**
   * After dockerd was killed, its containerd dies too (parent-death signal), maybe a moment later,
   * and may stay a zombie where PID 1 does not reap: dockerd would take it for alive and time out.
   */
  async #dropDeadContainerdPid(): Promise<void> {
    const pidfile = join(this.root, "exec/containerd/containerd.pid");
    if (!existsSync(pidfile)) return;
    const pid = Number(readFileSync(pidfile, "utf8").trim());
    const state = () => {
      try {
        return readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.[0];
      } catch {
        return undefined;
      }
    };
    if (state() !== undefined && state() !== "Z" && processesWith(this.root).includes(pid)) process.kill(pid, "SIGKILL");
    await until(() => state() === undefined || state() === "Z", 5000, "the killed dockerd's containerd to end");
    rmSync(pidfile, { force: true });
  }

  /** SIGTERM, then waits for dockerd to exit (its shutdown stops containers: up to ~10 s each, in parallel). */
  async stop(timeoutMs = 30_000): Promise<void> {
    const child = this.#child;
    if (!child) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    await this.#exited;
    clearTimeout(timer);
  }

  /** Loads an image `run.sh` can run; returns its tag. */
  async loadImage(system: Docker): Promise<string> {
    if (!existsSync(BUSYBOX)) {
      await this.#follow(await this.docker.loadImage(await system.getImage(PYTHON_IMAGE).get()));
      return PYTHON_IMAGE;
    }
    const rootfs = join(this.root, "rootfs");
    for (const dir of ["bin", "tmp", "etc", "workspace"]) mkdirSync(join(rootfs, dir), { recursive: true });
    copyFileSync(BUSYBOX, join(rootfs, "bin/busybox"));
    const libs = spawnSync("ldd", [BUSYBOX], { encoding: "utf8" }).stdout.match(/\/\S+\.so[.\d]*/g) ?? [];
    for (const lib of libs) {
      mkdirSync(join(rootfs, dirname(lib)), { recursive: true });
      copyFileSync(lib, join(rootfs, lib));
    }
    const applets = spawnSync(BUSYBOX, ["--list"], { encoding: "utf8" }).stdout.split("\n").filter((a) => a && a !== "busybox");
    for (const applet of applets) symlinkSync("busybox", join(rootfs, "bin", applet));
    writeFileSync(join(rootfs, "etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n");
    const tar = spawn("tar", ["-C", rootfs, "-c", "."], { stdio: ["ignore", "pipe", "inherit"] });
    const [repo, tag] = TINY_IMAGE.split(":") as [string, string];
    await this.#follow(await this.docker.importImage(tar.stdout as unknown as string, { repo, tag, changes: "ENV PATH=/bin" }));
    return TINY_IMAGE;
  }

  #follow(stream: NodeJS.ReadableStream): Promise<void> {
    return new Promise((resolve, reject) => this.docker.modem.followProgress(stream, (error: Error | null) => (error ? reject(error) : resolve())));
  }

  /** Ends dockerd (SIGKILL after 20 s) and every process under its roots, unmounts, removes the roots. */
  async destroy(): Promise<void> {
    await this.stop(20_000).catch(() => {});
    for (const pid of processesWith(this.root)) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
    await sleepFor(200);
    const mounts = readFileSync("/proc/mounts", "utf8").split("\n").map((line) => line.split(" ")[1] ?? "").filter((m) => m.startsWith(this.root));
    for (const mount of mounts.reverse()) spawnSync("umount", ["-l", mount]);
    rmSync(this.root, { recursive: true, force: true });
  }
}
