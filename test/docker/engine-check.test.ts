// Engine-free: what prepare() says when no engine answers.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import Docker from "dockerode";
import { DockerRunner, RunnerError, engineAddress } from "../../sdk/index.ts";

describe("DockerRunner.prepare without an engine", () => {
  it("throws a RunnerError naming the socket, DOCKER_HOST and --native", async () => {
    const runner = new DockerRunner({ docker: new Docker({ socketPath: "/tmp/bench-no-engine.sock" }) });
    await assert.rejects(
      runner.prepare([]),
      new RunnerError(
        "No Docker engine answered at unix:///tmp/bench-no-engine.sock. Start Docker (the default socket is /var/run/docker.sock), " +
          "set DOCKER_HOST to a reachable engine, or pass --native to run without Docker.",
      ),
    );
  });

  it("names the default socket of a client made without DOCKER_HOST (not http://undefined)", async () => {
    const saved = process.env.DOCKER_HOST;
    delete process.env.DOCKER_HOST;
    try {
      const docker = new Docker();
      const expected = existsSync(join(homedir(), ".docker/run/docker.sock")) ? `unix://${join(homedir(), ".docker/run/docker.sock")}` : "unix:///var/run/docker.sock";
      assert.equal(engineAddress(docker), expected);
      await docker.ping().catch(() => undefined);
      assert.equal(engineAddress(docker), expected);
    } finally {
      if (saved !== undefined) process.env.DOCKER_HOST = saved;
    }
  });

  it("names a tcp engine by protocol, host and port", () => {
    assert.equal(engineAddress(new Docker({ host: "10.0.0.5", port: 2375, protocol: "http" })), "http://10.0.0.5:2375");
  });
});
