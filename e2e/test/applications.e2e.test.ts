// «Quiero afiliarme» to an active member, through the gateway: «Califícate en el SISBEN IV», subsidiado
// applications checked against the registry (a synthetic one stands in for the national one), and the
// review queue's decisions.
import { PERSONAS } from "@sos/personas";
import { errorCodes } from "@sos/kit/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStack, type Stack } from "./stack.js";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.close();
});

type Check = { sisbenCheck: { found: boolean; group: string | null; subsidyEligible: boolean; explanation: string } };
const check = (documentNumber: string, documentType = "CC") => stack.persisted<Check>("SisbenCheck", { variables: { documentType, documentNumber } });

describe("sisbenCheck", () => {
  it("answers without a session: the group and whether it gives access to the subsidiado", async () => {
    const eligible = await check("1144000001");
    expect(eligible.errors).toBeUndefined();
    expect(eligible.data!.sisbenCheck).toMatchObject({ found: true, group: "A3", subsidyEligible: true });
    expect(eligible.data!.sisbenCheck.explanation).toMatch(/pobreza extrema/);
    expect((await check("1144000002")).data!.sisbenCheck).toMatchObject({ found: true, group: "D10", subsidyEligible: false });
    expect((await check("1144999999")).data!.sisbenCheck).toMatchObject({ found: false, group: null, subsidyEligible: false });
  });

  it("finds a seeded subsidiado member's group, and refuses a malformed document naming it", async () => {
    const member = await stack.connection.collection("members").findOne({ regime: "SUBSIDIADO" });
    const found = await check(member!["documentNumber"], member!["documentType"]);
    expect(found.data!.sisbenCheck).toMatchObject({ found: true, group: member!["sisbenGroup"], subsidyEligible: true });
    const bad = await check("12AB");
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "documentNumber" });
  });

  it("asks an agent for the purpose", async () => {
    const noPurpose = await stack.query(`{ sisbenCheck(documentType: CC, documentNumber: "1144000001") { group } }`, { viewer: PERSONAS["agent"] });
    expect(errorCodes(noPurpose)).toEqual(["FORBIDDEN"]);
  });
});

describe("applying to the subsidiado régimen", () => {
  const APPLY = `mutation($input: AffiliationApplicationInput!) { applyForAffiliation(input: $input) { filingNumber } }`;
  const application = (documentNumber: string, sisbenGroup: string) => ({
    person: { documentType: "CC", documentNumber, firstName: "Luz", middleName: "Dary", firstSurname: "Mosquera", secondSurname: "Angulo", birthDate: "1990-03-14", sex: "FEMENINO" },
    contact: { email: `luz.${documentNumber}@correo.example`, mobile: "3154445566" },
    municipalityCode: "76001",
    regime: "SUBSIDIADO",
    sisbenGroup,
  });

  it("accepts the group the registry has, and refuses another group or a person not surveyed", async () => {
    const accepted = await stack.query<{ applyForAffiliation: { filingNumber: string } }>(APPLY, { variables: { input: application("1144000001", "A3") } });
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data!.applyForAffiliation.filingNumber).toMatch(/^AF-/);
    const otherGroup = await stack.query(APPLY, { variables: { input: application("1144000001", "B2") } });
    expect(otherGroup.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.sisbenGroup" });
    expect(otherGroup.errors?.[0]?.message).toMatch(/grupo A3/);
    const notSurveyed = await stack.query(APPLY, { variables: { input: application("1144999998", "A1") } });
    expect(notSurveyed.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.sisbenGroup" });
  });
});

describe("reviewing applications", () => {
  const APPLY = `mutation($input: AffiliationApplicationInput!) { applyForAffiliation(input: $input) { filingNumber } }`;
  const AGENT = { "x-access-purpose": "Revisión de solicitudes de afiliación" };
  const agent = PERSONAS["agent"]!;
  const apply = async (documentNumber: string) => {
    const input = {
      person: { documentType: "CC", documentNumber, firstName: "Jhon", middleName: "Jairo", firstSurname: "Caicedo", secondSurname: "Riascos", birthDate: "1988-07-21", sex: "MASCULINO" },
      contact: { email: `jhon.${documentNumber}@correo.example`, mobile: "3175556677" },
      municipalityCode: "76001",
      regime: "CONTRIBUTIVO",
      cotizanteKind: "INDEPENDIENTE",
    };
    const result = await stack.query<{ applyForAffiliation: { filingNumber: string } }>(APPLY, { variables: { input } });
    return result.data!.applyForAffiliation.filingNumber;
  };
  const APPROVE = `mutation($f: ID!) { approveAffiliationApplication(filingNumber: $f) { status memberId } }`;

  it("turns an approved application into one active member with a primary clinic, tells the applicant, and approving twice creates nothing more", async () => {
    const filingNumber = await apply("1144100001");
    const noPurpose = await stack.query(APPROVE, { viewer: agent, variables: { f: filingNumber } });
    expect(errorCodes(noPurpose)).toEqual(["FORBIDDEN"]);
    const [a, b] = await Promise.all([1, 2].map(() => stack.query<{ approveAffiliationApplication: { status: string; memberId: string } }>(APPROVE, { viewer: agent, headers: AGENT, variables: { f: filingNumber } })));
    expect([errorCodes(a)[0] ?? "OK", errorCodes(b)[0] ?? "OK"].sort()).toEqual(["CONFLICT", "OK"]);
    const members = stack.connection.collection("members");
    expect(await members.countDocuments({ documentNumber: "1144100001" })).toBe(1);
    const member = await stack.query<{ memberByDocument: { state: string; memberType: string; primaryIps: { habilitationCode: string } } }>(
      `{ memberByDocument(documentType: CC, documentNumber: "1144100001") { state memberType primaryIps { habilitationCode } } }`,
      { viewer: agent, headers: AGENT },
    );
    expect(member.data!.memberByDocument).toMatchObject({ state: "ACTIVO", memberType: "COTIZANTE" });
    expect(member.data!.memberByDocument.primaryIps.habilitationCode.startsWith("76001")).toBe(true);
    expect(await stack.connection.collection("outbox").countDocuments({ filingNumber, to: "jhon.1144100001@correo.example" })).toBe(1);
  });

  it("rejects with a reason, which is required, and tells the applicant", async () => {
    const filingNumber = await apply("1144100002");
    const REJECT = `mutation($f: ID!, $r: String!) { rejectAffiliationApplication(filingNumber: $f, reason: $r) { status rejectionReason } }`;
    const noReason = await stack.query(REJECT, { viewer: agent, headers: AGENT, variables: { f: filingNumber, r: "" } });
    expect(noReason.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "reason" });
    const rejected = await stack.query<{ rejectAffiliationApplication: { status: string } }>(REJECT, { viewer: agent, headers: AGENT, variables: { f: filingNumber, r: "Ya está afiliado a otra EPS" } });
    expect(rejected.data!.rejectAffiliationApplication.status).toBe("RECHAZADA");
    expect(await stack.connection.collection("outbox").countDocuments({ filingNumber })).toBe(1);
    expect(errorCodes(await stack.query(APPROVE, { viewer: agent, headers: AGENT, variables: { f: filingNumber } }))).toEqual(["CONFLICT"]);
  });

  it("brings a retired member back as the same member, and resolves a duplicate by rejecting it", async () => {
    const members = stack.connection.collection("members");
    const retired = await members.findOne({ state: "RETIRADO", memberType: "COTIZANTE", regime: "CONTRIBUTIVO" });
    expect(retired).not.toBeNull();
    const input = {
      person: { documentType: retired!["documentType"], documentNumber: retired!["documentNumber"], firstName: retired!["firstName"], firstSurname: retired!["firstSurname"], birthDate: retired!["birthDate"], sex: retired!["sex"] },
      contact: { email: "regreso@correo.example" },
      municipalityCode: "76001",
      regime: "CONTRIBUTIVO",
      cotizanteKind: "INDEPENDIENTE",
    };
    const filed = await stack.query<{ applyForAffiliation: { filingNumber: string } }>(APPLY, { variables: { input } });
    const approved = await stack.query<{ approveAffiliationApplication: { memberId: string } }>(APPROVE, { viewer: agent, headers: AGENT, variables: { f: filed.data!.applyForAffiliation.filingNumber } });
    expect(approved.errors).toBeUndefined();
    expect(approved.data!.approveAffiliationApplication.memberId).toBe(retired!._id);
    expect(await members.findOne({ _id: retired!._id })).toMatchObject({ state: "ACTIVO", cotizanteKind: "INDEPENDIENTE" });
    expect(await members.countDocuments({ documentNumber: retired!["documentNumber"] })).toBe(1);

    // The same person applying again is a duplicate (already a member): approving is refused, rejecting resolves it.
    const again = await stack.query<{ applyForAffiliation: { filingNumber: string } }>(APPLY, { variables: { input: { ...input, contact: { email: "otra.vez@correo.example" } } } });
    const duplicate = again.data!.applyForAffiliation.filingNumber;
    expect(errorCodes(await stack.query(APPROVE, { viewer: agent, headers: AGENT, variables: { f: duplicate } }))).toEqual(["CONFLICT"]);
    const REJECT = `mutation($f: ID!, $r: String!) { rejectAffiliationApplication(filingNumber: $f, reason: $r) { status } }`;
    const resolved = await stack.query<{ rejectAffiliationApplication: { status: string } }>(REJECT, { viewer: agent, headers: AGENT, variables: { f: duplicate, r: "La persona ya es afiliada a S.O.S." } });
    expect(resolved.data!.rejectAffiliationApplication.status).toBe("RECHAZADA");
  });
});
