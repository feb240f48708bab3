// Engine-free: what prepare() says when no engine answers.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
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

  it("names a tcp engine by protocol, host and port", () => {
    assert.equal(engineAddress(new Docker({ host: "10.0.0.5", port: 2375, protocol: "http" })), "http://10.0.0.5:2375");
  });
});
