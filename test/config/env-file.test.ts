import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigError, describeError } from "../../src/errors.ts";
import { findDefaultEnvFile, loadEnvFile } from "../../src/config/env-file.ts";
import { pythonFloat, pythonJsonDumps } from "../../src/config/python-text.ts";

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), "bench-env-"));
});
after(() => rm(dir, { recursive: true, force: true }));

async function file(name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

const HOST = { OPENAI_API_KEY: "sk-host-123", REGION: "eu" };

describe("loadEnvFile", () => {
  it("substitutes ${VAR} from the host env and converts numbers, booleans, null and nested values as agbench's Python does", async () => {
    // Expected: what agbench's get_scenario_env (PyYAML, json.dumps) gives and docker-py writes (str()), checked with agbench's own code.
    const path = await file("ENV.yaml", [
      "OPENAI_API_KEY: ${OPENAI_API_KEY}",
      "ENDPOINT: https://${REGION}.example.com/v1",
      "PORT: 8080",
      "RATIO: 0.5",
      "BIG: 12345678901234567890",
      "DEBUG: true",
      "EMPTY:",
      "CONFIG_LIST:",
      "  - model: gpt-4",
      "    api_key: ${OPENAI_API_KEY}",
      "    max_tokens: 100",
      "NESTED: { a: 1, b: [x, false] }",
      "",
    ].join("\n"));
    const { env, secrets, warnings } = await loadEnvFile(path, { hostEnv: HOST });
    assert.deepEqual(env, {
      OPENAI_API_KEY: "sk-host-123",
      ENDPOINT: "https://eu.example.com/v1",
      PORT: "8080",
      RATIO: "0.5",
      BIG: "12345678901234567890",
      DEBUG: "True",
      EMPTY: "",
      CONFIG_LIST: '[{"model": "gpt-4", "api_key": "sk-host-123", "max_tokens": 100}]',
      NESTED: '{"a": 1, "b": ["x", false]}',
    });
    assert.deepEqual(warnings, []);
    assert.deepEqual(secrets.sort(), [
      "sk-host-123", "eu", "https://eu.example.com/v1", "8080", "0.5", "12345678901234567890", "True",
      '[{"model": "gpt-4", "api_key": "sk-host-123", "max_tokens": 100}]', '{"a": 1, "b": ["x", false]}',
      // every string inside a nested value, so one field printed alone is masked too
      "gpt-4", "x",
    ].sort());
  });

  it("an unset ${VAR} is an error naming file, key and variable, all at once", async () => {
    const path = await file("missing.yaml", "A: ${NOPE_1}\nB: x-${NOPE_2}-y\nC: ok\n");
    await assert.rejects(loadEnvFile(path, { hostEnv: {} }), (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.deepEqual(error.issues, [`${path}: A: \${NOPE_1} is not set in the environment`, `${path}: B: \${NOPE_2} is not set in the environment`]);
      assert.equal(error.message, `Invalid env file ${path}:\n  ${error.issues.join("\n  ")}`);
      return true;
    });
  });

  it("allowMissing turns an unset ${VAR} into an empty string with a warning", async () => {
    const path = await file("allow.yaml", "B: x-${NOPE_2}-y\n");
    const { env, warnings } = await loadEnvFile(path, { hostEnv: {}, allowMissing: true });
    assert.deepEqual(env, { B: "x--y" });
    assert.deepEqual(warnings, [`${path}: B: \${NOPE_2} is not set; using ""`]);
  });

  it("ENV.json and ENV.yaml keep 2 and 2.0 apart, and nested text is json.dumps's (separators, \\u escapes, float repr)", async () => {
    const json = await file("ENV.json", '{"I": 2, "F": 2.0, "E": 1e-5, "M": {"t": 1.0, "s": "café 😀", "n": [1, 1e16, true, null]}, "B": false}');
    const expected = { I: "2", F: "2.0", E: "1e-05", M: '{"t": 1.0, "s": "caf\\u00e9 \\ud83d\\ude00", "n": [1, 1e+16, true, null]}', B: "False" };
    assert.deepEqual((await loadEnvFile(json, { hostEnv: {} })).env, expected);
    const yaml = await file("py.yaml", 'I: 2\nF: 2.0\nE: 1.0e-5\nM: {t: 1.0, s: "café 😀", n: [1, 1.0e+16, true, null]}\nB: false\n');
    assert.deepEqual((await loadEnvFile(yaml, { hostEnv: {} })).env, expected);
  });

  it("formats floats and nested values exactly as python3's repr and json.dumps", { skip: spawnSync("python3", ["--version"]).status !== 0 && "python3 not installed" }, () => {
    const floats = [0.5, 2, 1e16, 1.5e16, 1e15, 123456789012345.6, 1e-5, 0.0001, 0.00012345, -3.25, 1e21, 5e-324, 1.7976931348623157e308, 0.1 + 0.2, -0, 1e-7];
    const nested = { a: "é😀\u007f\u0001\"\\/\n\t", b: [1n, 2, true, null, -0, Infinity], "c d": {}, e: [] };
    const script = `import json, sys\nfl = json.loads(sys.argv[1])\nprint(json.dumps([repr(float(f)) for f in fl]))\nd = json.loads(sys.argv[2])\nd["b"][1] = 2.0\nd["b"][4] = -0.0\nd["b"][5] = float("inf")\nprint(json.dumps(d))`;
    const py = spawnSync("python3", ["-c", script, JSON.stringify(floats.map((f) => (Object.is(f, -0) ? "-0.0" : String(f)))), JSON.stringify({ ...nested, b: [1, 0, true, null, 0, 0] })], { encoding: "utf8" });
    assert.equal(py.status, 0, py.stderr);
    const [reprs, dumped] = py.stdout.trim().split("\n");
    assert.deepEqual(floats.map(pythonFloat), JSON.parse(reprs!));
    assert.equal(pythonJsonDumps(nested), dumped);
  });

  it("reads the deprecated ENV.json with a warning", async () => {
    const path = await file("ENV.json", JSON.stringify({ BING_API_KEY: "b-1", KEY: "${OPENAI_API_KEY}", N: 3 }));
    const { env, warnings } = await loadEnvFile(path, { hostEnv: HOST });
    assert.deepEqual(env, { BING_API_KEY: "b-1", KEY: "sk-host-123", N: "3" });
    assert.deepEqual(warnings, [`${path}: ENV.json is deprecated; move the same keys to ENV.yaml`]);
  });

  it("rejects keys that are not environment variable names", async () => {
    const path = await file("keys.yaml", "GOOD: 1\nbad-key: 2\n1ST: 3\n");
    await assert.rejects(loadEnvFile(path, { hostEnv: {} }), {
      issues: [`${path}: "bad-key" is not a valid environment variable name`, `${path}: "1ST" is not a valid environment variable name`],
    });
  });

  it("reports syntax errors by position only, never quoting the (secret) text", async () => {
    const yamlPath = await file("bad.yaml", "A: ok\nB: [sk-secret-value\n");
    const yamlError = await loadEnvFile(yamlPath, { hostEnv: {} }).catch((e: unknown) => e);
    assert.ok(yamlError instanceof ConfigError);
    assert.match(yamlError.issues[0] ?? "", new RegExp(`^${yamlPath}:\\d+:\\d+: invalid YAML$`));
    assert.doesNotMatch(describeError(yamlError), /sk-secret-value/);
    const jsonPath = await file("bad.json", '{"A": sk-secret-value}');
    const jsonError = await loadEnvFile(jsonPath, { hostEnv: {} }).catch((e: unknown) => e);
    assert.ok(jsonError instanceof ConfigError);
    assert.deepEqual(jsonError.issues, [`${jsonPath}: invalid JSON`]);
    assert.doesNotMatch(describeError(jsonError), /sk-secret-value/);
  });

  it("rejects a file that is not a mapping, and a missing file; an empty file is no variables", async () => {
    const list = await file("list.yaml", "- a\n- b\n");
    await assert.rejects(loadEnvFile(list), { issues: [`${list}: must be a mapping of NAME: value`] });
    await assert.rejects(loadEnvFile(join(dir, "none.yaml")), { issues: [`${join(dir, "none.yaml")}: cannot read: ENOENT`] });
    assert.deepEqual(await loadEnvFile(await file("empty.yaml", "# nothing\n")), { env: {}, secrets: [], warnings: [] });
  });
});

describe("findDefaultEnvFile", () => {
  it("prefers ENV.yaml, then ENV.yml, then ENV.json", async () => {
    const cwd = await mkdtemp(join(tmpdir(), "bench-env-default-"));
    try {
      assert.equal(findDefaultEnvFile(cwd), undefined);
      await writeFile(join(cwd, "ENV.json"), "{}");
      assert.equal(findDefaultEnvFile(cwd), join(cwd, "ENV.json"));
      await writeFile(join(cwd, "ENV.yml"), "");
      assert.equal(findDefaultEnvFile(cwd), join(cwd, "ENV.yml"));
      await writeFile(join(cwd, "ENV.yaml"), "");
      assert.equal(findDefaultEnvFile(cwd), join(cwd, "ENV.yaml"));
    } finally {
      await rm(cwd, { recursive: true, force: true });
    }
  });
});
