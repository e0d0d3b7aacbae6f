// Breaking changes to the public API (`npm run schema:check`, scripts/schema-check.ts): GraphQL Inspector
// compares two API schemas and sorts every change into breaking, dangerous and safe. A breaking change
// passes only when it is marked in schema/breaking-changes.yaml, with the reason it is acceptable and the
// date it was decided; dangerous ones are printed. Imports no workspace package (node's test runner
// loads it without the "development" condition).
import { CriticalityLevel, diff, type Change } from "@graphql-inspector/core";
import { buildSchema } from "graphql";
import { parse as parseYaml } from "yaml";

/** One entry of schema/breaking-changes.yaml: which change (its path, its message, or both) and why. */
export interface BreakingChangeMark {
  /** The change's path as the check prints it, e.g. `Member.birthDate` or `Query.member.id`. */
  path?: string;
  /** The change's message as the check prints it, e.g. `Field 'birthDate' was removed from object type 'Member'`. */
  message?: string;
  /** Why the break is acceptable: who uses it, how clients were told, what replaces it. */
  reason: string;
  /** When it was decided, YYYY-MM-DD. */
  date: string;
}

export interface MarkedChange {
  change: Change;
  mark: BreakingChangeMark;
}

export interface SchemaCheck {
  /** Breaking changes that a mark allows. */
  marked: MarkedChange[];
  /** Breaking changes no mark allows: the check fails when there is one. */
  unmarked: Change[];
  /** Changes that may break a client (a new enum value, an argument's new default…): printed, never failed. */
  dangerous: Change[];
  safe: Change[];
  /** Marks that allowed nothing in this comparison (a change already in the base, or a typo). */
  unusedMarks: BreakingChangeMark[];
  ok: boolean;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Reads schema/breaking-changes.yaml (`changes:` a list of marks); throws listing every malformed entry,
 * so a typo cannot silently allow, or fail to allow, a change.
 */
export function parseBreakingChangeMarks(text: string, where = "schema/breaking-changes.yaml"): BreakingChangeMark[] {
  const file = (parseYaml(text) ?? {}) as { changes?: unknown };
  const entries = file.changes ?? [];
  if (!Array.isArray(entries)) throw new Error(`${where}: \`changes\` must be a list`);
  const problems: string[] = [];
  const marks: BreakingChangeMark[] = [];
  for (const [index, entry] of (entries as unknown[]).entries()) {
    const at = `${where}: changes[${index}]`;
    if (!entry || typeof entry !== "object") {
      problems.push(`${at} is not a mapping`);
      continue;
    }
    const { path, message, reason, date, ...rest } = entry as Record<string, unknown>;
    const when = date instanceof Date ? date.toISOString().slice(0, 10) : date;
    if (Object.keys(rest).length) problems.push(`${at} has unknown keys: ${Object.keys(rest).join(", ")} (path, message, reason, date)`);
    if (path !== undefined && (typeof path !== "string" || !path)) problems.push(`${at}.path must be a non-empty string`);
    if (message !== undefined && (typeof message !== "string" || !message)) problems.push(`${at}.message must be a non-empty string`);
    if (path === undefined && message === undefined) problems.push(`${at} names no change: give its path, its message, or both`);
    if (typeof reason !== "string" || !reason.trim()) problems.push(`${at}.reason is missing: say why the break is acceptable`);
    if (typeof when !== "string" || !DATE.test(when)) problems.push(`${at}.date must be YYYY-MM-DD`);
    marks.push({ ...(typeof path === "string" && { path }), ...(typeof message === "string" && { message }), reason: String(reason), date: String(when) });
  }
  if (problems.length) throw new Error(`Malformed breaking-change marks:\n${problems.map((problem) => `- ${problem}`).join("\n")}`);
  return marks;
}

/** Whether a mark allows a change: every part it gives (path, message) is the change's exactly. */
export const markAllows = (mark: BreakingChangeMark, change: Change): boolean =>
  (mark.path !== undefined || mark.message !== undefined) &&
  (mark.path === undefined || mark.path === change.path) &&
  (mark.message === undefined || mark.message === change.message);

/** Compares two API schemas (SDL, as schema/api.graphql holds it) and applies the marks. */
export async function checkSchemaChanges(oldApiSdl: string, newApiSdl: string, marks: BreakingChangeMark[]): Promise<SchemaCheck> {
  const changes = await diff(buildSchema(oldApiSdl), buildSchema(newApiSdl));
  const check: SchemaCheck = { marked: [], unmarked: [], dangerous: [], safe: [], unusedMarks: [], ok: true };
  const used = new Set<BreakingChangeMark>();
  for (const change of changes) {
    switch (change.criticality.level) {
      case CriticalityLevel.Breaking: {
        const mark = marks.find((candidate) => markAllows(candidate, change));
        if (mark) {
          used.add(mark);
          check.marked.push({ change, mark });
        } else check.unmarked.push(change);
        break;
      }
      case CriticalityLevel.Dangerous:
        check.dangerous.push(change);
        break;
      default:
        check.safe.push(change);
    }
  }
  check.unusedMarks = marks.filter((mark) => !used.has(mark));
  check.ok = check.unmarked.length === 0;
  return check;
}

const describe = (change: Change) => `${change.path ?? "(schema)"}: ${change.message}`;

/** The check's report, for a terminal or a CI log. */
export function formatSchemaCheck(check: SchemaCheck, marksFile = "schema/breaking-changes.yaml"): string {
  const lines: string[] = [];
  if (check.unmarked.length) {
    lines.push(`Breaking changes not marked in ${marksFile} (${check.unmarked.length}):`);
    for (const change of check.unmarked) lines.push(`  ✗ ${describe(change)}${change.criticality.reason ? ` — ${change.criticality.reason}` : ""}`);
  }
  if (check.marked.length) {
    lines.push(`Breaking changes marked in ${marksFile} (${check.marked.length}):`);
    for (const { change, mark } of check.marked) lines.push(`  ✓ ${describe(change)} — ${mark.reason} (${mark.date})`);
  }
  if (check.dangerous.length) {
    lines.push(`Dangerous changes, for clients to know about (${check.dangerous.length}):`);
    for (const change of check.dangerous) lines.push(`  ! ${describe(change)}${change.criticality.reason ? ` — ${change.criticality.reason}` : ""}`);
  }
  const safeKinds = new Map<string, number>();
  for (const change of check.safe) safeKinds.set(change.type, (safeKinds.get(change.type) ?? 0) + 1);
  const kinds = [...safeKinds].sort(([a], [b]) => a.localeCompare(b)).map(([type, count]) => `${count} ${type}`);
  lines.push(check.safe.length ? `Safe changes: ${check.safe.length} (${kinds.join(", ")}).` : "No safe changes.");
  if (check.unusedMarks.length) {
    lines.push(`Marks that allowed nothing in this comparison (${check.unusedMarks.length}; remove them once the change is in the base):`);
    for (const mark of check.unusedMarks) lines.push(`  - ${[mark.path, mark.message].filter(Boolean).join(": ")} (${mark.date})`);
  }
  if (!check.ok) {
    lines.push(
      "",
      `A breaking change makes clients fail. Prefer a safe path (add the new field, deprecate the old one with @deprecated, remove it once no client asks for it). If the break is intended, mark each change in ${marksFile}:`,
      "",
      "changes:",
      ...check.unmarked.flatMap((change) => [
        `  - path: ${JSON.stringify(change.path ?? "")}`,
        `    message: ${JSON.stringify(change.message)}`,
        `    reason: "<why this is acceptable: who used it, how clients were told, what replaces it>"`,
        `    date: ${JSON.stringify(new Date().toISOString().slice(0, 10))}`,
      ]),
    );
  }
  return lines.join("\n");
}
