# An LLM "agent" in one call: ask an OpenAI-compatible chat endpoint the task's question and check
# the answer. Settings come from ENV (ENV.yaml) first, then config.yaml in the run folder:
#   OPENAI_BASE_URL / base_url    e.g. https://api.openai.com/v1 (the default)
#   OPENAI_API_KEY                the key (ENV.yaml only; never put it in config.yaml)
#   OPENAI_MODEL / model          e.g. gpt-4o-mini, or an Azure deployment name
#   OPENAI_API_KEY_HEADER / api_key_header   "authorization" (Bearer, default) or "api-key" (Azure keys)
#   OPENAI_API_VERSION / api_version         appended as ?api-version=... when set (Azure)
import json
import os
import sys
import urllib.request


def read_config(path="config.yaml"):
    """Flat `key: value` lines only (stdlib Python has no YAML parser)."""
    config = {}
    if os.path.exists(path):
        with open(path) as f:
            for line in f:
                line = line.split("#", 1)[0].strip()
                if ":" in line:
                    key, value = line.split(":", 1)
                    config[key.strip()] = value.strip().strip("'\"")
    return config


config = read_config()


def setting(env_name, key, default=None):
    return os.environ.get(env_name) or config.get(key) or default


base_url = setting("OPENAI_BASE_URL", "base_url", "https://api.openai.com/v1").rstrip("/")
model = setting("OPENAI_MODEL", "model", "gpt-4o-mini")
key_header = setting("OPENAI_API_KEY_HEADER", "api_key_header", "authorization").lower()
api_version = setting("OPENAI_API_VERSION", "api_version")
api_key = os.environ.get("OPENAI_API_KEY", "")

question = "__QUESTION__"
expected = "__EXPECTED__"

url = base_url + "/chat/completions" + (f"?api-version={api_version}" if api_version else "")
body = {
    "model": model,
    "messages": [
        {"role": "system", "content": "You are a precise assistant. Answer with the answer only."},
        {"role": "user", "content": question},
    ],
    "temperature": 0,
}
headers = {"Content-Type": "application/json"}
if api_key:
    headers["api-key" if key_header == "api-key" else "Authorization"] = api_key if key_header == "api-key" else f"Bearer {api_key}"

print(f"POST {url} model={model}")
request = urllib.request.Request(url, data=json.dumps(body).encode(), headers=headers, method="POST")
try:
    with urllib.request.urlopen(request, timeout=120) as response:
        reply = json.load(response)
except Exception as error:  # an unreachable or failing endpoint is an error run, not a wrong answer
    print(f"request failed: {error}")
    sys.exit(2)

answer = reply["choices"][0]["message"]["content"].strip()
print(f"model answered: {answer}")
with open("answer.txt", "w") as f:
    f.write(answer + "\n")
if expected.lower() in answer.lower():
    print("ALL TESTS PASSED !#!#")
else:
    print(f"expected the answer to contain {expected!r}")
