// Hostile values in every argument of the API, read from the API schema (schema/api.graphql): for each root
// field, one document taking every argument as a variable, and variables that are right in every place
// but one. That one place gets an operator object (what a NoSQL injection sends), a unicode edge case or a
// value of the wrong type. Each root field is sent with the token of a role the access policy admits, so
// the value reaches the resolvers and validators and not only the role check; a mutation is sent with a
// role the policy does not admit, or by one it admits with only values that are refused before any resolver
// (malformed text, values the variables' coercion refuses) — the run must leave the data as it was.
import { readFileSync } from "node:fs";
import {
  buildSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
} from "graphql";
import { loadAccessPolicy, type RootPolicy } from "../../lib/access-policy.js";
import { API_SCHEMA_PATH } from "../../lib/supergraph.js";

/** What NoSQL injection puts where a string belongs. */
export const OPERATOR_OBJECTS: readonly unknown[] = [{ $gt: "" }, { $ne: null }, { $where: "sleep(1000) || true" }, { $regex: ".*" }, ["$gt", ""]];

/** The edge cases every argument refuses (half an emoji, NUL): safe to send where a write could follow. */
export const MALFORMED_TEXT: readonly string[] = ["\ud800", "a\udfffb", "\u0000", "1234\u0000567"];

/** Strings that break naive code: lone surrogates, NUL, direction overrides, zero-width, combining marks, huge. */
export const UNICODE_EDGES: readonly string[] = [
  ...MALFORMED_TEXT,
  "\u202e0987654321",
  "\u200b\u200c\u200d\ufeff",
  "Z\u0351\u0352\u0353".repeat(2_000),
  "👨‍👩‍👧‍👦".repeat(500),
  "ＭＡＲÍＡ",
  "\u0130\u0131ſK",
  "𝟙𝟚𝟛𝟜𝟝𝟞",
  "'; db.dropDatabase(); //",
  '{"$gt": ""}',
  "../../etc/passwd",
  "x".repeat(100_000),
];

/** Values of the wrong type for a leaf of each kind. */
const WRONG_TYPES: readonly unknown[] = [12345, 2 ** 64, -1.5, true, [], {}, ["a", "b"], "not-a-number", null];

export interface ArgumentCase {
  category: "operator objects" | "unicode" | "wrong variable types";
  root: "query" | "mutation";
  field: string;
  /** The argument path poisoned, e.g. input.contact.email. */
  path: string;
  document: string;
  variables: Record<string, unknown>;
  /** The role whose token is sent; null: no token. */
  role: string | null;
  /** Only a refusal is right (the value cannot be coerced, or the role may not call it). */
  refusalExpected: boolean;
}

const SCALAR_SAMPLES: Record<string, unknown> = {
  String: "prueba",
  ID: "5e05a0000000000000000001",
  Int: 1,
  Float: 1.5,
  Boolean: true,
  DateTime: "2026-01-15T10:00:00.000Z",
  LocalDate: "2026-01-15",
  Pesos: 1000,
};

/** A value of the right type, every optional input field included (so each can be poisoned), 3 levels deep. */
function sample(type: GraphQLInputType, depth = 0): unknown {
  if (isNonNullType(type)) return sample(type.ofType, depth);
  if (isListType(type)) return [sample(type.ofType, depth)];
  if (isEnumType(type)) return type.getValues()[0]?.name;
  if (isScalarType(type)) return SCALAR_SAMPLES[type.name] ?? "prueba";
  if (isInputObjectType(type)) {
    if (depth > 3) return {};
    return Object.fromEntries(Object.values(type.getFields()).map((field) => [field.name, sample(field.type, depth + 1)]));
  }
  return null;
}

/** Paths of every leaf inside a value of `type`, with the leaf's named type. */
function leaves(type: GraphQLInputType, path: string[], depth = 0): { path: string[]; typeName: string }[] {
  const named = getNamedType(type);
  if (isLeafType(named)) return [{ path, typeName: named.name }];
  if (!isInputObjectType(named) || depth > 3) return [];
  const inList = isListType(isNonNullType(type) ? type.ofType : type);
  return Object.values(named.getFields()).flatMap((field) => leaves(field.type, [...path, ...(inList ? ["0"] : []), field.name], depth + 1));
}

function withValue(variables: Record<string, unknown>, path: string[], value: unknown): Record<string, unknown> {
  const copy = structuredClone(variables);
  let node = copy as Record<string, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[path[path.length - 1] as string] = value;
  return copy;
}

function documentFor(root: "query" | "mutation", field: GraphQLField<unknown, unknown>): string {
  const variables = field.args.map((arg) => `$${arg.name}: ${String(arg.type)}`).join(", ");
  const args = field.args.map((arg) => `${arg.name}: $${arg.name}`).join(", ");
  const selection = isLeafType(getNamedType(field.type)) ? "" : " { __typename }";
  return `${root} Hostile${variables ? `(${variables})` : ""} { ${field.name}${args ? `(${args})` : ""}${selection} }`;
}

/** The role sent: one the policy admits for a query; for a mutation one it refuses, when there is one. */
function roleFor(root: "query" | "mutation", policy: RootPolicy | undefined, roles: readonly string[]): { role: string | null; refused: boolean } {
  const admitted = policy?.roles ?? "public";
  if (root === "query") return { role: admitted === "public" ? "MEMBER" : (admitted[0] ?? null), refused: false };
  if (admitted === "public") return { role: null, refused: false };
  const refused = roles.find((role) => !admitted.includes(role as never));
  return refused ? { role: refused, refused: true } : { role: admitted[0] ?? null, refused: false };
}

export function argumentCases(roles: readonly string[], schema: GraphQLSchema = buildSchema(readFileSync(API_SCHEMA_PATH, "utf8"))): ArgumentCase[] {
  const policy = loadAccessPolicy();
  const cases: ArgumentCase[] = [];
  for (const root of ["query", "mutation"] as const) {
    const type = root === "query" ? schema.getQueryType() : schema.getMutationType();
    for (const field of Object.values(type?.getFields() ?? {})) {
      if (!field.args.length) continue;
      const document = documentFor(root, field);
      const base = Object.fromEntries(field.args.map((arg) => [arg.name, sample(arg.type)]));
      const { role, refused } = roleFor(root, (root === "query" ? policy.queries : policy.mutations).get(field.name), roles);
      for (const arg of field.args) {
        for (const leaf of leaves(arg.type, [arg.name])) {
          const at = (category: ArgumentCase["category"], value: unknown, refusalExpected: boolean): void =>
            void cases.push({ category, root, field: field.name, path: leaf.path.join("."), document, variables: withValue(base, leaf.path, value), role, refusalExpected });
          // An object or a list where a leaf belongs never coerces: refused before anything runs.
          for (const value of OPERATOR_OBJECTS) at("operator objects", value, true);
          // A value that fits after all (a string where a date goes, null for an optional field) is sent only
          // where it cannot write: in a query, or in a mutation by a role the policy refuses.
          for (const value of WRONG_TYPES) if (root === "query" || refused || wrongFor(leaf.typeName, value)) at("wrong variable types", value, refused || wrongFor(leaf.typeName, value));
          // A string reaches the resolvers: only queries, and mutations sent by a role the policy refuses.
          if (root === "query" || refused) for (const value of UNICODE_EDGES) at("unicode", value, refused || !acceptsStrings(schema, leaf.typeName) || MALFORMED_TEXT.includes(value));
          // To a mutation a role may call, only text every argument refuses: it must be refused before any
          // resolver (and the data hash shows that nothing was written).
          else for (const value of MALFORMED_TEXT) at("unicode", value, true);
        }
      }
    }
  }
  return cases;
}

/** Types whose values are any string (a unicode edge case may be a valid value of them). */
function acceptsStrings(schema: GraphQLSchema, typeName: string): boolean {
  return typeName === "String" || typeName === "ID" || !(isEnumType(schema.getType(typeName)) || ["Int", "Float", "Boolean", "Pesos"].includes(typeName));
}

/** Whether `value` cannot be a value of the leaf type (a string of digits is an ID, 1 is a Float...). */
function wrongFor(typeName: string, value: unknown): boolean {
  if (value === null) return false; // null is right for an optional argument
  switch (typeName) {
    case "String":
      return typeof value !== "string";
    case "ID":
      return !(typeof value === "string" || (Number.isInteger(value) && Math.abs(value as number) <= 2 ** 31));
    case "Int":
    case "Pesos":
      return !(Number.isInteger(value) && Math.abs(value as number) < 2 ** 31);
    case "Float":
      return typeof value !== "number";
    case "Boolean":
      return typeof value !== "boolean";
    default:
      return typeof value !== "string";
  }
}
