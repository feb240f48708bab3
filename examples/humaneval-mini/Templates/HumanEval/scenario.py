# HumanEval-style scenario: an "agent" completes the function in problem.py, then the problem's
# check() runs against the completion. Prints the success sentinel only when every assert holds.
# The stand-in agent below returns the reference solution baked into problem.py, so every task
# passes out of the box; replace agent() with a call to your own agent (see README.md).
import importlib.util
import sys
import traceback

spec = importlib.util.spec_from_file_location("problem", "problem.py")
problem = importlib.util.module_from_spec(spec)
spec.loader.exec_module(problem)


def agent(prompt: str) -> str:
    """Return the full source of the completed function (here: the reference solution)."""
    return problem.PROMPT + problem.CANONICAL_SOLUTION


print("TASK: __TASK_ID__")
completion = agent(problem.PROMPT)
with open("solution.py", "w") as f:
    f.write(completion)

namespace = {}
try:
    exec(compile(completion, "solution.py", "exec"), namespace)
    candidate = namespace[problem.ENTRY_POINT]
    problem.check(candidate)
except Exception:
    traceback.print_exc()
    print("TESTS FAILED")
    sys.exit(0)  # the scenario ran to the end; the missing sentinel makes it "failed", not "error"

print("ALL TESTS PASSED !#!#")
