import {
  astFromValue,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isRequiredArgument,
  isScalarType,
  print,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from "graphql";
import { keyPaths, type AccessPolicy } from "../../../scripts/lib/access-policy.js";

/**
 * The query the walk sends for one root field: every field reachable below it, each object type expanded
 * once per path (a member twice: a cotizante's group holds members), and always the fields that tell
 * whose record an object is, so each value in the answer can be judged.
 */
export interface Selection {
  /** Field name → its arguments and, for objects, what is selected below it. */
  fields: Map<string, { args: string; type: GraphQLObjectType | null; below: Selection | null }>;
}

/** How deep the walk reads, and how many times one type may repeat along a path. */
const MAX_DEPTH = 7;
const REPEATS: Readonly<Record<string, number>> = { Member: 2 };
/** Where a record leads to other records read in full: a cotizante reads their group's members (and their records). */
const READ_THROUGH: ReadonlySet<string> = new Set(["FamilyGroup.beneficiaries"]);
/** Lists are read a few rows at a time: a few rows of each kind are enough to judge, and keep answers small. */
const PAGE = 2;

export function buildSelection(schema: GraphQLSchema, policy: AccessPolicy, type: GraphQLObjectType, path: readonly string[] = []): Selection {
  const selection: Selection = { fields: new Map() };
  const seen = path.filter((name) => name === type.name).length;
  const expand = path.length < MAX_DEPTH && seen < (REPEATS[type.name] ?? 1);
  // A record inside another record (an authorization in a member's list, the member of an authorization)
  // reads its own values and lists, but a record field of it (a subject, like an authorization's member)
  // only as far as whose it is: each kind of record is read in full where a query starts from it, and the
  // query stays small. Safe because no guard depends on the path (the supergraph has no @provides).
  const hasSubject = (name: string): boolean => !!policy.types.get(name)?.subject;
  const nested = path.some(hasSubject) && hasSubject(type.name);
  for (const [name, field] of Object.entries(type.getFields())) {
    const target = getNamedType(field.type);
    const args = fieldArguments(field, policy.types.get(type.name)?.fields.get(name)?.args);
    if (!isObjectType(target)) {
      if (expand || isKeyField(policy, type, name)) selection.fields.set(name, { args, type: null, below: null });
      continue;
    }
    if (expand && !(nested && hasSubject(target.name) && !READ_THROUGH.has(`${type.name}.${name}`))) selection.fields.set(name, { args, type: target, below: buildSelection(schema, policy, target, [...path, type.name]) });
  }
  // Whose record this is, and which clinics and employer it names, are always read (even where the type is not expanded).
  for (const keyPath of keyPaths(policy.types.get(type.name))) addPath(schema, policy, selection, type, keyPath);
  return selection;
}

const isKeyField = (policy: AccessPolicy, type: GraphQLObjectType, name: string): boolean => keyPaths(policy.types.get(type.name)).some((path) => path[0] === name);

function addPath(schema: GraphQLSchema, policy: AccessPolicy, selection: Selection, type: GraphQLObjectType, path: readonly string[]): void {
  const [name, ...rest] = path;
  if (!name) return;
  const field = type.getFields()[name];
  if (!field) return;
  const target = getNamedType(field.type);
  const args = fieldArguments(field, policy.types.get(type.name)?.fields.get(name)?.args);
  if (!isObjectType(target)) {
    if (!selection.fields.has(name)) selection.fields.set(name, { args, type: null, below: null });
    return;
  }
  let entry = selection.fields.get(name);
  if (!entry) {
    entry = { args, type: target, below: { fields: new Map() } };
    selection.fields.set(name, entry);
  }
  if (entry.below) addPath(schema, policy, entry.below, target, rest);
}

/** The arguments the walk sends to a field, as GraphQL text: the table's examples, and a short page where the field pages. */
function fieldArguments(field: GraphQLField<unknown, unknown>, examples: Record<string, unknown> | undefined): string {
  const values: Record<string, unknown> = { ...examples };
  if (field.args.some((arg) => arg.name === "first") && !("first" in values)) values["first"] = PAGE;
  return argumentsText(field, values);
}

/** `(name: literal, ...)` for the given values, each printed as its argument's type wants it. */
export function argumentsText(field: GraphQLField<unknown, unknown>, values: Record<string, unknown>): string {
  const parts = Object.entries(values).map(([name, value]) => {
    const arg = field.args.find((candidate) => candidate.name === name);
    const ast = arg && astFromValue(value, arg.type);
    if (!ast) throw new Error(`${field.name}(${name}: ${JSON.stringify(value)}): no such argument, or a value it does not take`);
    return `${name}: ${print(ast)}`;
  });
  return parts.length ? `(${parts.join(", ")})` : "";
}

/** GraphQL text for a selection (arguments inline, as literals). */
export function printSelection(selection: Selection): string {
  const parts: string[] = ["__typename"];
  for (const [name, { args, below }] of selection.fields) parts.push(below ? `${name}${args} { ${printSelection(below)} }` : `${name}${args}`);
  return parts.join(" ");
}

/** Values of the right type for every required argument of a mutation: enough to reach its role check. */
export function placeholderValue(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return placeholderValue(type.ofType);
  if (isListType(type)) return [placeholderValue(type.ofType)];
  const named = getNullableType(type);
  if (isEnumType(named)) return named.getValues()[0]?.name;
  if (isInputObjectType(named)) {
    return Object.fromEntries(Object.values(named.getFields()).filter((field) => isNonNullType(field.type) && field.defaultValue === undefined).map((field) => [field.name, placeholderValue(field.type)]));
  }
  if (isScalarType(named)) return SCALAR_EXAMPLES[named.name] ?? "x";
  return null;
}

const SCALAR_EXAMPLES: Readonly<Record<string, unknown>> = {
  Int: 1,
  Float: 1,
  Boolean: false,
  ID: "000000000000000000000000",
  Date: "2026-01-15",
  DateTime: "2026-01-15T10:00:00.000Z",
};

/** The required arguments of a root field, filled so they pass GraphQL's own validation. */
export function placeholderArguments(field: GraphQLField<unknown, unknown>): Record<string, unknown> {
  return Object.fromEntries(field.args.filter(isRequiredArgument).map((arg) => [arg.name, placeholderValue(arg.type)]));
}
