import { ROLES, type Role } from "@sos/kit/auth";
import { MEMBER_RELATIONS } from "@sos/kit";
import { getNamedType, isObjectType, isRequiredArgument, type GraphQLObjectType, type GraphQLSchema } from "graphql";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import { SCHEMA_DIR } from "./registry.js";

/**
 * The access policy table (schema/access-policy.yaml): who may read every field of the graph clients see,
 * and who may call every root field. One rule per field, checked two ways: composition refuses a field
 * without a rule (`npm run compose`), and the e2e walk (e2e/test/access-walk/) signs in as every role and
 * reads every field on the personas' own and others' data, failing on any answer the table does not admit
 * and on any refusal it does not expect. docs/access-policy.md is rendered from it.
 */
export const ACCESS_POLICY_PATH = join(SCHEMA_DIR, "access-policy.yaml");

/** How the viewer relates to the subject of a record: a member's relations, or SELF for an employer or an account. */
export type Relation = (typeof MEMBER_RELATIONS)[number];
export type SubjectKind = "member" | "employer" | "account";

export type FieldRule =
  /** Anyone, without a token too. */
  | { kind: "public" }
  /** A value inside a record: as protected as the field that holds it. */
  | { kind: "parent" }
  /** Viewers with one of these relations to the record's subject (its own, or the nearest enclosing record's). */
  | { kind: "relations"; relations: readonly Relation[]; audience?: string }
  /** Viewers of these roles, whoever the data is about. */
  | { kind: "roles"; roles: readonly Role[] };

export interface FieldPolicy {
  rule: FieldRule;
  /** Arguments the walk sends (a field with required arguments must have them). */
  args?: Record<string, unknown>;
}

export interface TypePolicy {
  /** Whose record an object of this type is: the kind and the path to its id within the object. */
  subject?: { kind: SubjectKind; path: readonly string[] };
  /** Paths to the clinics (REPS codes) the record names: they are CONCERNED_IPS. */
  concernedIps: readonly (readonly string[])[];
  /**
   * Paths to the employer (NIT) a record names (the aportante who paid a contribution, who filed an
   * incapacity): when given, an employer is EMPLOYER to this record only if it is named here, not merely
   * because the member is its dependent today.
   */
  namedEmployer: readonly (readonly string[])[];
  fields: ReadonlyMap<string, FieldPolicy>;
}

export interface RootPolicy {
  /** Roles that get past the root field at all; "public": anyone, without a token too. */
  roles: readonly Role[] | "public";
  /** Argument sets the walk sends with every persona (placeholders like "@member" resolved from the seed). */
  calls: readonly Record<string, unknown>[];
  /**
   * Mutations: argument sets on the record of someone no persona is related to; every persona of an
   * admitted role but staff must be refused them (staff may act on anyone).
   */
  refusedCalls: readonly Record<string, unknown>[];
}

export interface AccessPolicy {
  audiences: ReadonlyMap<string, readonly Relation[]>;
  queries: ReadonlyMap<string, RootPolicy>;
  mutations: ReadonlyMap<string, RootPolicy>;
  types: ReadonlyMap<string, TypePolicy>;
}

const SUBJECT_KINDS: readonly SubjectKind[] = ["member", "employer", "account"];

class PolicyError extends Error {}
const fail = (where: string, message: string): never => {
  throw new PolicyError(`schema/access-policy.yaml, ${where}: ${message}`);
};
const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

function parseRoles(where: string, value: unknown): readonly Role[] | "public" {
  if (value === "public") return "public";
  if (!Array.isArray(value) || value.some((role) => !ROLES.includes(role as Role))) fail(where, `roles must be "public" or a list of ${ROLES.join(", ")}`);
  return value as Role[];
}

function parseRule(where: string, value: unknown, audiences: ReadonlyMap<string, readonly Relation[]>): FieldRule {
  if (value === "public" || value === "parent") return { kind: value };
  if (typeof value === "string") {
    const relations = audiences.get(value) ?? fail(where, `"${value}" is neither public, parent nor an audience (${[...audiences.keys()].join(", ")})`);
    return { kind: "relations", relations, audience: value };
  }
  if (Array.isArray(value)) {
    if (!value.length || value.some((relation) => !MEMBER_RELATIONS.includes(relation as Relation))) fail(where, `relations must be some of ${MEMBER_RELATIONS.join(", ")}`);
    return { kind: "relations", relations: value as Relation[] };
  }
  if (isPlainObject(value) && "roles" in value) {
    const roles = parseRoles(where, value["roles"]);
    return roles === "public" ? { kind: "public" } : { kind: "roles", roles };
  }
  return fail(where, "a rule is public, parent, an audience, a list of relations or { roles: [...] }");
}

function parseRoot(where: string, value: unknown): RootPolicy {
  if (!isPlainObject(value)) return fail(where, "expected { roles, calls? }");
  const list = (key: string, fallback: Record<string, unknown>[]): Record<string, unknown>[] => {
    const given = value[key] ?? fallback;
    if (!Array.isArray(given) || !given.every(isPlainObject)) fail(where, `${key} must be a list of argument objects`);
    return given as Record<string, unknown>[];
  };
  return { roles: parseRoles(where, value["roles"]), calls: list("calls", [{}]), refusedCalls: list("refusedCalls", []) };
}

/** Reads and checks the table's shape; the fields it names are checked against the schema by `policyProblems`. */
export function loadAccessPolicy(path = ACCESS_POLICY_PATH): AccessPolicy {
  const raw: unknown = parseYaml(readFileSync(path, "utf8"));
  if (!isPlainObject(raw)) return fail("top", "expected audiences, queries, mutations and types");
  const audiences = new Map<string, readonly Relation[]>();
  for (const [name, relations] of Object.entries((raw["audiences"] as Record<string, unknown>) ?? {})) {
    const rule = parseRule(`audience ${name}`, relations, audiences);
    if (rule.kind !== "relations") fail(`audience ${name}`, "an audience is a list of relations");
    else audiences.set(name, rule.relations);
  }
  const roots = (section: string): Map<string, RootPolicy> =>
    new Map(Object.entries((raw[section] as Record<string, unknown>) ?? {}).map(([name, value]) => [name, parseRoot(`${section}.${name}`, value)]));
  const types = new Map<string, TypePolicy>();
  for (const [typeName, value] of Object.entries((raw["types"] as Record<string, unknown>) ?? {})) {
    if (!isPlainObject(value) || !isPlainObject(value["fields"])) fail(`types.${typeName}`, "expected { subject?, concernedIps?, namedEmployer?, fields }");
    const type = value as { subject?: unknown; concernedIps?: unknown; namedEmployer?: unknown; fields: Record<string, unknown> };
    let subject: TypePolicy["subject"];
    if (type.subject !== undefined) {
      const entries = isPlainObject(type.subject) ? Object.entries(type.subject) : [];
      const [kind, path] = entries[0] ?? [];
      if (entries.length !== 1 || !SUBJECT_KINDS.includes(kind as SubjectKind) || typeof path !== "string") {
        fail(`types.${typeName}.subject`, `expected { member | employer | account: path.to.id }`);
      }
      subject = { kind: kind as SubjectKind, path: (path as string).split(".") };
    }
    const paths = (key: "concernedIps" | "namedEmployer"): string[][] => {
      const given = type[key] ?? [];
      if (!Array.isArray(given) || given.some((path) => typeof path !== "string")) fail(`types.${typeName}.${key}`, "expected a list of paths");
      return (given as string[]).map((path) => path.split("."));
    };
    const fields = new Map<string, FieldPolicy>();
    for (const [field, rule] of Object.entries(type.fields)) {
      const where = `types.${typeName}.fields.${field}`;
      if (isPlainObject(rule) && "rule" in rule) {
        if (rule["args"] !== undefined && !isPlainObject(rule["args"])) fail(where, "args must be an object");
        fields.set(field, { rule: parseRule(where, rule["rule"], audiences), ...(isPlainObject(rule["args"]) && { args: rule["args"] }) });
      } else fields.set(field, { rule: parseRule(where, rule, audiences) });
    }
    types.set(typeName, { ...(subject && { subject }), concernedIps: paths("concernedIps"), namedEmployer: paths("namedEmployer"), fields });
  }
  return { audiences, queries: roots("queries"), mutations: roots("mutations"), types };
}

/** The paths every reading of a type must include: whose record it is, and the clinics and employer it names. */
export const keyPaths = (type: TypePolicy | undefined): (readonly string[])[] =>
  type ? [...(type.subject ? [type.subject.path] : []), ...type.concernedIps, ...type.namedEmployer] : [];

/** Whether `path` names a field chain of `type` (a subject's id, a concerned clinic's code). */
function pathExists(schema: GraphQLSchema, type: GraphQLObjectType, path: readonly string[]): boolean {
  let current: GraphQLObjectType = type;
  for (const [i, name] of path.entries()) {
    const field = current.getFields()[name];
    if (!field) return false;
    const next = getNamedType(field.type);
    if (i === path.length - 1) return !isObjectType(next);
    if (!isObjectType(next)) return false;
    current = schema.getType(next.name) as GraphQLObjectType;
  }
  return true;
}

/**
 * Everything the table and the schema disagree on: a field without a rule (a new field must say who may
 * read it), a rule for a field that no longer exists, a subject path that leads nowhere, a field with
 * required arguments and no example of them. Empty when they agree.
 */
export function policyProblems(policy: AccessPolicy, schema: GraphQLSchema): string[] {
  const problems: string[] = [];
  const roots: [GraphQLObjectType | null | undefined, ReadonlyMap<string, RootPolicy>, string][] = [
    [schema.getQueryType(), policy.queries, "queries"],
    [schema.getMutationType(), policy.mutations, "mutations"],
  ];
  for (const [root, rules, section] of roots) {
    const fields = root?.getFields() ?? {};
    for (const name of Object.keys(fields)) if (!rules.has(name)) problems.push(`${root?.name}.${name} has no rule (add it under ${section}:)`);
    for (const name of rules.keys()) if (!fields[name]) problems.push(`${section}.${name} names no field of ${root?.name ?? section}`);
  }
  const rootNames = new Set([schema.getQueryType()?.name, schema.getMutationType()?.name, schema.getSubscriptionType()?.name]);
  const objectTypes = Object.values(schema.getTypeMap()).filter((type): type is GraphQLObjectType => isObjectType(type) && !type.name.startsWith("__") && !rootNames.has(type.name));
  for (const type of objectTypes) {
    const typePolicy = policy.types.get(type.name);
    for (const [name, field] of Object.entries(type.getFields())) {
      const rule = typePolicy?.fields.get(name);
      if (!rule) {
        problems.push(`${type.name}.${name} has no rule (add it under types.${type.name}.fields)`);
        continue;
      }
      const missing = field.args.filter((arg) => isRequiredArgument(arg) && !(arg.name in (rule.args ?? {})));
      if (missing.length) problems.push(`${type.name}.${name} needs example arguments for ${missing.map((arg) => arg.name).join(", ")} (args:)`);
    }
    for (const path of keyPaths(typePolicy)) {
      if (!pathExists(schema, type, path)) problems.push(`types.${type.name}: ${path.join(".")} is not a path to a value of ${type.name}`);
    }
  }
  const used = new Set([...policy.types.values()].flatMap((type) => [...type.fields.values()].map(({ rule }) => (rule.kind === "relations" ? rule.audience : undefined))));
  for (const name of policy.audiences.keys()) if (!used.has(name)) problems.push(`audiences.${name} is used by no rule`);
  for (const [typeName, type] of policy.types) {
    const schemaType = schema.getType(typeName);
    if (!isObjectType(schemaType) || rootNames.has(typeName)) {
      problems.push(`types.${typeName} names no object type of the graph`);
      continue;
    }
    for (const name of type.fields.keys()) if (!schemaType.getFields()[name]) problems.push(`types.${typeName}.fields.${name} names no field of ${typeName}`);
  }
  return problems;
}
