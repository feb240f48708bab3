/**
 * scripts/validate-exports.ts: package.json (npm), deno.json (JSR) and sdk/ describe the same entry
 * points, the root exports exactly the domain files' names, and every name and public member has
 * JSDoc. Checked on this repository, and on a small fixture broken one way at a time so the check is
 * seen to fail. The subpaths themselves are imported by name from the built package here
 * (self-reference through `exports`), and from an installed one in npm-pack.test.ts and
 * install-outside.test.ts.
 */
import { describe, it, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { validateExports } from "../../scripts/validate-exports.ts";

const repo = resolve(import.meta.dirname, "../..");
const work = mkdtempSync(join(tmpdir(), "bench-exports-"));
after(() => rmSync(work, { recursive: true, force: true }));

const GOOD: Record<string, string> = {
  "package.json": JSON.stringify({ exports: {
    ".": { types: "./lib/sdk/index.d.ts", default: "./lib/sdk/index.js" },
    "./run": { types: "./lib/sdk/run.d.ts", default: "./lib/sdk/run.js" },
    "./report": { types: "./lib/sdk/report.d.ts", default: "./lib/sdk/report.js" },
  } }),
  "deno.json": JSON.stringify({ exports: { ".": "./sdk/index.ts", "./run": "./sdk/run.ts", "./report": "./sdk/report.ts" } }),
  "sdk/index.ts": '/** Everything. @module */\nexport * from "./run.ts";\nexport * from "./report.ts";\n',
  "sdk/run.ts": '/** Running. @module */\nexport { run, type RunOptions } from "../src/run.ts";\n',
  "sdk/report.ts": '/** Reports. @module */\nexport { render } from "../src/report.ts";\n',
  "src/run.ts": "/** Options of run. */\nexport interface RunOptions {\n  /** Faster. */\n  fast?: boolean;\n}\n/** Runs. */\nexport function run(): void {}\n",
  "src/report.ts": "/** Renders. */\nexport function render(): string { return \"\"; }\n/** Not exported by sdk/. */\nexport const internal = 1;\n",
};

/** The fixture with `changes` applied (undefined deletes a file), as a fresh folder. */
function fixture(changes: Record<string, string | undefined> = {}): string {
  const root = mkdtempSync(join(work, "case-"));
  for (const [path, text] of Object.entries({ ...GOOD, ...changes })) {
    if (text === undefined) continue;
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const pkgWith = (exports: Record<string, unknown>) => JSON.stringify({ exports });
const npm = (base: string) => ({ types: `./lib/sdk/${base}.d.ts`, default: `./lib/sdk/${base}.js` });

describe("validate-exports", () => {
  it("this repository: package.json, deno.json and sdk/ agree, and every exported name has JSDoc", () => {
    assert.deepEqual(validateExports(repo), []);
  });

  it("the fixture as written agrees", () => {
    assert.deepEqual(validateExports(fixture()), []);
  });

  it("an entry in one manifest only, in either direction, or pointing at the wrong file", () => {
    assert.deepEqual(validateExports(fixture({ "deno.json": JSON.stringify({ exports: { ".": "./sdk/index.ts", "./run": "./sdk/run.ts" } }) })),
      ['deno.json exports lacks "./report" (sdk/report.ts)']);
    assert.deepEqual(validateExports(fixture({ "package.json": pkgWith({ ".": npm("index"), "./report": npm("report") }) })),
      ['package.json exports lacks "./run" (sdk/run.ts)']);
    assert.deepEqual(validateExports(fixture({ "package.json": pkgWith({ ".": npm("index"), "./run": { types: "./lib/sdk/run.d.ts", default: "./lib/sdk/report.js" }, "./report": npm("report") }) })),
      ['package.json exports["./run"].default is "./lib/sdk/report.js", not "./lib/sdk/run.js"']);
    assert.deepEqual(validateExports(fixture({ "package.json": pkgWith({ ".": npm("index"), "./run": "./lib/sdk/run.js", "./report": npm("report") }) })),
      ['package.json exports["./run"].types is undefined, not "./lib/sdk/run.d.ts"']);
    assert.deepEqual(validateExports(fixture({ "deno.json": JSON.stringify({ exports: { ".": "./sdk/index.ts", "./run": "./sdk/run.js", "./report": "./sdk/report.ts" } }) })),
      ['deno.json exports["./run"] is "./sdk/run.js", not "./sdk/run.ts"']);
  });

  it("an sdk/ file exported by neither manifest, and an entry without its file", () => {
    assert.deepEqual(validateExports(fixture({ "sdk/extra.ts": '/** Extra. @module */\nexport { internal } from "../src/report.ts";\n' })), [
      'package.json exports lacks "./extra" (sdk/extra.ts)',
      'deno.json exports lacks "./extra" (sdk/extra.ts)',
      "sdk/index.ts does not export internal (exported by sdk/extra.ts)",
    ]);
    const noFile = validateExports(fixture({ "sdk/report.ts": undefined, "sdk/index.ts": '/** Everything. @module */\nexport * from "./run.ts";\n' }));
    assert.deepEqual(noFile, ['sdk/report.ts does not exist, but "./report" is exported']);
  });

  it("a name lost from the root, a name only in the root, a name in two domain files", () => {
    assert.deepEqual(validateExports(fixture({ "sdk/index.ts": '/** Everything. @module */\nexport * from "./run.ts";\nexport { render as draw } from "./report.ts";\n' })), [
      "sdk/index.ts does not export render (exported by sdk/report.ts)",
      "sdk/index.ts exports draw, which no domain file in sdk/ exports",
    ]);
    assert.deepEqual(validateExports(fixture({ "sdk/report.ts": '/** Reports. @module */\nexport { render } from "../src/report.ts";\nexport { run } from "../src/run.ts";\n' })),
      ["run is exported by sdk/report.ts and sdk/run.ts; each name belongs to one domain file"]);
  });

  it("a name or a public member without JSDoc on its declaration, and a file without its @module comment", () => {
    assert.deepEqual(validateExports(fixture({ "src/run.ts": "export interface RunOptions {\n  /** Faster. */\n  fast?: boolean;\n}\n/** Runs. */\nexport function run(): void {}\n" })),
      ["sdk/run.ts: RunOptions (src/run.ts:1) has no JSDoc"]);
    const members = [
      "/** Options of run. */",
      "export interface RunOptions {",
      "  fast?: boolean;",
      "  /** Slower. */",
      "  slow?: boolean;",
      "}",
      "/** Runs. */",
      "export class Runner {",
      "  #state = 0;",
      "  private cache = 1;",
      "  readonly name = \"runner\";",
      "  constructor() {}",
      "}",
      "/** Runs. */",
      "export function run(): void {}",
    ].join("\n");
    const sdkRun = '/** Running. @module */\nexport { run, Runner, type RunOptions } from "../src/run.ts";\n';
    assert.deepEqual(validateExports(fixture({ "src/run.ts": members, "sdk/run.ts": sdkRun })), [
      "sdk/run.ts: Runner.name (src/run.ts:11) has no JSDoc",
      "sdk/run.ts: Runner.constructor (src/run.ts:12) has no JSDoc",
      "sdk/run.ts: RunOptions.fast (src/run.ts:3) has no JSDoc",
    ]);
    assert.deepEqual(validateExports(fixture({ "sdk/run.ts": '// Running.\nexport { run, type RunOptions } from "../src/run.ts";\n' })),
      ["sdk/run.ts does not start with a /** … @module */ comment"]);
  });
});

describe("subpath entries in the docs", () => {
  it("README.md, docs/architecture.md's table and sdk/index.ts's module comment name every subpath", () => {
    const pkg = JSON.parse(readFileSync(join(repo, "package.json"), "utf8")) as { exports: Record<string, unknown> };
    const readme = readFileSync(join(repo, "README.md"), "utf8");
    const architecture = readFileSync(join(repo, "docs/architecture.md"), "utf8");
    const index = readFileSync(join(repo, "sdk/index.ts"), "utf8");
    const names = (text: string, sub: string) => text.includes(`\`${sub}\``) || text.includes(`\`bench-action${sub}\``);
    const subpaths = Object.keys(pkg.exports).filter((e) => e !== ".").map((e) => `/${e.slice(2)}`);
    assert.deepEqual(subpaths.filter((sub) => !names(readme, sub)), [], "README.md");
    assert.deepEqual(subpaths.filter((sub) => !architecture.includes(`| \`${sub}\` |`)), [], "docs/architecture.md");
    assert.deepEqual(subpaths.filter((sub) => !names(index, sub)), [], "sdk/index.ts");
  });
});

describe("subpath entries of the built package", () => {
  it("each subpath imports by the package name, and its values are the root's", async () => {
    const pkg = JSON.parse(readFileSync(join(repo, "package.json"), "utf8")) as { name: string; exports: Record<string, unknown> };
    const root = (await import(pkg.name)) as Record<string, unknown>;
    const seen = new Set<string>();
    for (const entry of Object.keys(pkg.exports).filter((e) => e !== ".")) {
      const sub = (await import(`${pkg.name}/${entry.slice(2)}`)) as Record<string, unknown>;
      assert.ok(Object.keys(sub).length > 0, entry);
      for (const [name, value] of Object.entries(sub)) {
        assert.equal(root[name], value, `${entry} ${name}`);
        seen.add(name);
      }
    }
    assert.deepEqual(Object.keys(root).filter((name) => !seen.has(name)), []);
  });
});
