import { ageOn, todayInColombia } from "@sos/kit";
import type { Viewer } from "@sos/kit/auth";
import type { GraphQLObjectType } from "graphql";
import { ruleText } from "../../../scripts/lib/access-policy-doc.js";
import type { AccessPolicy, FieldRule, Relation, SubjectKind } from "../../../scripts/lib/access-policy.js";
import type { Selection } from "./selection.js";

/**
 * The walk's oracle: how a viewer relates to the member (or employer, or account) a record is about,
 * computed by the test from the seeded members themselves, not by asking the graph, and the judgement of
 * every value and every refusal in an answer against the table.
 */
export interface MemberFacts {
  cotizanteId: string | null;
  state: string;
  birthDate: string;
  employerNit: string | null;
  primaryIpsCode: string | null;
}

export interface Subject {
  kind: SubjectKind;
  id: string | null;
  concernedIps: readonly string[];
  /** The employers the record names, when its type says it names one (null: the member's employer suffices). */
  namedEmployers: readonly string[] | null;
}

/** A member who has left the group (retired, deceased) is no longer under the cotizante's eye. */
const LEFT_GROUP_STATES = ["RETIRADO", "AFILIADO_FALLECIDO"];
const ADULT_AGE = 18;

export function relationsOf(viewer: Viewer | null, subject: Subject | null, members: ReadonlyMap<string, MemberFacts>): Set<Relation> {
  const relations = new Set<Relation>();
  if (!viewer || !subject) return relations;
  if (viewer.role === "AGENT") relations.add("AGENT");
  if (!subject.id) return relations;
  if (subject.kind === "employer") {
    if (viewer.role === "EMPLOYER" && viewer.employerNit === subject.id) relations.add("SELF");
    return relations;
  }
  if (subject.kind === "account") {
    if (viewer.subject === subject.id) relations.add("SELF");
    return relations;
  }
  if (viewer.role === "IPS" && viewer.ipsCode && subject.concernedIps.includes(viewer.ipsCode)) relations.add("CONCERNED_IPS");
  const member = members.get(subject.id);
  if (viewer.role === "MEMBER" && viewer.memberId === subject.id) relations.add("SELF");
  if (!member) return relations;
  if (viewer.role === "MEMBER" && member.cotizanteId && member.cotizanteId === viewer.memberId && subject.id !== viewer.memberId && !LEFT_GROUP_STATES.includes(member.state)) {
    relations.add("COTIZANTE");
    if (ageOn(member.birthDate, todayInColombia()) < ADULT_AGE) relations.add("CARER");
  }
  const named = !subject.namedEmployers || (!!viewer.employerNit && subject.namedEmployers.includes(viewer.employerNit));
  if (viewer.role === "EMPLOYER" && member.employerNit && member.employerNit === viewer.employerNit && named) relations.add("EMPLOYER");
  if (viewer.role === "IPS" && member.primaryIpsCode && member.primaryIpsCode === viewer.ipsCode) relations.add("PRIMARY_IPS");
  return relations;
}

export function admits(rule: FieldRule, viewer: Viewer | null, subject: Subject | null, members: ReadonlyMap<string, MemberFacts>): boolean {
  switch (rule.kind) {
    case "public":
    case "parent":
      return true;
    case "roles":
      return !!viewer && rule.roles.includes(viewer.role);
    case "relations": {
      const relations = relationsOf(viewer, subject, members);
      return rule.relations.some((relation) => relations.has(relation));
    }
  }
}

export interface Finding {
  kind: "leak" | "refused" | "error";
  message: string;
}

interface GraphqlError {
  message: string;
  path?: readonly (string | number)[];
  extensions?: { code?: string };
}

/** Codes that mean "not for you" (or "not there", which must look the same). */
const REFUSALS = new Set(["FORBIDDEN", "UNAUTHENTICATED", "NOT_FOUND"]);

const valueAt = (value: unknown, path: readonly string[]): unknown =>
  path.reduce<unknown>((current, key) => (current && typeof current === "object" ? (current as Record<string, unknown>)[key] : undefined), value);

/** Every value at `path`, through lists on the way (the dispensers of all of a prescription's technologies). */
function valuesAt(value: unknown, path: readonly string[]): unknown[] {
  if (Array.isArray(value)) return value.flatMap((item) => valuesAt(item, path));
  const [key, ...rest] = path;
  if (key === undefined) return [value];
  return value && typeof value === "object" ? valuesAt((value as Record<string, unknown>)[key], rest) : [];
}

/** Judges one answer: every served value against its field's rule, every refusal against what the rule admits. */
export function judgeAnswer(options: {
  policy: AccessPolicy;
  viewer: Viewer | null;
  viewerName: string;
  members: ReadonlyMap<string, MemberFacts>;
  rootType: GraphQLObjectType;
  rootField: string;
  selection: Selection;
  data: Record<string, unknown> | null | undefined;
  errors: readonly GraphqlError[] | undefined;
  /** Type.field → personas that were served a value of it. */
  served: Map<string, Set<string>>;
}): Finding[] {
  const { policy, viewer, viewerName, members, served } = options;
  const findings: Finding[] = [];
  // Path (as "a.0.b") of every object in the answer → its type and subject: where a refusal happened.
  const objects = new Map<string, { type: GraphQLObjectType; subject: Subject | null }>();
  const visit = (value: unknown, type: GraphQLObjectType, selection: Selection, path: (string | number)[], inherited: Subject | null): void => {
    if (value === null || value === undefined) return;
    if (Array.isArray(value)) {
      value.forEach((item, i) => visit(item, type, selection, [...path, i], inherited));
      return;
    }
    const object = value as Record<string, unknown>;
    const typePolicy = policy.types.get(type.name);
    let subject = inherited;
    if (typePolicy?.subject) {
      const id = valueAt(object, typePolicy.subject.path);
      const concernedIps = typePolicy.concernedIps.flatMap((ipsPath) => valuesAt(object, ipsPath)).filter((code): code is string => typeof code === "string");
      subject = { kind: typePolicy.subject.kind, id: typeof id === "string" ? id : null, concernedIps, namedEmployers: null };
    }
    if (subject && typePolicy?.namedEmployer.length) {
      const namedEmployers = typePolicy.namedEmployer.flatMap((nitPath) => valuesAt(object, nitPath)).filter((nit): nit is string => typeof nit === "string");
      subject = { ...subject, namedEmployers };
    }
    objects.set(path.join("."), { type, subject });
    for (const [name, entry] of selection.fields) {
      const fieldValue = object[name];
      const isServed = fieldValue !== null && fieldValue !== undefined && !(Array.isArray(fieldValue) && fieldValue.length === 0);
      const rule = typePolicy?.fields.get(name)?.rule;
      if (isServed && rule) {
        const key = `${type.name}.${name}`;
        if (!served.has(key)) served.set(key, new Set());
        served.get(key)?.add(viewerName);
        if (!admits(rule, viewer, subject, members)) {
          findings.push({ kind: "leak", message: `${viewerName} was served ${key} at ${[...path, name].join(".")} (subject ${subject?.kind ?? "none"} ${subject?.id ?? "unknown"}); the table admits ${describe(rule)}` });
        }
      }
      if (entry.type && entry.below) visit(fieldValue, entry.type, entry.below, [...path, name], subject);
    }
  };
  const root = options.data?.[options.rootField];
  const rootPolicy = options.rootType.name === "Query" ? policy.queries.get(options.rootField) : policy.mutations.get(options.rootField);
  const rootAdmits = rootPolicy?.roles === "public" || (!!viewer && !!rootPolicy?.roles.includes(viewer.role));
  if (root !== null && root !== undefined && !rootAdmits) {
    findings.push({ kind: "leak", message: `${viewerName} was answered ${options.rootType.name}.${options.rootField}, which the table gives to ${rootPolicy?.roles === "public" ? "anyone" : rootPolicy?.roles.join(", ")} only` });
  }
  const rootFieldType = options.rootType.getFields()[options.rootField];
  if (rootFieldType) {
    const rootEntry = options.selection.fields.get(options.rootField);
    if (rootEntry?.type && rootEntry.below) visit(root, rootEntry.type, rootEntry.below, [options.rootField], null);
  }
  for (const error of options.errors ?? []) {
    const code = error.extensions?.code ?? "NO_CODE";
    const path = error.path ?? [];
    if (!REFUSALS.has(code)) {
      findings.push({ kind: "error", message: `${viewerName}: ${code} at ${path.join(".") || "(operation)"}: ${error.message}` });
      continue;
    }
    if (path.length <= 1) continue; // a refusal of the root: judged by the roles above and "served at least once"
    const field = path[path.length - 1];
    const parent = objects.get(path.slice(0, -1).join("."));
    if (typeof field !== "string" || !parent) continue; // the holder was itself refused or cut off: nothing to judge
    const rule = policy.types.get(parent.type.name)?.fields.get(field)?.rule;
    // A "parent" value is judged by what it holds (a family group by its cotizante): its refusal is not the table's to contradict.
    if (rule && rule.kind !== "parent" && code !== "NOT_FOUND" && admits(rule, viewer, parent.subject, members)) {
      findings.push({ kind: "refused", message: `${viewerName} was refused ${parent.type.name}.${field} at ${path.join(".")} (subject ${parent.subject?.id ?? "unknown"}), which the table admits (${describe(rule)}): ${error.message}` });
    }
  }
  return findings;
}

const describe = (rule: FieldRule): string => (rule.kind === "relations" && rule.audience ? `${rule.audience} (${rule.relations.join(", ")})` : ruleText(rule));
