# One run of your agent on one task. bench-action copies this folder into
# Results/<scenario>/<id>/<repetition>/, replaces the placeholders listed under
# "substitutions" in Tasks/*.jsonl, and runs the task's command (`python3 scenario.py`) there
# (in Docker by default).
#
# Scoring (first that applies): a score.json you write ({"success": true, "score": 0.8}),
# else exit 0 with the line ALL TESTS PASSED !#!# = passed, exit 0 without it = failed,
# a non-zero exit = error.
import os

PROMPT = "__PROMPT__"
EXPECTED = "__EXPECTED__"


def agent(prompt: str) -> str:
    # Replace with a call to your agent. Secrets come from ENV.yaml as environment variables,
    # e.g. os.environ["OPENAI_API_KEY"]; config.yaml is copied next to this file.
    return prompt.upper()


answer = agent(PROMPT)
print(f"answer: {answer}")
if answer == EXPECTED:
    print("ALL TESTS PASSED !#!#")
else:
    print(f"expected {EXPECTED!r}")
