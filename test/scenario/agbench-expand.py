# agbench's expand_scenario algorithm (run_cmd.py), used as the reference in agbench-identity.test.ts.
# usage: python3 agbench-expand.py <scenario.jsonl> <global template dir> <output root>
# Writes <output root>/<id>/ for every scenario line (blank and // lines skipped; agbench fails on them).
import json
import os
import pathlib
import shutil
import sys


def expand_scenario(scenario_dir, scenario, output_dir, global_dir):
    template = scenario["template"]
    substitutions = scenario["substitutions"] if "substitutions" in scenario else scenario.get("values", {})
    # Older versions are only one-level deep
    if len(substitutions) > 0 and isinstance(substitutions[next(iter(substitutions))], str):
        substitutions = {"scenario.py": substitutions}

    copy_operations = []
    if isinstance(template, str):
        if os.path.isdir(os.path.join(scenario_dir, template)):
            copy_operations.append((template, ""))
        else:
            copy_operations.append((template, "scenario.py"))
    else:
        for elm in template:
            if isinstance(elm, list):
                copy_operations.append((elm[0], elm[1]))
            else:
                copy_operations.append((elm, ""))

    shutil.copytree(global_dir, output_dir, ignore=shutil.ignore_patterns("*.example"), dirs_exist_ok=False)

    for src, dst in copy_operations:
        src_path = pathlib.Path(os.path.join(scenario_dir, src)).absolute()
        dest_path = pathlib.Path(os.path.join(output_dir, dst)).absolute()
        if os.path.isdir(src_path):
            shutil.copytree(src_path, dest_path, dirs_exist_ok=True)
        elif os.path.isdir(dest_path):
            shutil.copyfile(src_path, os.path.join(dest_path, os.path.basename(src_path)))
        else:
            shutil.copyfile(src_path, dest_path)

    for templated_file in substitutions.keys():
        with open(os.path.join(output_dir, templated_file), "rt") as fh:
            template_contents = list(fh)
        values = substitutions[templated_file]
        with open(os.path.join(output_dir, templated_file), "wt") as fh:
            for line in template_contents:
                for k, v in values.items():
                    line = line.replace(k, v)
                fh.write(line)


def main():
    jsonl, global_dir, out_root = sys.argv[1:4]
    scenario_dir = os.path.dirname(os.path.realpath(jsonl))
    with open(jsonl, "rt") as fh:
        for line in fh:
            if line.strip() == "" or line.strip().startswith("//"):
                continue
            scenario = json.loads(line)
            expand_scenario(scenario_dir, scenario, os.path.join(out_root, scenario["id"]), global_dir)


main()
