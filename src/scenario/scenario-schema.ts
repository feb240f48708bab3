/**
 * JSON Schema (draft-07, checked by ajv) for one line of a scenario JSONL file. DESIGN §3.
 * Kept as a TS module rather than a .json file so Node, Deno and bundlers load it the same way.
 * Checks that need the file system (templates, symlinks, duplicate ids) live in validate-scenario.ts.
 */

/** Keys bench-action understands; any other key is kept in `extra` and warned about. */
export const KNOWN_SCENARIO_KEYS: readonly string[] = [
  "id", "template", "substitutions", "values", "command", "timeout", "image",
  "category", "difficulty", "dependencies", "suite", "score",
];

/** Kept in `extra` for src/select/ (agbenchmark suite flags) without an unknown-key warning. */
export const EXTRA_SCENARIO_KEYS: readonly string[] = ["same_task", "reverse_order"];

const stringList = { type: "array", items: { type: "string" } } as const;

/** Per-file `{ file: { find: replace } }` or flat `{ find: replace }` (applies to scenario.py). */
const substitutions = {
  type: "object",
  additionalProperties: {
    type: ["string", "object"],
    additionalProperties: { type: "string" },
  },
} as const;

const groundSpec = {
  type: "object",
  properties: {
    answer: { type: "string" },
    should_contain: stringList,
    should_not_contain: stringList,
    files: stringList,
    case_sensitive: { type: "boolean" },
    command: { type: "string", minLength: 1 },
    eval: { type: "object", required: ["type"], properties: { type: { type: "string" } } },
  },
} as const;

export const SCENARIO_SCHEMA = {
  $schema: "http://json-schema.org/draft-07/schema#",
  $id: "https://bench-action.dev/schema/scenario.json",
  title: "bench-action scenario (one JSONL line)",
  type: "object",
  required: ["id", "template"],
  properties: {
    id: { type: "string", pattern: "^[A-Za-z0-9._-]+$", maxLength: 200 },
    template: {
      type: ["string", "array"],
      minLength: 1,
      minItems: 1,
      items: {
        type: ["string", "array"],
        minLength: 1,
        minItems: 2,
        maxItems: 2,
        items: { type: "string" },
      },
    },
    substitutions,
    values: substitutions,
    command: { type: "string", minLength: 1 },
    timeout: { type: "number", exclusiveMinimum: 0 },
    image: { type: "string", minLength: 1 },
    category: { type: ["string", "array"], items: { type: "string" } },
    difficulty: { type: "string" },
    dependencies: stringList,
    suite: { type: "string" },
    score: groundSpec,
  },
} as const;
