import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { createRunner, NativeRunner } from "../../sdk/index.ts";

describe("createRunner", () => {
  it("gives a NativeRunner for runtime native and a Docker runner otherwise", async () => {
    const native = await createRunner({ runtime: "native", cwd: "/tmp/x" });
    assert.ok(native instanceof NativeRunner);
    assert.equal(native.name, "native");
    const docker = await createRunner({ dockerImage: "bench-action/node:bookworm" });
    assert.equal(docker.name, "docker");
  });
});
