/** Runs the scenario JSON Schema with ajv and turns its errors into `<json path>: <message>` issues. */
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import { SCENARIO_SCHEMA } from "./scenario-schema.ts";
import type { PlanIssue } from "./template-plan.ts";
import { pointerSegment } from "./safe-path.ts";

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  compiled ??= new Ajv({ allErrors: true, allowUnionTypes: true, logger: false }).compile(SCENARIO_SCHEMA);
  return compiled;
}

/** Every schema violation of one parsed line (empty when valid). */
export function schemaIssues(value: unknown): PlanIssue[] {
  const validate = validator();
  if (validate(value)) return [];
  return (validate.errors ?? []).map(toIssue);
}

function toIssue(error: ErrorObject): PlanIssue {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === "required" && typeof params.missingProperty === "string") {
    return { pointer: `${error.instancePath}/${pointerSegment(params.missingProperty)}`, message: "is required" };
  }
  let message = error.message ?? "is invalid";
  if (error.keyword === "type" && Array.isArray(params.type)) message = `must be ${params.type.join(" or ")}`;
  return { pointer: error.instancePath === "" ? "/" : error.instancePath, message };
}
