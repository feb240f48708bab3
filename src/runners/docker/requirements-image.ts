/** The derived image for a scenario's requirements.txt: what it hashes and how it is built. */
import { createHash } from "node:crypto";
import { readFile, readdir } from "node:fs/promises";
import { join } from "node:path";

/**
 * Content of requirements.txt plus, when the run folder has a `wheels/` folder (a local package
 * index for `--find-links ./wheels`, copied next to requirements.txt in the build), its files.
 */
export async function requirementsFingerprint(runDir: string): Promise<string> {
  const hash = createHash("sha256").update(await readFile(join(runDir, "requirements.txt")));
  const wheels = join(runDir, "wheels");
  const names = await readdir(wheels, { recursive: true, withFileTypes: true }).catch(() => []);
  for (const entry of names.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name)).sort()) {
    hash.update(`\0${entry.slice(wheels.length)}\0`).update(await readFile(entry));
  }
  return hash.digest("hex");
}

/**
 * FROM the base (by id, so a retagged base gives a new image), requirements installed with pip
 * (PIP_BREAK_SYSTEM_PACKAGES for Debian's PEP 668 guard), and the marker run.sh checks to skip
 * its own install.
 */
export function requirementsDockerfile(baseId: string, base: string): string {
  return [
    `# requirements image derived from ${base}`,
    `FROM ${baseId}`,
    "COPY requirements /tmp/bench-requirements",
    "RUN cd /tmp/bench-requirements && PIP_BREAK_SYSTEM_PACKAGES=1 PIP_DISABLE_PIP_VERSION_CHECK=1 \\",
    "    python3 -m pip install --no-cache-dir -r requirements.txt && rm -rf /tmp/bench-requirements",
    "ENV BENCH_REQUIREMENTS_INSTALLED=1",
    "",
  ].join("\n");
}
