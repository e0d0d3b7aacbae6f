// Novedades of affiliation through the gateway: the end of a job (protección laboral by time with the
// EPS, the family group following), a transfer to another EPS, a death, a TI-to-CC document change that
// keeps the person the same member, and the affiliation summary of both plans in one field.
import { todayInColombia } from "@sos/kit";
import { errorCodes } from "@sos/kit/testing";
import { PERSONAS, PERSONA_EMPLOYER_NIT, PERSONA_FAMILY_IDS, PERSONA_IDS } from "@sos/personas";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStack, type Stack } from "./stack.js";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.close();
});

const agent = PERSONAS["agent"]!;
const PURPOSE = { "x-access-purpose": "Registro de novedades de afiliación" };
const members = () => stack.connection.collection<{ _id: string } & Record<string, unknown>>("members");
const today = todayInColombia();
const yearsAgo = (years: number) => `${Number(today.slice(0, 4)) - years}${today.slice(4)}`;

type Novelty = { memberId: string; state: string; protectionUntil: string | null; beneficiariesAffected: number; message: string };
const END = `mutation($input: EmploymentEndInput!) { reportEmploymentEnd(input: $input) { memberId state protectionUntil beneficiariesAffected message } }`;

describe("the end of a job", () => {
  it("after 12 months to 5 years with the EPS: one month of protección laboral, reported by the employer, the family group following", async () => {
    const candidates = await members().find({ employerNit: PERSONA_EMPLOYER_NIT, cotizanteKind: "DEPENDIENTE", state: "ACTIVO", affiliationDate: { $gt: yearsAgo(5), $lte: yearsAgo(1) } }).toArray();
    expect(candidates.length).toBeGreaterThan(0);
    const groups = await Promise.all(candidates.map((candidate) => members().countDocuments({ cotizanteId: candidate._id, state: { $nin: ["RETIRADO", "AFILIADO_FALLECIDO"] } })));
    // One with a family, when the seed has one: the family must follow.
    const pick = Math.max(0, groups.findIndex((size) => size > 0));
    const dependent = candidates[pick];
    const group = groups[pick]!;
    const ended = await stack.persisted<{ reportEmploymentEnd: Novelty }>("ReportEmploymentEnd", { viewer: PERSONAS["employer"], variables: { input: { memberId: dependent!._id, lastWorkDay: today } } });
    expect(ended.errors).toBeUndefined();
    const oneMonthLater = new Date(`${today}T12:00:00Z`);
    oneMonthLater.setUTCMonth(oneMonthLater.getUTCMonth() + 1);
    // The employer is not told the size of the worker's family.
    expect(ended.data!.reportEmploymentEnd).toMatchObject({ state: "PROTECCION_LABORAL", beneficiariesAffected: null });
    expect(ended.data!.reportEmploymentEnd.message).not.toMatch(/grupo familiar/);
    expect(ended.data!.reportEmploymentEnd.protectionUntil!.slice(0, 7)).toBe(oneMonthLater.toISOString().slice(0, 7));
    expect(await members().findOne({ _id: dependent!._id })).toMatchObject({ state: "PROTECCION_LABORAL", employerNit: null });
    expect(await members().countDocuments({ cotizanteId: dependent!._id, state: "PROTECCION_LABORAL" })).toBe(group);

    // A clinic's rights check: still entitled (health services only).
    const rights = await stack.persisted<{ rightsCheck: { entitled: boolean; state: string } }>("RightsCheck", {
      viewer: PERSONAS["ips"],
      variables: { documentType: dependent!["documentType"], documentNumber: dependent!["documentNumber"] },
    });
    expect(rights.data!.rightsCheck).toMatchObject({ entitled: true, state: "PROTECCION_LABORAL" });

    // Reported twice: the second is refused, nothing changes; the history has it once.
    const again = await stack.query(END, { viewer: agent, headers: PURPOSE, variables: { input: { memberId: dependent!._id, lastWorkDay: today } } });
    expect(errorCodes(again)).toEqual(["CONFLICT"]);
    const history = await stack.persisted<{ member: { stateHistory: { state: string; reason: string; detail: string }[] } }>("MemberNovelties", { viewer: agent, headers: PURPOSE, variables: { id: dependent!._id } });
    expect(history.data!.member.stateHistory.filter((change) => change.reason === "RETIRO_LABORAL")).toEqual([{ state: "PROTECCION_LABORAL", at: expect.any(String), reason: "RETIRO_LABORAL", detail: `Empleador ${PERSONA_EMPLOYER_NIT}` }]);
  });

  it("after 5 years: three months (María Fernanda, with the EPS since 2005)", async () => {
    const ended = await stack.query<{ reportEmploymentEnd: Novelty }>(END, { viewer: agent, headers: PURPOSE, variables: { input: { memberId: PERSONA_IDS.member, lastWorkDay: today } } });
    expect(ended.errors).toBeUndefined();
    expect(ended.data!.reportEmploymentEnd.state).toBe("PROTECCION_LABORAL");
    expect(ended.data!.reportEmploymentEnd.message).toMatch(/3 meses/);
    const summary = await stack.persisted<{ me: { affiliationSummary: { pbs: { state: string; entitled: boolean; protectionUntil: string; explanation: string } } } }>("AffiliationStatus", { viewer: PERSONAS["member"] });
    expect(summary.data!.me.affiliationSummary.pbs).toMatchObject({ state: "PROTECCION_LABORAL", entitled: true, protectionUntil: ended.data!.reportEmploymentEnd.protectionUntil });
    expect(summary.data!.me.affiliationSummary.pbs.explanation).toMatch(/solo servicios de salud/);
    // Her spouse, a beneficiary, follows.
    expect(ended.data!.reportEmploymentEnd.beneficiariesAffected).toBe(3);
    expect(await members().findOne({ _id: PERSONA_IDS.beneficiary })).toMatchObject({ state: "PROTECCION_LABORAL" });
  });

  it("a new job brings her back as the same member, with her time with the EPS and her family", async () => {
    const maria = await members().findOne({ _id: PERSONA_IDS.member });
    const input = {
      person: { documentType: maria!["documentType"], documentNumber: maria!["documentNumber"], firstName: maria!["firstName"], firstSurname: maria!["firstSurname"], birthDate: maria!["birthDate"], sex: maria!["sex"] },
      contact: { email: "maria.nuevo.empleo@correo.example" },
      municipalityCode: "76001",
      regime: "CONTRIBUTIVO",
      cotizanteKind: "INDEPENDIENTE",
      beneficiaries: [{ person: { documentType: "CC", documentNumber: (await members().findOne({ _id: PERSONA_IDS.beneficiary }))!["documentNumber"], firstName: "X", firstSurname: "Y", birthDate: (await members().findOne({ _id: PERSONA_IDS.beneficiary }))!["birthDate"], sex: "MASCULINO" }, relationship: "CONYUGE_COMPANERO" }],
    };
    const filed = await stack.persisted<{ applyForAffiliation: { filingNumber: string } }>("ApplyForAffiliation", { variables: { input } });
    const approved = await stack.persisted<{ approveAffiliationApplication: { memberId: string; beneficiaryIds: string[] } }>("ApproveAffiliationApplication", { viewer: agent, headers: PURPOSE, variables: { filingNumber: filed.data!.applyForAffiliation.filingNumber } });
    expect(approved.errors).toBeUndefined();
    expect(approved.data!.approveAffiliationApplication).toMatchObject({ memberId: PERSONA_IDS.member, beneficiaryIds: [PERSONA_IDS.beneficiary] });
    expect(await members().findOne({ _id: PERSONA_IDS.member })).toMatchObject({ state: "ACTIVO", affiliationDate: maria!["affiliationDate"], protectionUntil: null });
    expect(await members().countDocuments({ cotizanteId: PERSONA_IDS.member, state: "ACTIVO" })).toBe(3);
  });

  it("refuses an employer for someone else's worker, a future last day, and a beneficiary", async () => {
    const stranger = await members().findOne({ employerNit: { $nin: [PERSONA_EMPLOYER_NIT, null] }, cotizanteKind: "DEPENDIENTE", state: "ACTIVO" });
    const forbidden = await stack.query(END, { viewer: PERSONAS["employer"], variables: { input: { memberId: stranger!._id, lastWorkDay: today } } });
    expect(errorCodes(forbidden)).toEqual(["FORBIDDEN"]);
    const future = await stack.query(END, { viewer: agent, headers: PURPOSE, variables: { input: { memberId: stranger!._id, lastWorkDay: "2099-01-01" } } });
    expect(future.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.lastWorkDay" });
    const beneficiary = await stack.query(END, { viewer: agent, headers: PURPOSE, variables: { input: { memberId: PERSONA_FAMILY_IDS.otherBeneficiary, lastWorkDay: today } } });
    expect(errorCodes(beneficiary)).toEqual(["CONFLICT"]);
    expect(await members().findOne({ _id: stranger!._id })).toMatchObject({ state: "ACTIVO" });
  });

  it("with less than 12 months: the affiliation ends with the job", async () => {
    // Someone who joined today, through an application.
    const input = {
      person: { documentType: "CC", documentNumber: "1144400101", firstName: "Duvan", firstSurname: "Mina", birthDate: "1995-04-04", sex: "MASCULINO" },
      contact: { email: "duvan@correo.example" },
      municipalityCode: "76001",
      regime: "CONTRIBUTIVO",
      cotizanteKind: "INDEPENDIENTE",
    };
    const filed = await stack.persisted<{ applyForAffiliation: { filingNumber: string } }>("ApplyForAffiliation", { variables: { input } });
    const approved = await stack.persisted<{ approveAffiliationApplication: { memberId: string } }>("ApproveAffiliationApplication", { viewer: agent, headers: PURPOSE, variables: { filingNumber: filed.data!.applyForAffiliation.filingNumber } });
    const memberId = approved.data!.approveAffiliationApplication.memberId;
    const ended = await stack.query<{ reportEmploymentEnd: Novelty }>(END, { viewer: agent, headers: PURPOSE, variables: { input: { memberId, lastWorkDay: today } } });
    expect(ended.data!.reportEmploymentEnd).toMatchObject({ state: "RETIRADO", protectionUntil: null });
    const history = await stack.persisted<{ member: { stateHistory: { state: string; reason: string }[] } }>("MemberNovelties", { viewer: agent, headers: PURPOSE, variables: { id: memberId } });
    expect(history.data!.member.stateHistory.map((change) => [change.state, change.reason])).toEqual([["RETIRADO", "RETIRO_LABORAL"], ["ACTIVO", "AFILIACION"]]);
  });
});

describe("transfer out and death", () => {
  const TRANSFER = `mutation($input: TransferOutInput!) { reportTransferOut(input: $input) { state beneficiariesAffected } }`;
  const DEATH = `mutation($input: DeathInput!) { reportDeath(input: $input) { state beneficiariesAffected } }`;

  it("moves a cotizante and their group to another EPS; a beneficiary alone cannot move", async () => {
    const cotizanteId = PERSONA_IDS.otherMember;
    const moved = await stack.query<{ reportTransferOut: { state: string; beneficiariesAffected: number } }>(TRANSFER, { viewer: agent, headers: PURPOSE, variables: { input: { memberId: cotizanteId, destinationEps: "EPS037", effectiveDate: today } } });
    expect(moved.errors).toBeUndefined();
    expect(moved.data!.reportTransferOut).toEqual({ state: "RETIRADO", beneficiariesAffected: 1 });
    expect(await members().findOne({ _id: PERSONA_FAMILY_IDS.otherBeneficiary })).toMatchObject({ state: "RETIRADO", retirement: { reason: "TRASLADO_SALIDA" } });
    const alone = await stack.query(TRANSFER, { viewer: agent, headers: PURPOSE, variables: { input: { memberId: PERSONA_FAMILY_IDS.olderChild, destinationEps: "EPS037", effectiveDate: today } } });
    expect(errorCodes(alone)).toEqual(["CONFLICT"]);
    const badCode = await stack.query(TRANSFER, { viewer: agent, headers: PURPOSE, variables: { input: { memberId: cotizanteId, destinationEps: "Sura", effectiveDate: today } } });
    expect(badCode.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.destinationEps" });
    // Only agents register a transfer.
    expect(errorCodes(await stack.query(TRANSFER, { viewer: PERSONAS["member"], variables: { input: { memberId: cotizanteId, destinationEps: "EPS037", effectiveDate: today } } }))).toEqual(["FORBIDDEN"]);
  });

  /** A generated cotizante, active, with at least one beneficiary in the group, not yet used by a test. */
  async function cotizanteWithFamily(skip: number) {
    const beneficiaries = await members().find({ memberType: "BENEFICIARIO", state: "ACTIVO", cotizanteId: { $not: /^5e05a0/ } as never }).toArray();
    const cotizanteIds = [...new Set(beneficiaries.map((beneficiary) => beneficiary["cotizanteId"] as string))];
    const active = await members().find({ _id: { $in: cotizanteIds }, state: "ACTIVO", employerNit: { $ne: PERSONA_EMPLOYER_NIT } }).sort({ _id: 1 }).toArray();
    return active[skip]!;
  }

  it("records a cotizante's death once; the beneficiaries still in the group are retired", async () => {
    const cotizante = await cotizanteWithFamily(0);
    const group = await members().countDocuments({ cotizanteId: cotizante._id, state: { $nin: ["RETIRADO", "AFILIADO_FALLECIDO"] } });
    expect(group).toBeGreaterThan(0);
    const future = await stack.query(DEATH, { viewer: agent, headers: PURPOSE, variables: { input: { memberId: cotizante!._id, dateOfDeath: "2099-01-01" } } });
    expect(future.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.dateOfDeath" });
    const died = await stack.query<{ reportDeath: { state: string; beneficiariesAffected: number } }>(DEATH, { viewer: agent, headers: PURPOSE, variables: { input: { memberId: cotizante!._id, dateOfDeath: today } } });
    expect(died.data!.reportDeath).toEqual({ state: "AFILIADO_FALLECIDO", beneficiariesAffected: group });
    expect(await members().countDocuments({ cotizanteId: cotizante!._id, state: "RETIRADO", "retirement.reason": "FALLECIMIENTO_COTIZANTE" })).toBe(group);
    expect(errorCodes(await stack.query(DEATH, { viewer: agent, headers: PURPOSE, variables: { input: { memberId: cotizante!._id, dateOfDeath: today } } }))).toEqual(["CONFLICT"]);
    // A deceased member does not come back through an application.
    const APPLY = `mutation($input: AffiliationApplicationInput!) { applyForAffiliation(input: $input) { filingNumber } }`;
    const input = {
      person: { documentType: cotizante!["documentType"], documentNumber: cotizante!["documentNumber"], firstName: cotizante!["firstName"], firstSurname: cotizante!["firstSurname"], birthDate: cotizante!["birthDate"], sex: cotizante!["sex"] },
      contact: { email: "suplantacion@correo.example" },
      municipalityCode: "76001",
      regime: "CONTRIBUTIVO",
      cotizanteKind: "INDEPENDIENTE",
    };
    const filed = await stack.query<{ applyForAffiliation: { filingNumber: string } }>(APPLY, { variables: { input } });
    expect(await stack.connection.collection("affiliation_applications").findOne({ filingNumber: filed.data!.applyForAffiliation.filingNumber })).toMatchObject({ status: "DUPLICADA", duplicateReason: "YA_AFILIADO" });
  });

  it("two novedades at once on one cotizante: exactly one applies", async () => {
    for (const round of [1, 2, 3]) {
      const cotizante = await cotizanteWithFamily(round);
      const [death, transfer] = await Promise.all([
        stack.query(DEATH, { viewer: agent, headers: PURPOSE, variables: { input: { memberId: cotizante._id, dateOfDeath: today } } }),
        stack.query(TRANSFER, { viewer: agent, headers: PURPOSE, variables: { input: { memberId: cotizante._id, destinationEps: "EPS037", effectiveDate: today } } }),
      ]);
      const outcomes = [errorCodes(death)[0] ?? "OK", errorCodes(transfer)[0] ?? "OK"];
      expect(outcomes.sort()).toEqual(["CONFLICT", "OK"]);
      const after = await members().findOne({ _id: cotizante._id });
      const history = (after!["stateHistory"] as { reason: string }[]).map((change) => change.reason);
      expect(history.filter((reason) => reason === "FALLECIMIENTO" || reason === "TRASLADO_SALIDA")).toHaveLength(1);
      expect(after!["state"]).toBe(errorCodes(death).length === 0 ? "AFILIADO_FALLECIDO" : "RETIRADO");
    }
  });
});

describe("a document change, TI to CC", () => {
  const CHANGE = "ChangeMemberDocument";
  type Changed = { changeMemberDocument: { id: string; documentType: string; documentNumber: string; documentHistory: { documentType: string; documentNumber: string }[] } };

  it("keeps the same member: history, family group and other subgraphs' records follow", async () => {
    const son = PERSONA_FAMILY_IDS.olderChild;
    const before = await members().findOne({ _id: son });
    expect(before!["documentType"]).toBe("TI");
    // Under 18 the document is still a TI.
    const tooYoung = await stack.persisted(CHANGE, { viewer: agent, headers: PURPOSE, variables: { input: { memberId: son, documentType: "CC", documentNumber: "1144400001" } } });
    expect(tooYoung.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.documentType" });

    // Time passes: he turns 18 today.
    await members().updateOne({ _id: son }, { $set: { birthDate: yearsAgo(18) } });
    const READ = `query($id: ID!) { member(id: $id) { id primaryIpsHistory { since } familyGroup { cotizante { id } } authorizations { totalCount } } }`;
    const recordsBefore = await stack.query(READ, { viewer: agent, headers: PURPOSE, variables: { id: son } });
    expect(recordsBefore.errors).toBeUndefined();

    const changed = await stack.persisted<Changed>(CHANGE, { viewer: agent, headers: PURPOSE, variables: { input: { memberId: son, documentType: "CC", documentNumber: "1144400001" } } });
    expect(changed.errors).toBeUndefined();
    expect(changed.data!.changeMemberDocument).toEqual({ id: son, documentType: "CC", documentNumber: "1144400001", documentHistory: [{ documentType: "TI", documentNumber: before!["documentNumber"], until: expect.any(String) }] });

    const recordsAfter = await stack.query(READ, { viewer: agent, headers: PURPOSE, variables: { id: son } });
    expect(recordsAfter.data).toEqual(recordsBefore.data);
    const byNewDocument = await stack.query<{ memberByDocument: { id: string } }>(`{ memberByDocument(documentType: CC, documentNumber: "1144400001") { id } }`, { viewer: agent, headers: PURPOSE });
    expect(byNewDocument.data!.memberByDocument.id).toBe(son);
    expect(await members().countDocuments({ documentNumber: before!["documentNumber"] })).toBe(0);
  });

  it("refuses another member's document and the document the member already has", async () => {
    const maria = await members().findOne({ _id: PERSONA_IDS.member });
    const taken = await stack.persisted(CHANGE, { viewer: agent, headers: PURPOSE, variables: { input: { memberId: PERSONA_IDS.beneficiary, documentType: "CC", documentNumber: maria!["documentNumber"] } } });
    expect(errorCodes(taken)).toEqual(["CONFLICT"]);
    const same = await stack.persisted(CHANGE, { viewer: agent, headers: PURPOSE, variables: { input: { memberId: PERSONA_IDS.member, documentType: maria!["documentType"], documentNumber: maria!["documentNumber"] } } });
    expect(same.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.documentNumber" });
    expect(errorCodes(await stack.persisted(CHANGE, { viewer: PERSONAS["member"], variables: { input: { memberId: PERSONA_IDS.member, documentType: "CC", documentNumber: "1144400002" } } }))).toEqual(["FORBIDDEN"]);
  });
});

describe("the affiliation summary, PBS and PAC in one field", () => {
  type Summary = { pbs: { state: string; entitled: boolean } | null; pac: { state: string; holder: boolean; plan: string | null; overdueAmount: number | null } | null };

  it("shows the PAC the member holds or is covered by, and not to the employer", async () => {
    // Her younger daughter is covered by her PAC contract; the daughter's own summary says so, as a beneficiary of the contract.
    const READ = `query($id: ID!) { member(id: $id) { affiliationSummary { pbs { state entitled } pac { state holder plan overdueAmount } } } }`;
    const daughter = await stack.query<{ member: { affiliationSummary: Summary } }>(READ, { viewer: PERSONAS["member"], variables: { id: PERSONA_FAMILY_IDS.youngerChild } });
    expect(daughter.errors).toBeUndefined();
    expect(daughter.data!.member.affiliationSummary.pac).toMatchObject({ state: "ACTIVO", holder: false, overdueAmount: null });
    const mine = await stack.persisted<{ me: { affiliationSummary: Summary } }>("AffiliationStatus", { viewer: PERSONAS["member"] });
    expect(mine.data!.me.affiliationSummary.pac).toMatchObject({ state: "ACTIVO", holder: true });
    expect(typeof mine.data!.me.affiliationSummary.pac!.overdueAmount).toBe("number");

    // The spouse has no PAC of his own.
    const spouse = await stack.persisted<{ me: { affiliationSummary: Summary } }>("AffiliationStatus", { viewer: PERSONAS["beneficiary"] });
    expect(spouse.data!.me.affiliationSummary.pac).toMatchObject({ state: "SIN_PAC", plan: null });

    // The employer sees its dependent's PBS state, never the PAC (a private contract).
    const dependent = await members().findOne({ employerNit: PERSONA_EMPLOYER_NIT, state: "ACTIVO" });
    const employer = await stack.query<{ member: { affiliationSummary: Summary } }>(READ, { viewer: PERSONAS["employer"], variables: { id: dependent!._id } });
    expect(employer.data!.member.affiliationSummary.pbs).toEqual({ state: "ACTIVO", entitled: true });
    expect(employer.data!.member.affiliationSummary.pac).toBeNull();
    expect(errorCodes(employer)).toEqual(["FORBIDDEN"]);
  });
});
