import { PERSONAS, PERSONA_FAMILY_IDS, PERSONA_IDS, PERSONA_IPS_CODE, SEED_IPS } from "@sos/personas";
import { todayInColombia } from "@sos/kit";
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

const { member, agent, beneficiary } = PERSONAS as Required<typeof PERSONAS>;
const members = () => stack.connection.collection("members");
const memberDoc = (id: string) => members().findOne({ _id: id as never });

/** A birth date `years` years ago (minus a day, so the age is exactly `years`). */
function yearsAgo(years: number): string {
  const [y, m, d] = todayInColombia().split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y - years, m - 1, d - 1));
  return date.toISOString().slice(0, 10);
}

describe("updateContactData", () => {
  const UPDATE = `mutation($input: UpdateContactDataInput!) { updateContactData(input: $input) { id contact { email mobile landline address } municipalityCode } }`;

  it("updates only the fields sent", async () => {
    const before = await memberDoc(PERSONA_IDS.member);
    const result = await stack.query(UPDATE, { viewer: member, variables: { input: { email: "maria.valencia@correo.example", mobile: "3157654321" } } });
    expect(result.errors).toBeUndefined();
    expect(result.data?.["updateContactData"]).toMatchObject({
      id: PERSONA_IDS.member,
      contact: { email: "maria.valencia@correo.example", mobile: "3157654321", landline: before?.["contact"].landline, address: before?.["contact"].address },
    });
    const after = await memberDoc(PERSONA_IDS.member);
    expect(after?.["contact"].email).toBe("maria.valencia@correo.example");
  });

  it.each([
    [{ email: "no-es-correo" }, "input.email"],
    [{ mobile: "2151234567" }, "input.mobile"],
    [{ landline: "4898686" }, "input.landline"],
    [{ municipalityCode: "11001" }, "input.municipalityCode"],
    [{}, "input"],
  ])("refuses %j with BAD_USER_INPUT naming %s, and changes nothing", async (input, field) => {
    const before = await memberDoc(PERSONA_IDS.member);
    const result = await stack.query(UPDATE, { viewer: member, variables: { input } });
    expect(errorCodes(result)).toEqual(["BAD_USER_INPUT"]);
    expect(result.errors?.[0]?.extensions?.field).toBe(field);
    expect(result.errors?.[0]?.message).toMatch(/[áéíóúñ]|debe|válid|Envíe/i);
    expect(await memberDoc(PERSONA_IDS.member)).toEqual(before);
  });

  it("after a move to another municipality, says the primary IPS must be chosen again", async () => {
    const MOVE = `mutation($input: UpdateContactDataInput!) { updateContactData(input: $input) { municipalityCode primaryIpsNeedsChange } }`;
    const stays = await stack.query(`{ me { primaryIpsNeedsChange } }`, { viewer: member });
    expect(stays.data?.["me"]).toEqual({ primaryIpsNeedsChange: false });
    const moved = await stack.query(MOVE, { viewer: member, variables: { input: { municipalityCode: "76520" } } });
    expect(moved.data?.["updateContactData"]).toEqual({ municipalityCode: "76520", primaryIpsNeedsChange: true });
    const back = await stack.query(MOVE, { viewer: member, variables: { input: { municipalityCode: "76001" } } });
    expect(back.data?.["updateContactData"]).toEqual({ municipalityCode: "76001", primaryIpsNeedsChange: false });
  });

  it("does not let a member change another family's data", async () => {
    const result = await stack.query(UPDATE, { viewer: member, variables: { input: { memberId: PERSONA_IDS.otherMember, mobile: "3001112233" } } });
    expect(errorCodes(result)).toEqual(["FORBIDDEN"]);
  });

  it("lets a cotizante update a minor of the group, but not an adult beneficiary, who manages their own", async () => {
    const child = await stack.query(UPDATE, { viewer: member, variables: { input: { memberId: PERSONA_FAMILY_IDS.olderChild, address: "Carrera 44 # 9C-35" } } });
    expect(child.errors).toBeUndefined();
    expect((await memberDoc(PERSONA_FAMILY_IDS.olderChild))?.["contact"].address).toBe("Carrera 44 # 9C-35");

    const before = await memberDoc(PERSONA_IDS.beneficiary);
    const spouse = await stack.query(UPDATE, { viewer: member, variables: { input: { memberId: PERSONA_IDS.beneficiary, email: "otro@correo.example" } } });
    expect(errorCodes(spouse)).toEqual(["FORBIDDEN"]);
    expect(await memberDoc(PERSONA_IDS.beneficiary)).toEqual(before);
  });
});

describe("changePrimaryIps", () => {
  const CHANGE = `mutation($input: ChangePrimaryIpsInput!) { changePrimaryIps(input: $input) { id primaryIps { habilitationCode } primaryIpsHistory { ips { habilitationCode } since until } } }`;

  it.each([
    ["an IPS outside the network", "769990000101"],
    ["an inactive IPS", () => SEED_IPS.caliInactive],
    ["a specialised (non-primary) IPS", () => SEED_IPS.caliSpecialised],
    ["an IPS of another municipality", () => SEED_IPS.otherMunicipality],
    ["the IPS the member already has", PERSONA_IPS_CODE],
    ["a code that is not 12 digits", "76001"],
  ])("refuses %s with BAD_USER_INPUT on input.ipsCode, changing nothing", async (_label, code) => {
    const before = await memberDoc(PERSONA_IDS.otherMember);
    const ipsCode = typeof code === "function" ? code() : code;
    const result = await stack.query(CHANGE, { viewer: PERSONAS["agent"], variables: { input: { memberId: PERSONA_IDS.otherMember, ipsCode } }, headers: { "x-access-purpose": "prueba" } });
    expect(errorCodes(result)).toEqual(["BAD_USER_INPUT"]);
    expect(result.errors?.[0]?.extensions?.field).toBe("input.ipsCode");
    expect(await memberDoc(PERSONA_IDS.otherMember)).toEqual(before);
  });

  it("changes to an active primary IPS of the member's municipality and keeps the history", async () => {
    const before = await memberDoc(PERSONA_IDS.member);
    const result = await stack.query<{ changePrimaryIps: { primaryIps: { habilitationCode: string }; primaryIpsHistory: { ips: { habilitationCode: string }; until: string | null }[] } }>(
      CHANGE,
      { viewer: member, variables: { input: { ipsCode: SEED_IPS.caliAlternative } } },
    );
    expect(result.errors).toBeUndefined();
    const changed = result.data!.changePrimaryIps;
    expect(changed.primaryIps.habilitationCode).toBe(SEED_IPS.caliAlternative);
    expect(changed.primaryIpsHistory).toHaveLength((before?.["primaryIpsHistory"] as unknown[]).length + 1);
    expect(changed.primaryIpsHistory[0]).toMatchObject({ ips: { habilitationCode: SEED_IPS.caliAlternative }, until: null });
    expect(changed.primaryIpsHistory[1]?.ips.habilitationCode).toBe(PERSONA_IPS_CODE);
    expect(changed.primaryIpsHistory[1]?.until).not.toBeNull();
  });

  it("records every change that was applied exactly once, however many race", async () => {
    const target = await members().findOne({
      municipalityCode: "76001",
      state: "ACTIVO",
      primaryIpsCode: { $nin: [SEED_IPS.personaPrimary, SEED_IPS.caliAlternative] },
      _id: { $nin: Object.values(PERSONA_IDS) as never[] },
    });
    expect(target).not.toBeNull();
    const targets = Array.from({ length: 8 }, (_, i) => (i % 2 ? SEED_IPS.personaPrimary : SEED_IPS.caliAlternative));
    const results = await Promise.all(
      targets.map((ipsCode) =>
        stack.query(CHANGE, { viewer: agent, variables: { input: { memberId: target?._id, ipsCode } }, headers: { "x-access-purpose": "prueba de concurrencia" } }),
      ),
    );
    const applied = results.filter((result) => !result.errors).length;
    // A loser either lost the guarded update (CONFLICT) or found the IPS already set (BAD_USER_INPUT).
    for (const result of results.filter((r) => r.errors)) expect(["CONFLICT", "BAD_USER_INPUT"]).toContain(errorCodes(result)[0]);
    expect(applied).toBeGreaterThanOrEqual(1);
    const after = await memberDoc(String(target?._id));
    const history = after?.["primaryIpsHistory"] as { ipsCode: string }[];
    expect(history).toHaveLength((target?.["primaryIpsHistory"] as unknown[]).length + applied);
    expect(history.at(-1)?.ipsCode).toBe(after?.["primaryIpsCode"]);
  });
});

describe("one document with several changes", () => {
  it("decides each change on the state the previous one left: no primary IPS of the municipality just left", async () => {
    const jorge = { subject: "user-member-0010", role: "MEMBER" as const, memberId: PERSONA_IDS.otherMember };
    const before = await memberDoc(PERSONA_IDS.otherMember);
    expect(before?.["municipalityCode"]).toBe("76001");
    const result = await stack.query(
      `mutation($cali: String!) {
        moved: updateContactData(input: { municipalityCode: "76520" }) { municipalityCode primaryIpsNeedsChange }
        changed: changePrimaryIps(input: { ipsCode: $cali }) { primaryIps { habilitationCode } }
      }`,
      { viewer: jorge, variables: { cali: before?.["primaryIpsCode"] === SEED_IPS.caliAlternative ? SEED_IPS.personaPrimary : SEED_IPS.caliAlternative } },
    );
    expect(errorCodes(result)).toEqual(["BAD_USER_INPUT"]);
    expect(result.errors?.[0]?.extensions?.field).toBe("input.ipsCode");
    // The move was applied; the clinic change was refused and changed nothing.
    const after = await memberDoc(PERSONA_IDS.otherMember);
    expect(after?.["municipalityCode"]).toBe("76520");
    expect(after?.["primaryIpsCode"]).toBe(before?.["primaryIpsCode"]);
  });
});

describe("addBeneficiary", () => {
  const ADD = `mutation($input: AddBeneficiaryInput!) { addBeneficiary(input: $input) { id memberType relationship regime primaryIps { habilitationCode } } }`;
  let sequence = 0;
  const person = (over: Record<string, unknown> = {}) => {
    sequence += 1;
    return {
      documentType: "TI",
      documentNumber: `11070${String(Date.now()).slice(-4)}${sequence}`.slice(0, 10).padEnd(10, "7"),
      firstName: "Samuel",
      middleName: "David",
      firstSurname: "Valencia",
      secondSurname: "Ortiz",
      birthDate: yearsAgo(10),
      sex: "MASCULINO",
      ...over,
    };
  };

  it("adds a dependent child, who then appears in the family group", async () => {
    const input = { person: person(), relationship: "HIJO", economicDependent: true };
    const result = await stack.query<{ addBeneficiary: { id: string; memberType: string; relationship: string } }>(ADD, { viewer: member, variables: { input } });
    expect(result.errors).toBeUndefined();
    expect(result.data?.addBeneficiary).toMatchObject({ memberType: "BENEFICIARIO", relationship: "HIJO" });
    const group = await stack.query<{ me: { familyGroup: { beneficiaries: { id: string }[] } } }>(`{ me { familyGroup { beneficiaries { id } } } }`, { viewer: member });
    expect(group.data?.me.familyGroup.beneficiaries.map((b) => b.id)).toContain(result.data?.addBeneficiary.id);
  });

  it("refuses a second spouse with CONFLICT", async () => {
    const input = { person: person({ documentType: "CC", documentNumber: "1144098765", birthDate: yearsAgo(40) }), relationship: "CONYUGE_COMPANERO" };
    const result = await stack.query(ADD, { viewer: member, variables: { input } });
    expect(errorCodes(result)).toEqual(["CONFLICT"]);
    expect(await members().countDocuments({ documentNumber: "1144098765" })).toBe(0);
  });

  it.each([
    ["a child of 26 without permanent disability", { person: { documentType: "CC", birthDate: yearsAgo(26) }, relationship: "HIJO", economicDependent: true }, "input.person.birthDate"],
    ["a child under 25 who does not depend on the cotizante", { person: { birthDate: yearsAgo(12) }, relationship: "HIJO", economicDependent: false }, "input.economicDependent"],
    ["a TI for an adult", { person: { documentType: "TI", birthDate: yearsAgo(30) }, relationship: "HIJO", permanentDisability: true }, "input.person.documentType"],
    ["a malformed document number", { person: { documentNumber: "12.345" }, relationship: "HIJO", economicDependent: true }, "input.person.documentNumber"],
    ["a birth date in the future", { person: { birthDate: "2999-01-01" }, relationship: "HIJO", economicDependent: true }, "input.person.birthDate"],
  ])("refuses %s with BAD_USER_INPUT naming the field", async (_label, over, field) => {
    const count = await members().countDocuments();
    const input = { ...over, person: person(over.person) };
    const result = await stack.query(ADD, { viewer: member, variables: { input } });
    expect(errorCodes(result)).toEqual(["BAD_USER_INPUT"]);
    expect(result.errors?.[0]?.extensions?.field).toBe(field);
    expect(await members().countDocuments()).toBe(count);
  });

  it("refuses a person who is already a member", async () => {
    const existing = await memberDoc(PERSONA_IDS.otherMember);
    const input = {
      person: person({ documentType: existing?.["documentType"], documentNumber: existing?.["documentNumber"], birthDate: existing?.["birthDate"] }),
      relationship: "HIJO",
      permanentDisability: true,
    };
    const result = await stack.query(ADD, { viewer: member, variables: { input } });
    expect(errorCodes(result)).toEqual(["CONFLICT"]);
  });

  it("does not let a beneficiary add beneficiaries", async () => {
    const result = await stack.query(ADD, { viewer: beneficiary, variables: { input: { person: person(), relationship: "HIJO", economicDependent: true } } });
    expect(errorCodes(result)).toEqual(["CONFLICT"]);
  });

  it("of two concurrent spouses for one cotizante, admits exactly one", async () => {
    // A cotizante with no beneficiaries yet.
    const withGroups = await members().distinct("cotizanteId");
    const lone = await members().findOne({ memberType: "COTIZANTE", state: "ACTIVO", _id: { $nin: withGroups as never[] } });
    const spouse = (n: string) => ({
      cotizanteId: lone?._id,
      person: person({ documentType: "CC", documentNumber: n, birthDate: yearsAgo(33), firstName: "Luisa", sex: "FEMENINO" }),
      relationship: "CONYUGE_COMPANERO",
    });
    const results = await Promise.all(
      ["1144011111", "1144022222"].map((n) => stack.query(ADD, { viewer: agent, variables: { input: spouse(n) }, headers: { "x-access-purpose": "prueba" } })),
    );
    const codes = results.map((result) => errorCodes(result)[0] ?? "OK").sort();
    expect(codes).toEqual(["CONFLICT", "OK"]);
    expect(await members().countDocuments({ cotizanteId: lone?._id, relationship: "CONYUGE_COMPANERO" })).toBe(1);
  });
});

describe("applyForAffiliation (quiero afiliarme)", () => {
  const APPLY = `mutation($input: AffiliationApplicationInput!) { applyForAffiliation(input: $input) { filingNumber receivedAt message } }`;
  const application = (over: Record<string, unknown> = {}) => ({
    person: { documentType: "CC", documentNumber: "1006543210", firstName: "Andrés", middleName: "Felipe", firstSurname: "Ramírez", secondSurname: "Ocampo", birthDate: yearsAgo(29), sex: "MASCULINO" },
    contact: { email: "andres.ramirez@correo.example", mobile: "3164445566" },
    municipalityCode: "66001",
    regime: "CONTRIBUTIVO",
    cotizanteKind: "DEPENDIENTE",
    employerNit: "900123456-8",
    ...over,
  });
  const applications = () => stack.connection.collection("affiliation_applications");
  type Receipt = { applyForAffiliation: { filingNumber: string; receivedAt: string; message: string } };
  const withDocument = (documentNumber: string, over: Record<string, unknown> = {}) =>
    application({ ...over, person: { ...application().person, documentNumber } });

  it("files an application without a session, and a retry with the same contact gets the same filing", async () => {
    const first = await stack.query<Receipt>(APPLY, { variables: { input: application() } });
    expect(first.errors).toBeUndefined();
    expect(first.data?.applyForAffiliation.filingNumber).toMatch(/^AF-\d{4}-\d{7}$/);
    expect(first.data?.applyForAffiliation.message).toContain(first.data!.applyForAffiliation.filingNumber);

    const retry = await stack.query<Receipt>(APPLY, { variables: { input: application() } });
    expect(retry.data?.applyForAffiliation.filingNumber).toBe(first.data?.applyForAffiliation.filingNumber);
    const stored = await applications().find({ "person.documentNumber": "1006543210" }).toArray();
    expect(stored.map((doc) => doc["status"])).toEqual(["RADICADA"]);
  });

  it("files exactly one of several identical applications sent at once, all answered with its filing", async () => {
    const input = withDocument("1006543299");
    const results = await Promise.all([1, 2, 3, 4].map(() => stack.query<Receipt>(APPLY, { variables: { input } })));
    expect(results.every((result) => !result.errors)).toBe(true);
    expect(new Set(results.map((result) => result.data?.applyForAffiliation.filingNumber)).size).toBe(1);
    expect(await applications().countDocuments({ "person.documentNumber": "1006543299" })).toBe(1);
  });

  it("answers a member's document exactly like anyone else's, and keeps it out of review", async () => {
    const existing = await memberDoc(PERSONA_IDS.member);
    const input = application({ person: { ...application().person, documentType: "CC", documentNumber: existing?.["documentNumber"], birthDate: existing?.["birthDate"] } });
    const result = await stack.query<Receipt>(APPLY, { variables: { input } });
    expect(result.errors).toBeUndefined();
    expect(Object.keys(result.data!.applyForAffiliation).sort()).toEqual(["filingNumber", "message", "receivedAt"]);
    expect(result.data?.applyForAffiliation.message).toMatch(/^Recibimos su solicitud/);
    const stored = await applications().findOne({ filingNumber: result.data?.applyForAffiliation.filingNumber });
    expect(stored).toMatchObject({ status: "DUPLICADA", duplicateReason: "YA_AFILIADO" });
  });

  it("does not tell a second applicant about someone else's application, nor let them take its place", async () => {
    const first = await stack.query<Receipt>(APPLY, { variables: { input: withDocument("1006543277") } });
    const other = await stack.query<Receipt>(APPLY, {
      variables: { input: withDocument("1006543277", { contact: { email: "otra.persona@correo.example" } }) },
    });
    expect(other.errors).toBeUndefined();
    expect(other.data?.applyForAffiliation.filingNumber).not.toBe(first.data?.applyForAffiliation.filingNumber);
    const stored = await applications().find({ "person.documentNumber": "1006543277" }).sort({ filingNumber: 1 }).toArray();
    expect(stored.map((doc) => [doc["status"], doc["duplicateReason"]])).toEqual([
      ["RADICADA", null],
      ["DUPLICADA", "SOLICITUD_EN_CURSO"],
    ]);
  });

  it("queue for agents' review in filing order, the duplicates apart, and for agents only", async () => {
    const QUEUE = `query($status: ApplicationStatus, $after: String) { affiliationApplications(status: $status, first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { filingNumber status duplicateReason person { documentNumber } } } }`;
    type Queue = { affiliationApplications: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: { filingNumber: string; status: string; duplicateReason: string | null }[] } };
    const purpose = { "x-access-purpose": "Revisión de solicitudes" };
    const filed: string[] = [];
    let after: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof stack.query<Queue>>> = await stack.query<Queue>(QUEUE, { viewer: agent, headers: purpose, variables: { after } });
      expect(page.errors).toBeUndefined();
      filed.push(...page.data!.affiliationApplications.nodes.map((node) => { expect(node.status).toBe("RADICADA"); return node.filingNumber; }));
      after = page.data!.affiliationApplications.pageInfo.endCursor;
      if (!page.data!.affiliationApplications.pageInfo.hasNextPage) after = null;
    } while (after);
    expect(filed).toEqual([...filed].sort());
    expect(filed.length).toBe(await applications().countDocuments({ status: "RADICADA" }));

    const duplicates = await stack.query<Queue>(QUEUE, { viewer: agent, headers: purpose, variables: { status: "DUPLICADA" } });
    expect(duplicates.data!.affiliationApplications.nodes.every((node) => node.duplicateReason !== null)).toBe(true);

    expect(errorCodes(await stack.query(QUEUE, { viewer: agent }))).toEqual(["FORBIDDEN"]);
    expect(errorCodes(await stack.query(QUEUE, { viewer: member }))).toEqual(["FORBIDDEN"]);
    expect(errorCodes(await stack.query(QUEUE, {}))).toEqual(["UNAUTHENTICATED"]);
  });

  it("lets a retired member apply again", async () => {
    const retired = await members().findOne({ state: "RETIRADO", documentType: "CC" });
    const input = application({ person: { ...application().person, documentNumber: retired?.["documentNumber"], birthDate: retired?.["birthDate"] } });
    const result = await stack.query<Receipt>(APPLY, { variables: { input } });
    const stored = await applications().findOne({ filingNumber: result.data?.applyForAffiliation.filingNumber });
    expect(stored?.["status"]).toBe("RADICADA");
  });

  it.each([
    ["an invalid employer NIT", { employerNit: "900123456-1" }, "input.employerNit"],
    ["a dependent without employer", { employerNit: null }, "input.employerNit"],
    ["an unknown municipality", { municipalityCode: "11001" }, "input.municipalityCode"],
    ["a TI for an adult", { person: { documentType: "TI", documentNumber: "1006543211", firstName: "Ana", firstSurname: "Gil", birthDate: yearsAgo(30), sex: "FEMENINO" } }, "input.person.documentType"],
    ["the subsidiado régimen for SISBEN group D", { regime: "SUBSIDIADO", cotizanteKind: null, employerNit: null, sisbenGroup: "D4" }, "input.sisbenGroup"],
    ["a malformed SISBEN group", { regime: "SUBSIDIADO", cotizanteKind: null, employerNit: null, sisbenGroup: "Z9" }, "input.sisbenGroup"],
    ["no e-mail and no mobile", { contact: { landline: "6063400404" } }, "input.contact.email"],
    ["a name with digits", { person: { documentType: "CC", documentNumber: "1006543212", firstName: "R2D2", firstSurname: "Gil", birthDate: yearsAgo(30), sex: "FEMENINO" } }, "input.person.firstName"],
  ])("refuses %s with BAD_USER_INPUT naming the field, storing nothing", async (_label, over, field) => {
    const count = await applications().countDocuments();
    const result = await stack.query(APPLY, { variables: { input: application(over) } });
    expect(errorCodes(result)).toEqual(["BAD_USER_INPUT"]);
    expect(result.errors?.[0]?.extensions?.field).toBe(field);
    expect(await applications().countDocuments()).toBe(count);
  });
});

describe("retireBeneficiary", () => {
  const RETIRE = `mutation($input: RetireBeneficiaryInput!) { retireBeneficiary(input: $input) { size beneficiaries { id } } }`;
  const ADD = `mutation($input: AddBeneficiaryInput!) { addBeneficiary(input: $input) { id } }`;
  const purpose = { "x-access-purpose": "Novedad del grupo familiar" };

  it("takes a beneficiary out of the group: the cotizante no longer sees them, the reason is kept", async () => {
    const result = await stack.query<{ retireBeneficiary: { size: number; beneficiaries: { id: string }[] } }>(RETIRE, {
      viewer: member,
      variables: { input: { memberId: PERSONA_FAMILY_IDS.youngerChild, reason: "SOLICITUD_DEL_COTIZANTE" } },
    });
    expect(result.errors).toBeUndefined();
    expect(result.data?.retireBeneficiary.beneficiaries.map((b) => b.id)).not.toContain(PERSONA_FAMILY_IDS.youngerChild);
    expect(await memberDoc(PERSONA_FAMILY_IDS.youngerChild)).toMatchObject({ state: "RETIRADO", retirement: { reason: "SOLICITUD_DEL_COTIZANTE" } });
    const read = await stack.query(`query($id: ID!) { member(id: $id) { id } }`, { viewer: member, variables: { id: PERSONA_FAMILY_IDS.youngerChild } });
    expect(errorCodes(read)).toEqual(["FORBIDDEN"]);

    const again = await stack.query(RETIRE, { viewer: agent, headers: purpose, variables: { input: { memberId: PERSONA_FAMILY_IDS.youngerChild, reason: "SOLICITUD_DEL_COTIZANTE" } } });
    expect(errorCodes(again)).toEqual(["CONFLICT"]);
  });

  it("is refused to anyone but the group's cotizante or an agent", async () => {
    for (const viewer of [beneficiary, PERSONAS["employer"]]) {
      const result = await stack.query(RETIRE, { viewer, variables: { input: { memberId: PERSONA_FAMILY_IDS.olderChild, reason: "SOLICITUD_DEL_COTIZANTE" } } });
      expect(errorCodes(result)).toEqual(["FORBIDDEN"]);
    }
    const otherFamily = await stack.query(RETIRE, { viewer: member, variables: { input: { memberId: PERSONA_FAMILY_IDS.otherBeneficiary, reason: "SOLICITUD_DEL_COTIZANTE" } } });
    expect(errorCodes(otherFamily)).toEqual(["FORBIDDEN"]);
    expect((await memberDoc(PERSONA_FAMILY_IDS.otherBeneficiary))?.["state"]).toBe("ACTIVO");
    const malformed = await stack.query(RETIRE, { viewer: member, variables: { input: { memberId: "x", reason: "SOLICITUD_DEL_COTIZANTE" } } });
    expect(malformed.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.memberId" });
  });

  it("lets a newborn join once the parents who were beneficiaries are retired", async () => {
    const withGroups = await members().distinct("cotizanteId");
    const lone = await members().findOne({ memberType: "COTIZANTE", state: "ACTIVO", _id: { $nin: withGroups as never[] } });
    const parent = await stack.query<{ addBeneficiary: { id: string } }>(ADD, {
      viewer: agent,
      headers: purpose,
      variables: { input: { cotizanteId: lone?._id, relationship: "PADRE_MADRE", economicDependent: true, person: { documentType: "CC", documentNumber: "31234567", firstName: "Rosa", firstSurname: "Mina", birthDate: yearsAgo(68), sex: "FEMENINO" } } },
    });
    expect(parent.errors).toBeUndefined();
    const newborn = { cotizanteId: lone?._id, relationship: "HIJO", economicDependent: true, person: { documentType: "RC", documentNumber: "1107000123", firstName: "Mateo", firstSurname: "Mina", birthDate: yearsAgo(0), sex: "MASCULINO" } };
    expect(errorCodes(await stack.query(ADD, { viewer: agent, headers: purpose, variables: { input: newborn } }))).toEqual(["CONFLICT"]);

    const retired = await stack.query(RETIRE, { viewer: agent, headers: purpose, variables: { input: { memberId: parent.data?.addBeneficiary.id, reason: "PERDIO_DEPENDENCIA_ECONOMICA" } } });
    expect(retired.errors).toBeUndefined();
    const added = await stack.query(ADD, { viewer: agent, headers: purpose, variables: { input: newborn } });
    expect(added.errors).toBeUndefined();
  });
});

describe("changePrimaryIps with the directory as the source of truth", () => {
  const CHANGE = `mutation($input: ChangePrimaryIpsInput!) { changePrimaryIps(input: $input) { primaryIps { habilitationCode } } }`;
  const jorge = { subject: "user-member-0010", role: "MEMBER" as const, memberId: PERSONA_IDS.otherMember };

  it("refuses a clinic the directory no longer has in the primary network, whatever affiliation's own copy says", async () => {
    const clinics = stack.subgraphs["directory"]!.connection.collection("clinics");
    await clinics.updateOne({ _id: SEED_IPS.caliAlternative as never }, { $set: { active: false } });
    try {
      await members().updateOne({ _id: PERSONA_IDS.otherMember as never }, { $set: { municipalityCode: "76001", primaryIpsCode: SEED_IPS.personaPrimary } });
      const result = await stack.query(CHANGE, { viewer: jorge, variables: { input: { ipsCode: SEED_IPS.caliAlternative } } });
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.ipsCode" });
      expect((await memberDoc(PERSONA_IDS.otherMember))?.["primaryIpsCode"]).toBe(SEED_IPS.personaPrimary);
      // The options offered come from the directory too.
      const options = await stack.query<{ primaryCareOptions: { ips: { habilitationCode: string } }[] }>(`{ primaryCareOptions { ips { habilitationCode } } }`, { viewer: jorge });
      expect(options.data?.primaryCareOptions.map((option) => option.ips.habilitationCode)).not.toContain(SEED_IPS.caliAlternative);
    } finally {
      await clinics.updateOne({ _id: SEED_IPS.caliAlternative as never }, { $set: { active: true } });
    }
  });

  it("changes nothing, and says so, when the directory does not answer", async () => {
    await stack.subgraphs["directory"]!.stop();
    const result = await stack.query(CHANGE, { viewer: jorge, variables: { input: { ipsCode: SEED_IPS.caliAlternative } } });
    expect(errorCodes(result)).toEqual(["UNAVAILABLE"]);
    expect((await memberDoc(PERSONA_IDS.otherMember))?.["primaryIpsCode"]).toBe(SEED_IPS.personaPrimary);
  });
});
