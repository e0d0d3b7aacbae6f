// node --test: the breaking-change check (npm run schema:check) on small schemas.
import { composeServices } from "@apollo/composition";
import { parse } from "graphql";
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { apiSchemaSdl } from "./api-schema.js";
import { checkSchemaChanges, formatSchemaCheck, parseBreakingChangeMarks, type BreakingChangeMark } from "./schema-diff.js";

const BEFORE = `
  type Query { member(id: ID!): Member }
  type Member { id: ID! fullName: String birthDate: String }
  input ContactInput { email: String }
  type Mutation { updateContact(memberId: ID!, input: ContactInput!): Member }
`;
const BIRTH_DATE_REMOVED = BEFORE.replace(" birthDate: String", "");
const REMOVAL = { path: "Member.birthDate", message: "Field 'birthDate' was removed from object type 'Member'" };
const mark = (overrides: Partial<BreakingChangeMark> = {}): BreakingChangeMark => ({ ...REMOVAL, reason: "Nadie la pedía; la reemplaza Member.birthInfo", date: "2026-12-01", ...overrides });

describe("a removed field", () => {
  test("is reported breaking, and fails when it is not marked", async () => {
    const check = await checkSchemaChanges(BEFORE, BIRTH_DATE_REMOVED, []);
    assert.equal(check.ok, false);
    assert.deepEqual(
      check.unmarked.map((change) => [change.type, change.path, change.message]),
      [["FIELD_REMOVED", REMOVAL.path, REMOVAL.message]],
    );
    const report = formatSchemaCheck(check);
    assert.match(report, /Breaking changes not marked in schema\/breaking-changes\.yaml \(1\):\n {2}✗ Member\.birthDate: Field 'birthDate' was removed/);
    // The report says how to mark it, ready to paste.
    assert.match(report, /- path: "Member\.birthDate"\n {4}message: "Field 'birthDate' was removed from object type 'Member'"/);
  });

  test("passes when it is marked, by path and message, or by either alone", async () => {
    for (const marked of [mark(), mark({ message: undefined }), mark({ path: undefined })]) {
      const check = await checkSchemaChanges(BEFORE, BIRTH_DATE_REMOVED, [marked]);
      assert.equal(check.ok, true);
      assert.deepEqual(check.unmarked, []);
      assert.deepEqual(check.marked.map(({ change, mark }) => [change.path, mark.reason]), [[REMOVAL.path, marked.reason]]);
      assert.deepEqual(check.unusedMarks, []);
    }
  });

  test("is not allowed by a mark of another change", async () => {
    const check = await checkSchemaChanges(BEFORE, BIRTH_DATE_REMOVED, [mark({ path: "Member.fullName", message: undefined }), mark({ path: REMOVAL.path, message: "Field 'birthDate' changed type" })]);
    assert.equal(check.ok, false);
    assert.equal(check.unusedMarks.length, 2);
  });
});

describe("additions", () => {
  test("an added optional field passes, on an output type and on an input", async () => {
    const after = BEFORE.replace("birthDate: String }", "birthDate: String municipality: String }").replace("input ContactInput { email: String }", "input ContactInput { email: String phone: String }");
    const check = await checkSchemaChanges(BEFORE, after, []);
    assert.equal(check.ok, true);
    assert.deepEqual(check.unmarked, []);
    assert.deepEqual(
      [...check.safe, ...check.dangerous].map((change) => [change.type, change.path]).sort(),
      [
        ["FIELD_ADDED", "Member.municipality"],
        ["INPUT_FIELD_ADDED", "ContactInput.phone"],
      ],
    );
  });

  test("a required argument added to a field is breaking", async () => {
    const after = BEFORE.replace("member(id: ID!)", "member(id: ID!, purpose: String!)");
    const check = await checkSchemaChanges(BEFORE, after, []);
    assert.deepEqual(check.unmarked.map((change) => [change.type, change.path]), [["FIELD_ARGUMENT_ADDED", "Query.member.purpose"]]);
  });

  test("a new enum value is dangerous: printed, not failed", async () => {
    const withEnum = `${BEFORE} enum Regime { CONTRIBUTIVO SUBSIDIADO }  extend type Member { regime: Regime }`;
    const check = await checkSchemaChanges(withEnum, withEnum.replace("SUBSIDIADO }", "SUBSIDIADO ESPECIAL }"), []);
    assert.equal(check.ok, true);
    assert.deepEqual(check.dangerous.map((change) => [change.type, change.path]), [["ENUM_VALUE_ADDED", "Regime.ESPECIAL"]]);
    assert.match(formatSchemaCheck(check), /Dangerous changes, for clients to know about \(1\):\n {2}! Regime\.ESPECIAL/);
  });
});

describe("the API schema of a supergraph", () => {
  const supergraph = (memberFields: string) => {
    const typeDefs = parse(`
      extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@inaccessible"])
      type Query { member(id: ID!): Member }
      type Member @key(fields: "id") { id: ID! ${memberFields} }
    `);
    const result = composeServices([{ name: "affiliation", url: "http://127.0.0.1:4001/graphql", typeDefs }]);
    assert.ok(result.supergraphSdl, result.errors?.map((error) => error.message).join("; "));
    return result.supergraphSdl;
  };

  test("has no federation machinery, and a removed @inaccessible field is no change to it", async () => {
    const before = apiSchemaSdl(supergraph("fullName: String internalNote: String @inaccessible"));
    const after = apiSchemaSdl(supergraph("fullName: String"));
    assert.doesNotMatch(before, /join__|link__|@inaccessible|internalNote/);
    const check = await checkSchemaChanges(before, after, []);
    assert.equal(check.ok, true);
    assert.deepEqual([...check.unmarked, ...check.dangerous, ...check.safe], []);
  });

  test("a removed field clients could see is breaking", async () => {
    const check = await checkSchemaChanges(apiSchemaSdl(supergraph("fullName: String")), apiSchemaSdl(supergraph("")), []);
    assert.deepEqual(check.unmarked.map((change) => change.path), ["Member.fullName"]);
  });
});

describe("schema/breaking-changes.yaml", () => {
  test("reads marks, a date written bare or quoted", () => {
    const marks = parseBreakingChangeMarks(`changes:
  - path: Member.birthDate
    message: "Field 'birthDate' was removed from object type 'Member'"
    reason: Reemplazada por Member.birthInfo; ningún documento de confianza la usaba
    date: 2026-12-01
  - path: Query.member.purpose
    reason: Los agentes deben declarar para qué
    date: "2026-12-02"
`);
    assert.deepEqual(marks, [
      { ...REMOVAL, reason: "Reemplazada por Member.birthInfo; ningún documento de confianza la usaba", date: "2026-12-01" },
      { path: "Query.member.purpose", reason: "Los agentes deben declarar para qué", date: "2026-12-02" },
    ]);
    assert.deepEqual(parseBreakingChangeMarks("changes: []\n"), []);
    assert.deepEqual(parseBreakingChangeMarks("# nothing yet\n"), []);
  });

  test("refuses an entry without a reason, a date, or the change it names", () => {
    assert.throws(
      () => parseBreakingChangeMarks(`changes:\n  - path: Member.birthDate\n  - reason: porque sí\n    date: 1 de diciembre\n    paht: Member.x\n`),
      (error: Error) =>
        error.message.includes("changes[0].reason is missing") &&
        error.message.includes("changes[0].date must be YYYY-MM-DD") &&
        error.message.includes("changes[1] names no change") &&
        error.message.includes("changes[1] has unknown keys: paht"),
    );
  });
});
