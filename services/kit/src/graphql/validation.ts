import { validate, type ValidationError } from "class-validator";
import type { ValidatorFn } from "type-graphql";
import { badUserInput, type FieldProblem } from "../errors.js";

function collect(errors: ValidationError[], prefix: string, out: FieldProblem[]): void {
  for (const error of errors) {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    for (const message of Object.values(error.constraints ?? {})) out.push({ field, message });
    if (error.children?.length) collect(error.children, field, out);
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === "object";

/**
 * The name of the argument a value came from, for error paths. type-graphql hands the validator the
 * converted class instance, not the raw value, so it is found by shape: the only object argument, or the
 * one with the same keys. `@Args()` classes spread their fields as top-level arguments: no prefix.
 */
function argumentName(args: Record<string, unknown>, value: object): string {
  const objects = Object.entries(args).filter(([, raw]) => isObject(raw));
  if (objects.length === 1) return objects[0]?.[0] ?? "";
  const keys = Object.keys(value).sort().join();
  return objects.find(([, raw]) => Object.keys(raw as object).sort().join() === keys)?.[0] ?? "";
}

/**
 * Runs class-validator on every input argument before the resolver, and answers BAD_USER_INPUT naming
 * the field (`input.contact.email`) with the decorator's Spanish message. Nothing is written before this.
 */
export const validateArguments: ValidatorFn = async (argValue, _argType, { args }) => {
  if (argValue === null || argValue === undefined || typeof argValue !== "object") return;
  const argName = argumentName(args, argValue);
  const values: unknown[] = Array.isArray(argValue) ? argValue : [argValue];
  const problems: FieldProblem[] = [];
  for (const [index, value] of values.entries()) {
    if (value === null || typeof value !== "object") continue;
    const errors = await validate(value, { forbidUnknownValues: false, validationError: { target: false } });
    collect(errors, Array.isArray(argValue) ? `${argName}.${index}` : argName, problems);
  }
  if (problems.length) throw badUserInput(problems);
};
