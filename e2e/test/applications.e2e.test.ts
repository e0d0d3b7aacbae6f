// «Quiero afiliarme» to an active member, through the gateway: «Califícate en el SISBEN IV», subsidiado
// applications checked against the registry (a synthetic one stands in for the national one), and the
// review queue's decisions.
import { PERSONAS, PERSONA_IDS } from "@sos/personas";
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

  it("accepts a C5 applicant, and tells a D3 one why not without filing anything", async () => {
    const c5 = await stack.query<{ applyForAffiliation: { filingNumber: string } }>(APPLY, { variables: { input: { ...application("1144000003", "C5"), municipalityCode: "76520" } } });
    expect(c5.errors).toBeUndefined();
    const applications = stack.connection.collection("affiliation_applications");
    expect(await applications.findOne({ filingNumber: c5.data!.applyForAffiliation.filingNumber })).toMatchObject({ status: "RADICADA", sisbenGroup: "C5" });
    const d3 = await stack.query(APPLY, { variables: { input: application("1144000004", "D3") } });
    expect(d3.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.sisbenGroup" });
    expect(d3.errors?.[0]?.message).toMatch(/Solo los grupos SISBEN A, B y C/);
    expect(await applications.countDocuments({ "person.documentNumber": "1144000004" })).toBe(0);
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

describe("applications with a family group", () => {
  const APPLY = `mutation($input: AffiliationApplicationInput!) { applyForAffiliation(input: $input) { filingNumber } }`;
  const APPROVE = `mutation($f: ID!) { approveAffiliationApplication(filingNumber: $f) { status memberId beneficiaryIds } }`;
  const AGENT = { "x-access-purpose": "Revisión de solicitudes de afiliación" };
  const agent = PERSONAS["agent"]!;
  const person = (documentNumber: string, firstName: string, birthDate: string, documentType = "CC") => ({ documentType, documentNumber, firstName, firstSurname: "Cuero", secondSurname: "Angulo", birthDate, sex: "FEMENINO" });
  const cotizante = (documentNumber: string) => ({
    person: person(documentNumber, "Yamileth", "1986-02-11"),
    contact: { email: `yamileth.${documentNumber}@correo.example` },
    municipalityCode: "76001",
    regime: "CONTRIBUTIVO",
    cotizanteKind: "INDEPENDIENTE",
  });
  type Approval = { approveAffiliationApplication: { memberId: string; beneficiaryIds: string[] } };

  it("filed anonymously with a spouse and a child, approved once: the member exists with their family group", async () => {
    const input = {
      ...cotizante("1144100101"),
      beneficiaries: [
        { person: { ...person("1144100102", "Wilmer", "1984-06-30"), sex: "MASCULINO" }, relationship: "CONYUGE_COMPANERO" },
        { person: person("1144100103", "Sara", "2012-09-14", "TI"), relationship: "HIJO", economicDependent: true },
      ],
    };
    const filed = await stack.query<{ applyForAffiliation: { filingNumber: string } }>(APPLY, { variables: { input } });
    expect(filed.errors).toBeUndefined();
    const f = filed.data!.applyForAffiliation.filingNumber;
    const approved = await stack.query<Approval>(APPROVE, { viewer: agent, headers: AGENT, variables: { f } });
    expect(approved.errors).toBeUndefined();
    expect(approved.data!.approveAffiliationApplication.beneficiaryIds).toHaveLength(2);

    const group = await stack.query<{ memberByDocument: { id: string; familyGroup: { size: number; beneficiaries: { documentNumber: string; relationship: string; state: string; primaryIps: { habilitationCode: string } }[] }; primaryIps: { habilitationCode: string } } }>(
      `{ memberByDocument(documentType: CC, documentNumber: "1144100101") { id primaryIps { habilitationCode } familyGroup { size beneficiaries { documentNumber relationship state primaryIps { habilitationCode } } } } }`,
      { viewer: agent, headers: AGENT },
    );
    const found = group.data!.memberByDocument;
    expect(found.id).toBe(approved.data!.approveAffiliationApplication.memberId);
    expect(found.familyGroup.size).toBe(2);
    expect(found.familyGroup.beneficiaries.map((b) => [b.documentNumber, b.relationship, b.state]).sort()).toEqual([
      ["1144100102", "CONYUGE_COMPANERO", "ACTIVO"],
      ["1144100103", "HIJO", "ACTIVO"],
    ]);
    // The group shares the cotizante's primary clinic.
    for (const beneficiary of found.familyGroup.beneficiaries) expect(beneficiary.primaryIps.habilitationCode).toBe(found.primaryIps.habilitationCode);

    // A second approval changes nothing.
    const members = stack.connection.collection("members");
    const before = await members.countDocuments();
    expect(errorCodes(await stack.query(APPROVE, { viewer: agent, headers: AGENT, variables: { f } }))).toEqual(["CONFLICT"]);
    expect(await members.countDocuments()).toBe(before);
    expect(await stack.connection.collection("outbox").countDocuments({ filingNumber: f })).toBe(1);
  });

  it("refuses at filing a group that breaks the beneficiary rules, naming the beneficiary's field, and files nothing", async () => {
    const input = {
      ...cotizante("1144100111"),
      beneficiaries: [
        { person: person("1144100112", "Wilmer", "1984-06-30"), relationship: "CONYUGE_COMPANERO" },
        { person: person("1144100113", "Carlos", "1990-06-30"), relationship: "HIJO", economicDependent: true },
      ],
    };
    const refused = await stack.query(APPLY, { variables: { input } });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.beneficiaries.1.person.birthDate" });
    expect(await stack.connection.collection("affiliation_applications").countDocuments({ "person.documentNumber": "1144100111" })).toBe(0);
  });

  it("joins an existing cotizante's group as a beneficiary, and the cotizante is told", async () => {
    const members = stack.connection.collection("members");
    const maria = await members.findOne({ _id: PERSONA_IDS.member as never });
    const input = {
      person: person("1144100121", "Valeria", "2009-03-03", "TI"),
      contact: { mobile: "3161112233" },
      municipalityCode: "76001",
      regime: "CONTRIBUTIVO",
      joinFamilyGroup: { cotizanteDocumentType: maria!["documentType"], cotizanteDocumentNumber: maria!["documentNumber"], relationship: "HIJO", economicDependent: true },
    };
    const filed = await stack.query<{ applyForAffiliation: { filingNumber: string } }>(APPLY, { variables: { input } });
    expect(filed.errors).toBeUndefined();
    const approved = await stack.query<Approval>(APPROVE, { viewer: agent, headers: AGENT, variables: { f: filed.data!.applyForAffiliation.filingNumber } });
    expect(approved.errors).toBeUndefined();
    const joined = await members.findOne({ _id: approved.data!.approveAffiliationApplication.memberId as never });
    expect(joined).toMatchObject({ memberType: "BENEFICIARIO", cotizanteId: PERSONA_IDS.member, relationship: "HIJO", regime: maria!["regime"], primaryIpsCode: maria!["primaryIpsCode"] });
    const notice = await stack.connection.collection("outbox").findOne({ memberId: PERSONA_IDS.member, subject: "Cambio en su grupo familiar" });
    expect(notice?.["body"]).toMatch(/V\. C\. A\. como beneficiario/);

    // She sees the new member of her group.
    const group = await stack.query<{ me: { familyGroup: { beneficiaries: { id: string }[] } } }>(`{ me { familyGroup { beneficiaries { id } } } }`, { viewer: PERSONAS["member"] });
    expect(group.data!.me.familyGroup.beneficiaries.map((b) => b.id)).toContain(joined!._id);
  });

  it("refuses, at approval, to join a group that cannot take the applicant, and approves nothing", async () => {
    const members = stack.connection.collection("members");
    const maria = await members.findOne({ _id: PERSONA_IDS.member as never });
    // María Fernanda already has a spouse.
    const input = {
      person: { ...person("1144100131", "Andrés", "1983-01-20"), sex: "MASCULINO" },
      contact: { email: "andres@correo.example" },
      municipalityCode: "76001",
      regime: "CONTRIBUTIVO",
      joinFamilyGroup: { cotizanteDocumentType: maria!["documentType"], cotizanteDocumentNumber: maria!["documentNumber"], relationship: "CONYUGE_COMPANERO" },
    };
    const filed = await stack.query<{ applyForAffiliation: { filingNumber: string } }>(APPLY, { variables: { input } });
    const f = filed.data!.applyForAffiliation.filingNumber;
    const refused = await stack.query(APPROVE, { viewer: agent, headers: AGENT, variables: { f } });
    expect(errorCodes(refused)).toEqual(["CONFLICT"]);
    expect(refused.errors?.[0]?.message).toMatch(/cónyuge/);
    expect(await stack.connection.collection("affiliation_applications").findOne({ filingNumber: f })).toMatchObject({ status: "RADICADA", memberId: null });
    expect(await members.countDocuments({ documentNumber: "1144100131" })).toBe(0);
  });
});
