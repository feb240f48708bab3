/**
 * agbench's default_scorer and default_timer re-stated in plain Python (no agbench, no pandas), after
 * python/packages/agbench/src/agbench/tabulate_cmd.py: each opens console_log.txt, reads it whole as
 * text and looks for the markers (`in` for the strings, re.search for the time). The reference that
 * test/tabulate/agbench-log-scan.test.ts checks bench against, and the stand-in for agbench's own
 * tabulate in test/perf/tabulate-agbench.bench.ts.
 */
export const AGBENCH_DEFAULTS_PY = `
import json, os, re, sys
SUCCESS_STRINGS = ["ALL TESTS PASSED !#!#"]
COMPLETED_STRINGS = ["SCENARIO.PY COMPLETE !#!#"]
def default_scorer(d):
    p = os.path.join(d, "console_log.txt")
    if not os.path.isfile(p): return None
    with open(p, "rt") as fh: content = fh.read()
    if any(s in content for s in SUCCESS_STRINGS): return True
    if any(s in content for s in COMPLETED_STRINGS): return False
    return None
def default_timer(d):
    p = os.path.join(d, "console_log.txt")
    if not os.path.isfile(p): return None
    with open(p, "rt") as fh: content = fh.read()
    m = re.search(r"RUNTIME:\\s*([\\d.]+) !#!#", content)
    return float(m.group(1)) if m else None
`;
