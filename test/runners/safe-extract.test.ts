// The guarded extraction of a container's /workspace (copy mode), run over the same hostile archive set
// with every tar-fs version that package.json's range admits. The guard must not depend on tar-fs's
// own checks: 2.1.5 joins `..` names under the root, 2.1.6 throws on them; both must give one result.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { chmod, lstat, mkdir, readdir, readFile, readlink, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { pack as tarPack } from "tar-stream";
import { ExtractLimitError, safeExtract, type TarExtract } from "../../src/runners/docker/safe-extract.ts";
import { removedAfterTests } from "../helpers/temp-dir.ts";

const require = createRequire(import.meta.url);
/** The installed tar-fs (what users get from the lock) and each admitted release, as devDependency aliases. */
const VERSIONS: [string, TarExtract][] = [
  [`installed ${require("tar-fs/package.json").version}`, require("tar-fs").extract],
  ["2.1.5", require("tar-fs-2.1.5").extract],
  ["2.1.6", require("tar-fs-2.1.6").extract],
];

const tempDir = removedAfterTests();

type Entry = { name: string; type?: "file" | "directory" | "symlink" | "link"; linkname?: string; content?: string; mode?: number };

/** A hand-made tar stream (names as given: `..`, absolute, links). */
function tarOf(entries: Entry[]): Readable {
  const archive = tarPack();
  for (const { content, ...header } of entries) archive.entry({ type: "file", ...header }, content ?? "");
  archive.finalize();
  return archive;
}

const exists = (path: string) => lstat(path).then(() => true, () => false);

const HOSTILE: Entry[] = [
  { name: "workspace", type: "directory" },
  { name: "workspace/ok.txt", content: "ok\n" },
  { name: "workspace/sub dir/a b.txt", content: "spaces\n" },
  { name: "workspace/../outside/dotdot.txt", content: "x" },
  { name: "workspace/../../../tmp/bench-escape.txt", content: "x" },
  { name: "workspace/a/../../inner-dotdot.txt", content: "x" },
  { name: "/etc/bench-absolute.txt", content: "x" },
  { name: "other/foreign.txt", content: "x" },
  { name: "workspace/escape", type: "symlink", linkname: "/etc/passwd" },
  { name: "workspace/link-dir", type: "symlink", linkname: "/" },
  { name: "workspace/up", type: "symlink", linkname: "../outside" },
  { name: "workspace/mid-dotdot", type: "symlink", linkname: "sub dir/../ok.txt" },
  { name: "workspace/inside", type: "symlink", linkname: "sub dir/a b.txt" },
  { name: "workspace/hard", type: "link", linkname: "/etc/passwd" },
  { name: "workspace/hard-inside", type: "link", linkname: "workspace/ok.txt" },
  { name: "workspace/pre-link/through.txt", content: "x" },
  { name: "workspace/console_log.txt", content: "forged\n" },
  { name: "workspace/result.json", content: "{}" },
  { name: "workspace/ro.txt", content: "new" },
];

for (const [version, tarExtract] of VERSIONS) {
  describe(`safeExtract over tar-fs ${version} (hostile archives)`, () => {
    it("writes only inside the root and skips every hostile entry, without an error", async () => {
      const parent = await tempDir("bench-extract-");
      const root = join(parent, "run");
      const outside = join(parent, "outside");
      await mkdir(root);
      await mkdir(outside);
      await symlink(outside, join(root, "pre-link")); // a symlink already in the run folder
      await writeFile(join(root, "console_log.txt"), "host log\n");
      await writeFile(join(root, "ro.txt"), "old");
      await chmod(join(root, "ro.txt"), 0o444);
      const stats = await safeExtract(tarOf(HOSTILE), root, {
        prefix: "workspace", limitBytes: 1024, protectedNames: ["console_log.txt", "result.json"], tarExtract,
      });
      assert.deepEqual(await readdir(outside), []);
      assert.equal(await exists(join(parent, "dotdot.txt")), false);
      assert.equal(await exists(join(parent, "inner-dotdot.txt")), false);
      assert.equal(await exists("/tmp/bench-escape.txt"), false);
      assert.equal(await exists("/etc/bench-absolute.txt"), false);
      assert.deepEqual((await readdir(root, { recursive: true })).sort(), [
        "console_log.txt", "inside", "ok.txt", "pre-link", "ro.txt", "sub dir", "sub dir/a b.txt",
      ]);
      assert.equal(await readFile(join(root, "ok.txt"), "utf8"), "ok\n");
      assert.equal(await readFile(join(root, "ro.txt"), "utf8"), "new");
      assert.equal(await readFile(join(root, "console_log.txt"), "utf8"), "host log\n");
      assert.equal(await readlink(join(root, "inside")), "sub dir/a b.txt");
      assert.deepEqual(stats.skipped, [
        "../outside/dotdot.txt", "../../../tmp/bench-escape.txt", "a/../../inner-dotdot.txt", "/etc/bench-absolute.txt",
        "other/foreign.txt", "escape", "link-dir", "up", "mid-dotdot", "hard", "hard-inside", "pre-link/through.txt",
        "console_log.txt", "result.json",
      ]);
      assert.equal(stats.bytes, 3 + 7 + 3);
    });

    it("stops at limitBytes: ExtractLimitError, nothing past the limit written", async () => {
      const root = await tempDir("bench-extract-cap-");
      const entries = ["a", "b", "c", "d"].map((name) => ({ name: `workspace/${name}`, content: "x".repeat(400) }));
      await assert.rejects(safeExtract(tarOf(entries), root, { prefix: "workspace", limitBytes: 1000, tarExtract }), (error: unknown) => {
        assert.ok(error instanceof ExtractLimitError);
        assert.equal(error.message, "more than 1000 bytes of files");
        return true;
      });
      assert.deepEqual((await readdir(root)).sort(), ["a", "b"]);
    });
  });
}
