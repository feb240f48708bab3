/**
 * `bench tabulate` runs agbench's custom_tabulate.py as agbench's tabulate does (found the same way,
 * its scorer deciding every trial), in a Docker sandbox by default and natively only with --native.
 * Results in the shape agbench's GAIA benchmark leaves them: Results/<scenario>/<task>/<trial>/ with
 * expected_answer.txt (from Templates/MagenticOne) and a console_log.txt ending in "FINAL ANSWER: …".
 */
import { describe, it, before } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { cp, mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { main } from "../../src/cli/main.ts";
import { findCustomTabulate } from "../../src/tabulate/custom-tabulate.ts";
import { captureIO } from "../helpers/capture-io.ts";
import { tempDir } from "../helpers/fake-deps.ts";
import { agbenchLog } from "../results/agbench-results.ts";
import { result, writeRun } from "../tabulate/results-fixture.ts";
import { dockerEngine, PYTHON_IMAGE } from "./engine.ts";

const engine = await dockerEngine();
const FIXTURE = join(import.meta.dirname, "../fixtures/agbench-gaia");
const SCENARIO = "gaia_validation_level_1__MagenticOne";
const TASKS: [string, string, string][] = [
  ["0a3cd321", "Saint Petersburg", "Saint Petersburg"],
  ["17b5a6a3", "34689", "34,689"],
  ["2d83110e", "Right", "right."],
  ["4b6bb5f7", "THE CASTLE", "the tower"],
];

async function bench(cwd: string, ...argv: string[]) {
  const io = captureIO({ cwd });
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err() };
}

async function gaiaTree(): Promise<string> {
  const root = await tempDir("bench-gaia-");
  await cp(FIXTURE, root, { recursive: true });
  for (const [id, expected, answer] of TASKS) {
    const dir = join(root, "Results", SCENARIO, id, "0");
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, "expected_answer.txt"), `${expected}\n`);
    await writeFile(join(dir, "prompt.txt"), "What is the answer?\n");
    await writeFile(join(dir, "console_log.txt"), agbenchLog({ verdict: "failed", body: `---------- MagenticOneOrchestrator ----------\nFINAL ANSWER: ${answer}` }));
  }
  return root;
}

describe("bench tabulate with custom_tabulate.py", { skip: engine.skip }, () => {
  let root = "";
  before(async () => {
    root = await gaiaTree();
  });

  it("is found as agbench finds it: the current folder first, then from the argument upwards, Scripts/ or scripts/", async () => {
    const results = join(root, "Results", SCENARIO);
    assert.equal(await findCustomTabulate(join(root, "Results"), [results]), join(root, "Scripts/custom_tabulate.py"));
    const lower = await tempDir();
    await mkdir(join(lower, "scripts"));
    await writeFile(join(lower, "scripts/custom_tabulate.py"), "");
    assert.equal(await findCustomTabulate(lower, [results]), join(lower, "scripts/custom_tabulate.py"), "the current folder wins");
    await mkdir(join(lower, "sub"));
    assert.equal(await findCustomTabulate(join(lower, "sub"), ["-c"]), undefined, "the current folder is not walked up");
  });

  it("in the Docker sandbox: the script's scorer decides (3 successes, as agbench reports; bench's own rules find none)", async () => {
    const own = await bench(root, "tabulate", "Results", "--no-custom-tabulate", "--format", "json");
    assert.equal(JSON.parse(own.out).suites[0].counts.passed, 0);
    const r = await bench(root, "tabulate", `Results/${SCENARIO}`, "--format", "json");
    assert.equal(r.code, 0, r.err);
    assert.match(r.err, new RegExp(`Using tabulation method defined in '${join(root, "Scripts/custom_tabulate.py")}' \\(in ${PYTHON_IMAGE}: no network, Results read-only\\)`));
    assert.match(r.err, /GAIA scorer: comparing FINAL ANSWER with expected_answer.txt/, "what the script prints is shown");
    assert.match(r.err, /GAIA scorer: warnings go to stderr/, "what the script writes to stderr is shown");
    const suite = JSON.parse(r.out).suites[0];
    assert.deepEqual(suite.rows.map((row: { id: string; trials: { status: string; durationMs: number }[] }) => [row.id, row.trials[0]!.status, row.trials[0]!.durationMs]).sort(),
      [["0a3cd321", "passed", 7000], ["17b5a6a3", "passed", 7000], ["2d83110e", "passed", 7000], ["4b6bb5f7", "failed", 7000]]);
  });

  it("natively with --native and --python: the same verdicts", async () => {
    const r = await bench(root, "tabulate", `Results/${SCENARIO}`, "--native", "--python", "python3", "-c");
    assert.equal(r.code, 0, r.err);
    assert.match(r.err, /\(natively, without isolation\)/);
    assert.match(r.err, /GAIA scorer: comparing FINAL ANSWER[\s\S]*GAIA scorer: warnings go to stderr/, "stdout then stderr of the script are shown");
    assert.match(r.out, /^Task Id,Trial 0 Success,Trial 0 Time,/);
    assert.deepEqual(r.out.trim().split("\n").slice(1).map((line) => line.split(",").slice(0, 2).join(",")).sort(), ["0a3cd321,True", "17b5a6a3,True", "2d83110e,True", "4b6bb5f7,False"]);
  });

  it("a hostile script can neither write Results, reach the network nor see the host's environment", async () => {
    const hostile = await gaiaTree();
    await writeFile(join(hostile, "Scripts/custom_tabulate.py"), `import os, socket
def main(args):
    print("env:", sorted(k for k in os.environ if k not in ("PATH", "HOSTNAME", "HOME", "LANG", "PYTHONDONTWRITEBYTECODE", "GPG_KEY", "PYTHON_VERSION", "PYTHON_SHA256", "PYTHONUNBUFFERED")))
    try:
        socket.create_connection(("1.1.1.1", 53), timeout=2); print("network: reached")
    except OSError as e:
        print("network: refused")
    open(os.path.join(args[1], "planted.txt"), "w").write("x")
`);
    process.env.BENCH_TEST_HOST_SECRET = "s3cr3t";
    try {
      const r = await bench(hostile, "tabulate", `Results/${SCENARIO}`);
      assert.equal(r.code, 1, r.err);
      assert.match(r.err, /custom_tabulate\.py failed \(exit 1 in bench-action\/python:bookworm\):[\s\S]*Read-only file system/);
      assert.doesNotMatch(r.err, /s3cr3t|BENCH_TEST_HOST_SECRET/);
    } finally {
      delete process.env.BENCH_TEST_HOST_SECRET;
    }
    await assert.rejects(readFile(join(hostile, "Results", SCENARIO, "planted.txt")));
    // The same script natively is what --native warns about: it runs with no isolation.
    process.env.BENCH_TEST_HOST_SECRET = "s3cr3t";
    const native = await bench(hostile, "tabulate", `Results/${SCENARIO}`, "--native").finally(() => delete process.env.BENCH_TEST_HOST_SECRET);
    assert.equal(native.code, 0, native.err);
    assert.doesNotMatch(native.err, /BENCH_TEST_HOST_SECRET/, "natively too the host environment is not passed whole");
  });

  it("a script that imports a package the sandbox lacks (GAIA's pandas) fails with how to give it one", async () => {
    const lacking = await gaiaTree();
    await writeFile(join(lacking, "Scripts/custom_tabulate.py"), "import bench_no_such_package_x\ndef main(args):\n    pass\n");
    const docker = await bench(lacking, "tabulate", `Results/${SCENARIO}`);
    assert.equal(docker.code, 1, docker.err);
    assert.match(docker.err, new RegExp(`the image ${PYTHON_IMAGE} has no 'bench_no_such_package_x': give --image IMAGE with the packages the script imports, .*or --native --python PYTHON`));
    const native = await bench(lacking, "tabulate", `Results/${SCENARIO}`, "--native", "--python", "python3");
    assert.equal(native.code, 1, native.err);
    assert.match(native.err, /'python3' has no 'bench_no_such_package_x'/);
  });

  it("-e writes a real Excel workbook with agbench's columns", async () => {
    const file = join(root, "out/gaia.xlsx");
    const r = await bench(root, "tabulate", `Results/${SCENARIO}`, "-e", "out/gaia.xlsx");
    assert.equal(r.code, 0, r.err);
    // Read back with Python's zipfile + ElementTree (always there), and openpyxl where installed.
    const cells = JSON.parse(execFileSync("python3", ["-c", `import json, sys, zipfile, xml.etree.ElementTree as ET
ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
z = zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None
sheet = ET.fromstring(z.read("xl/worksheets/sheet1.xml"))
rows = []
for row in sheet.find("m:sheetData", ns):
    out = []
    for c in row:
        t = c.get("t"); v = c.find("m:v", ns)
        out.append("".join(c.itertext()) if t == "inlineStr" else (v.text == "1") if t == "b" else float(v.text))
    rows.append(out)
print(json.dumps(rows))`, file], { encoding: "utf8" }));
    assert.deepEqual(cells[0], ["Task Id", "Trial 0 Success", "Trial 0 Time"]);
    assert.deepEqual(cells.slice(1).sort(), [["0a3cd321", true, 7], ["17b5a6a3", true, 7], ["2d83110e", true, 7], ["4b6bb5f7", false, 7]]);
    const openpyxl = execFileSync("/usr/bin/python3", ["-c", "import importlib.util; print(importlib.util.find_spec('openpyxl') is not None)"], { encoding: "utf8" }).trim();
    if (openpyxl === "True") {
      const loaded = execFileSync("/usr/bin/python3", ["-c", "import openpyxl, sys, json; ws = openpyxl.load_workbook(sys.argv[1]).active; print(json.dumps([[c.value for c in r] for r in ws.iter_rows()]))", file], { encoding: "utf8" });
      assert.deepEqual(JSON.parse(loaded), cells);
    }
  });
});

describe("bench score with custom_tabulate.py", { skip: engine.skip }, () => {
  const SPY = `import os
from agbench.tabulate_cmd import default_tabulate
HERE = os.path.dirname(os.path.abspath(__file__))

def scorer(instance_dir):
    try:
        with open(os.path.join(HERE, "ran-here.txt"), "w") as fh:
            fh.write(os.environ.get("BENCH_TEST_HOST_SECRET", "no secret"))
    except OSError:
        pass
    return os.path.realpath(instance_dir).startswith("/bench/runlogs/") and "BENCH_TEST_HOST_SECRET" not in os.environ

def main(args):
    default_tabulate(args, scorer=scorer)
`;

  async function tree(): Promise<string> {
    const root = await tempDir("bench-score-tab-");
    await mkdir(join(root, "Scripts"));
    await writeFile(join(root, "Scripts/custom_tabulate.py"), SPY);
    await writeRun(join(root, "Results"), result("s", "t", 0, { status: "failed", score: { success: false, source: "default" } }));
    return root;
  }
  const status = async (root: string) => JSON.parse(await readFile(join(root, "Results/s/t/0/result.json"), "utf8")) as { status: string; score: { source: string } };

  it("runs the script in the Docker sandbox by default: no trace on the host, no host secret inside", async () => {
    const root = await tree();
    process.env.BENCH_TEST_HOST_SECRET = "s3cr3t";
    const r = await bench(root, "score", "Results").finally(() => delete process.env.BENCH_TEST_HOST_SECRET);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /s\/t\/0: failed → passed/);
    assert.deepEqual((await status(root)).score, { success: true, source: "custom_tabulate" }, "its scorer saw the run at /bench/runlogs and no host secret");
    await assert.rejects(readFile(join(root, "Scripts/ran-here.txt")), "the script could not write next to itself on the host");
  });

  it("--native runs it on this machine (the trace appears), still without the host's secrets; --image names a missing image clearly", async () => {
    const root = await tree();
    process.env.BENCH_TEST_HOST_SECRET = "s3cr3t";
    const r = await bench(root, "score", "Results", "--native").finally(() => delete process.env.BENCH_TEST_HOST_SECRET);
    assert.equal(r.code, 0, r.err);
    assert.equal(await readFile(join(root, "Scripts/ran-here.txt"), "utf8"), "no secret");
    assert.deepEqual((await status(root)).score, { success: false, source: "custom_tabulate" });
    const missing = await bench(root, "score", "Results", "--image", "bench-action/no-such-image:none");
    assert.equal(missing.code, 2);
    assert.match(missing.err, /image: bench-action\/no-such-image:none is not on this Docker engine; give --image IMAGE .*or --native/);
  });
});
