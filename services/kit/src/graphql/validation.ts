import { validate, type ValidationError } from "class-validator";
import type { GraphQLResolveInfo } from "graphql";
import { getMetadataStorage, type ValidatorFn } from "type-graphql";
import { badUserInput, type FieldProblem } from "../errors.js";

function collect(errors: ValidationError[], prefix: string, out: FieldProblem[]): void {
  for (const error of errors) {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    for (const message of Object.values(error.constraints ?? {})) out.push({ field, message });
    if (error.children?.length) collect(error.children, field, out);
  }
}

/**
 * The name of the argument a value came from, for error paths (`input.email`). type-graphql hands the
 * validator the converted class instance, not the raw value, so the argument is found by its type: the
 * field's argument whose GraphQL input type is the one this class declares. `@Args()` classes spread
 * their fields as top-level arguments and declare no input type: no prefix.
 */
function argumentName(argType: unknown, info: GraphQLResolveInfo): string {
  const inputType = getMetadataStorage().inputTypes.find((metadata) => metadata.target === argType);
  if (!inputType) return "";
  const field = info.parentType.getFields()[info.fieldName];
  return field?.args.find((arg) => namedTypeName(arg.type) === inputType.name)?.name ?? "";
}

/**
 * `[Input!]!` → "Input", by walking `ofType` rather than with graphql's getNamedType: its instanceof
 * checks fail when two copies of graphql are loaded (vitest inlines ours as ESM; Apollo's is CommonJS).
 */
function namedTypeName(type: unknown): string | undefined {
  let current = type as { ofType?: unknown; name?: string };
  while (current.ofType) current = current.ofType as { ofType?: unknown; name?: string };
  return current.name;
}

/**
 * Runs class-validator on every input argument before the resolver, and answers BAD_USER_INPUT naming
 * the field (`input.contact.email`) with the decorator's Spanish message. Nothing is written before this.
 */
export const validateArguments: ValidatorFn = async (argValue, argType, { info }) => {
  if (argValue === null || argValue === undefined || typeof argValue !== "object") return;
  const argName = argumentName(argType, info);
  const values: unknown[] = Array.isArray(argValue) ? argValue : [argValue];
  const problems: FieldProblem[] = [];
  for (const [index, value] of values.entries()) {
    if (value === null || typeof value !== "object") continue;
    const errors = await validate(value, { forbidUnknownValues: false, validationError: { target: false } });
    collect(errors, Array.isArray(argValue) ? `${argName}.${index}` : argName, problems);
  }
  if (problems.length) throw badUserInput(problems);
};
