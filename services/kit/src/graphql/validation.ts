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
 * Text no person types: a lone UTF-16 surrogate (half an emoji; it has no UTF-8 form, and libraries that
 * encode it throw), NUL and the other C0 control characters but tab and line breaks.
 */
// eslint-disable-next-line no-control-regex -- control characters are what this finds
const MALFORMED_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const isMalformedText = (text: string): boolean => MALFORMED_TEXT.test(text);

/** The path of the first string inside `value` that is malformed text, or null. */
function malformedTextAt(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === "string") return isMalformedText(value) ? path : null;
  if (value === null || typeof value !== "object" || depth > 10) return null;
  for (const [key, inner] of Object.entries(value)) {
    const found = malformedTextAt(inner, path ? `${path}.${key}` : key, depth + 1);
    if (found !== null) return found;
  }
  return null;
}

/**
 * Runs class-validator on every input argument before the resolver, and answers BAD_USER_INPUT naming
 * the field (`input.contact.email`) with the decorator's Spanish message. Nothing is written before this.
 * Malformed text is refused first, in any argument, so no validator or database driver ever sees it.
 */
export const validateArguments: ValidatorFn = async (argValue, argType, { info, args }) => {
  if (argValue === null || argValue === undefined) return;
  // A scalar argument is found by its value; an input object by its type.
  const argName = typeof argValue === "object" ? argumentName(argType, info) : (Object.entries(args).find(([, value]) => value === argValue)?.[0] ?? "");
  const malformed = malformedTextAt(argValue, argName);
  if (malformed !== null) throw badUserInput({ field: malformed || "input", message: `El dato «${malformed || "input"}» contiene caracteres no válidos.` });
  if (typeof argValue !== "object") return;
  const values: unknown[] = Array.isArray(argValue) ? argValue : [argValue];
  const problems: FieldProblem[] = [];
  for (const [index, value] of values.entries()) {
    if (value === null || typeof value !== "object") continue;
    const errors = await validate(value, { forbidUnknownValues: false, validationError: { target: false } });
    collect(errors, Array.isArray(argValue) ? `${argName}.${index}` : argName, problems);
  }
  if (problems.length) throw badUserInput(problems);
};
