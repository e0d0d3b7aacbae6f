// Authorizations through the gateway (docs/authorizations.md): who sees which request, how one is filed,
// decided once, and tracked against its legal deadline; every read of a diagnosis in the ledger.
import { PERSONAS, PERSONA_FAMILY_IDS, SEED_IPS } from "@sos/personas";
import { authorizationRequest } from "./fixtures.js";
import { TEST_GATEWAY_SECRET, errorCodes, graphqlRequest, type GraphqlResult } from "@sos/kit/testing";
import type { Viewer } from "@sos/kit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countCommands, startStack, type Stack } from "./stack.js";

let stack: Stack;
const family = PERSONA_FAMILY_IDS;
const AGENT = { "x-access-purpose": "Auditoría de autorizaciones" };
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.close();
});

type Node = { number: string; state: string; diagnoses?: { code: string }[]; overdue?: boolean; requestingIps?: { habilitationCode: string } };
const LIST = `query($id: ID!) { member(id: $id) { id authorizations(first: 20) { totalCount nodes { number state overdue diagnoses { code system } } } } }`;
const listOf = (result: GraphqlResult<unknown>): Node[] => (result.data as { member?: { authorizations?: { nodes: Node[] } | null } } | null)?.member?.authorizations?.nodes ?? [];
// The authorizations subgraph's reads are in the access ledger (its actions are its own: AUTHORIZATION_*, MIPRES_*).
const ledger = () => stack.ledger();
const authorizations = () => stack.subgraphs["authorizations"]!.connection.collection("authorizations");

const REQUEST = `mutation($input: RequestAuthorizationInput!) { requestAuthorization(input: $input) {
  number state holder payer filedAt deadline { rule requestClass amount unit dueAt } diagnoses { code description } items { cupsCode description } } }`;
const request = authorizationRequest;
const file = (viewer: Viewer, input: Record<string, unknown>) => stack.query<{ requestAuthorization: Record<string, unknown> & { number: string } }>(REQUEST, { viewer, variables: { input } });
/** A support document the clinic uploads for the patient through the gateway, as it does before sending it (docs/uploads.md). */
async function clinicUpload(memberId = family.member): Promise<string> {
  const pdf = Buffer.from("%PDF-1.4\n% historia clínica (prueba)\n%%EOF\n");
  const ticket = await stack.persisted<{ requestAuthorizationAttachmentUpload: { uploadId: string; uploadPath: string } }>("RequestAuthorizationAttachmentUpload", {
    viewer: PERSONAS["ips"],
    variables: { memberId, contentType: "PDF", size: pdf.length },
  });
  expect(ticket.errors, JSON.stringify(ticket.errors)).toBeUndefined();
  const response = await fetch(`${stack.gatewayBase}${ticket.data!.requestAuthorizationAttachmentUpload.uploadPath}`, { method: "PUT", body: pdf });
  expect(response.status).toBe(201);
  return ticket.data!.requestAuthorizationAttachmentUpload.uploadId;
}

describe("who sees an authorization", () => {
  it("shows María Fernanda her own and her young daughter's, with diagnoses, and records each read", async () => {
    const own = await stack.query(LIST, { viewer: PERSONAS["member"], variables: { id: family.member } });
    expect(own.errors).toBeUndefined();
    expect(listOf(own).length).toBeGreaterThanOrEqual(3);
    expect(listOf(own).flatMap((node) => node.diagnoses ?? []).map((d) => d.code)).toContain("I10X");
    const child = await stack.query(LIST, { viewer: PERSONAS["member"], variables: { id: family.youngerChild } });
    expect(child.errors).toBeUndefined();
    expect(listOf(child).map((node) => node.diagnoses?.[0]?.code)).toContain("J459");
    const entries = await ledger().find({ "actor.subject": PERSONAS["member"]!.subject, action: "AUTHORIZATION_DIAGNOSIS_READ" }).toArray();
    expect(entries.map((entry) => entry["subjectMemberId"]).sort()).toEqual([family.member, family.youngerChild].sort());
  });

  it("does not show her her adult spouse's requests or diagnoses", async () => {
    const spouse = await stack.query(LIST, { viewer: PERSONAS["member"], variables: { id: family.beneficiary } });
    expect(errorCodes(spouse)).toContain("FORBIDDEN");
    expect(listOf(spouse)).toEqual([]);
    const [number] = (await authorizations().find({ memberId: family.beneficiary }).toArray()).map((doc) => doc._id);
    const one = await stack.query(`query($n: ID!) { authorization(number: $n) { number diagnoses { code } } }`, { viewer: PERSONAS["member"], variables: { n: number } });
    expect(errorCodes(one)).toEqual(["FORBIDDEN"]);
    expect(one.data?.["authorization"] ?? null).toBeNull();
  });

  it("never shows an employer or an analyst an authorization", async () => {
    const employer = await stack.query(`{ employer(nit: "900123456-8") { dependents(first: 5) { nodes { id authorizations { nodes { number } } } } } }`, { viewer: PERSONAS["employer"] });
    expect(errorCodes(employer).length).toBeGreaterThan(0);
    expect(errorCodes(employer).every((code) => code === "FORBIDDEN")).toBe(true);
    const analyst = await stack.query(`query($id: ID!) { authorizations(memberId: $id) { nodes { number } } }`, { viewer: PERSONAS["analyst"], variables: { id: family.member } });
    expect(errorCodes(analyst)).toEqual(["FORBIDDEN"]);
  });

  it("shows a clinic its inbox and nothing else: not another clinic's request, not its patient's other requests", async () => {
    const inbox = await stack.persisted<{ ipsAuthorizationInbox: { nodes: Node[] } }>("AuthorizationInbox", { viewer: PERSONAS["ips"], variables: { box: "SOLICITADAS", first: 50 } });
    expect(inbox.errors).toBeUndefined();
    const nodes = inbox.data!.ipsAuthorizationInbox.nodes;
    expect(nodes.length).toBeGreaterThan(0);
    expect(nodes.every((node) => node.requestingIps?.habilitationCode === SEED_IPS.personaPrimary)).toBe(true);
    const foreign = await authorizations().findOne({ requestingIpsCode: { $ne: SEED_IPS.personaPrimary }, destinationIpsCode: { $ne: SEED_IPS.personaPrimary } });
    const other = await stack.persisted("AuthorizationByNumber", { viewer: PERSONAS["ips"], variables: { number: foreign!._id } });
    expect(errorCodes(other)).toEqual(["FORBIDDEN"]);
    // Ad-hoc queries are not the clinic's to send, and its patient's list is not its inbox.
    const list = await stack.query(LIST, { viewer: PERSONAS["ips"], variables: { id: family.member } });
    expect(errorCodes(list)).toEqual(["PERSISTED_QUERY_NOT_IN_LIST"]);
    const addressed = await stack.persisted<{ ipsAuthorizationInbox: { nodes: Node[] } }>("AuthorizationInbox", {
      viewer: { ...PERSONAS["ips"]!, subject: "user-ips-cambulos", ipsCode: SEED_IPS.caliSpecialised },
      variables: { box: "DIRIGIDAS" },
    });
    expect(addressed.errors).toBeUndefined();
    expect(addressed.data!.ipsAuthorizationInbox.nodes.length).toBeGreaterThan(0);
  });
});

describe("filing a request", () => {
  it("files a member's request with its governing rule and deadline, and a retry returns the same number", async () => {
    const input = request({ idempotencyKey: "maria-cardio-0001" });
    const first = await file(PERSONAS["member"]!, input);
    expect(first.errors).toBeUndefined();
    const filed = first.data!.requestAuthorization as { number: string; state: string; holder: string; payer: string; filedAt: string; deadline: { rule: string; requestClass: string; amount: number; unit: string; dueAt: string } };
    expect(filed).toMatchObject({ state: "RADICADA", holder: "EPS", payer: "EPS", deadline: { rule: "RES_2335_2023", requestClass: "ELECTIVA", amount: 5, unit: "DIAS_CALENDARIO" } });
    expect(filed.number).toMatch(/^AUT-\d{4}-\d{7}$/);
    expect(Date.parse(filed.deadline.dueAt) - Date.parse(filed.filedAt)).toBe(5 * 24 * 3_600_000);
    const again = await file(PERSONAS["member"]!, input);
    expect(again.data!.requestAuthorization.number).toBe(filed.number);
    expect(await authorizations().countDocuments({ idempotencyKey: `${PERSONAS["member"]!.subject}:maria-cardio-0001` })).toBe(1);
  });

  it("gives a prioritised or special-protection request 2 calendar days, and says the ARL pays a work-related one", async () => {
    const prioritised = await file(PERSONAS["member"]!, request({ specialProtection: ["GESTANTE"] }));
    expect(prioritised.data!.requestAuthorization).toMatchObject({ deadline: { requestClass: "PRIORIZADA", amount: 2, unit: "DIAS_CALENDARIO" } });
    const work = await file(PERSONAS["member"]!, request({ origin: "LABORAL" }));
    expect(work.data!.requestAuthorization).toMatchObject({ payer: "ARL" });
    const afterEmergency = await file(PERSONAS["member"]!, request({ setting: "URGENCIAS", afterEmergency: true }));
    expect(afterEmergency.data!.requestAuthorization).toMatchObject({ deadline: { requestClass: "POST_URGENCIA", amount: 2, unit: "HORAS" } });
  });

  it("refuses initial emergency care in Spanish, citing the law, and writes nothing", async () => {
    const before = await authorizations().countDocuments();
    const bySetting = await file(PERSONAS["member"]!, request({ setting: "URGENCIAS" }));
    expect(errorCodes(bySetting)).toEqual(["BAD_USER_INPUT"]);
    expect(bySetting.errors?.[0]?.extensions?.["field"]).toBe("input.setting");
    expect(bySetting.errors?.[0]?.message).toMatch(/atención inicial de urgencias no requiere autorización \(Ley 1751/);
    const byCode = await file(PERSONAS["member"]!, request({ items: [{ cupsCode: "890701", quantity: 1 }] }));
    expect(byCode.errors?.[0]?.extensions?.["field"]).toBe("input.items.0.cupsCode");
    expect(await authorizations().countDocuments()).toBe(before);
  });

  it("checks codes against the catalogues, not only their format, naming the field", async () => {
    const before = await authorizations().countDocuments();
    const cups = await file(PERSONAS["member"]!, request({ items: [{ cupsCode: "890228", quantity: 1 }, { cupsCode: "999999", quantity: 1 }] }));
    expect(cups.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.items.1.cupsCode" });
    const cie = await file(PERSONAS["member"]!, request({ diagnoses: [{ code: "Z999" }] }));
    expect(cie.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.diagnoses.0.code" });
    const format = await file(PERSONAS["member"]!, request({ diagnoses: [{ code: "hipertension" }], items: [{ cupsCode: "12", quantity: 0 }] }));
    const fields = (format.errors?.[0]?.extensions?.["problems"] as { field: string }[]).map((problem) => problem.field);
    expect(fields).toEqual(expect.arrayContaining(["input.diagnoses.0.code", "input.items.0.cupsCode", "input.items.0.quantity"]));
    expect(await authorizations().countDocuments()).toBe(before);
  });

  it("lets a member file for a minor in her care but not for her adult spouse; a clinic files only in its own name", async () => {
    const child = await file(PERSONAS["member"]!, request({ memberId: family.youngerChild, diagnoses: [{ code: "J459" }], items: [{ cupsCode: "890283", quantity: 1 }] }));
    expect(child.errors).toBeUndefined();
    const spouse = await file(PERSONAS["member"]!, request({ memberId: family.beneficiary }));
    expect(errorCodes(spouse)).toEqual(["FORBIDDEN"]);
    const clinic = await stack.persisted<{ requestAuthorization: { number: string; state: string } }>("RequestAuthorization", {
      viewer: PERSONAS["ips"],
      variables: { input: request({ memberId: family.otherMember, requestingIpsCode: undefined }) },
    });
    expect(clinic.errors).toBeUndefined();
    expect(clinic.data!.requestAuthorization.state).toBe("RADICADA");
    const impostor = await stack.persisted("RequestAuthorization", { viewer: PERSONAS["ips"], variables: { input: request({ requestingIpsCode: SEED_IPS.caliAlternative }) } });
    expect(impostor.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.requestingIpsCode" });
  });
});

const DECIDE = `mutation($input: DecideAuthorizationInput!) { decideAuthorization(input: $input) {
  number state holder validUntil destinationIps { habilitationCode } answeredLate
  items { cupsCode approvedQuantity charge { kind amount rate capPerEvent } }
  history { from to role note } } }`;
const agent = PERSONAS["agent"]!;

describe("deciding a request", () => {
  const validUntil = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);

  it("needs an agent with a stated purpose", async () => {
    const filed = await file(PERSONAS["member"]!, request());
    const number = filed.data!.requestAuthorization.number;
    const noPurpose = await stack.query(`mutation($n: ID!) { startAuthorizationAudit(number: $n) { state } }`, { viewer: agent, variables: { n: number } });
    expect(errorCodes(noPurpose)).toEqual(["FORBIDDEN"]);
    const member = await stack.query(`mutation($n: ID!) { startAuthorizationAudit(number: $n) { state } }`, { viewer: PERSONAS["member"], variables: { n: number } });
    expect(errorCodes(member)).toEqual(["FORBIDDEN"]);
  });

  it("lets one of two agents deciding at once win; the other gets CONFLICT, and the history says who and when", async () => {
    const filed = await file(PERSONAS["member"]!, request());
    const number = filed.data!.requestAuthorization.number;
    const audit = await stack.query(`mutation($n: ID!) { startAuthorizationAudit(number: $n) { state holder } }`, { viewer: agent, headers: AGENT, variables: { n: number } });
    expect(audit.data?.["startAuthorizationAudit"]).toEqual({ state: "EN_AUDITORIA", holder: "EPS" });
    const approve = { number, decision: "APROBADA", destinationIpsCode: SEED_IPS.caliSpecialised, validUntil };
    const deny = { number, decision: "NEGADA", reason: "No cumple criterios de pertinencia" };
    const [a, b] = await Promise.all([
      stack.query(DECIDE, { viewer: agent, headers: AGENT, variables: { input: approve } }),
      stack.query(DECIDE, { viewer: { ...agent, subject: "user-agent-0002" }, headers: AGENT, variables: { input: deny } }),
    ]);
    const outcomes = [errorCodes(a)[0] ?? "OK", errorCodes(b)[0] ?? "OK"].sort();
    expect(outcomes).toEqual(["CONFLICT", "OK"]);
    const stored = await authorizations().findOne({ _id: number as never });
    expect(stored!["history"].map((entry: { to: string }) => entry.to)).toEqual(["RADICADA", "EN_AUDITORIA", stored!["state"]]);
    expect(stored!["history"][2]).toMatchObject({ role: "AGENT", from: "EN_AUDITORIA" });
  });

  it("approves with a destination, a validity and what the member pays for each item", async () => {
    const filed = await file(PERSONAS["member"]!, request({ items: [{ cupsCode: "890228", quantity: 1 }] }));
    const number = filed.data!.requestAuthorization.number;
    await stack.query(`mutation($n: ID!) { startAuthorizationAudit(number: $n) { state } }`, { viewer: agent, headers: AGENT, variables: { n: number } });
    const missing = await stack.query(DECIDE, { viewer: agent, headers: AGENT, variables: { input: { number, decision: "APROBADA" } } });
    expect(errorCodes(missing)).toEqual(["BAD_USER_INPUT"]);
    const noReason = await stack.query(DECIDE, { viewer: agent, headers: AGENT, variables: { input: { number, decision: "NEGADA" } } });
    expect(noReason.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.reason" });
    const approved = await stack.query<{ decideAuthorization: { state: string; holder: string; validUntil: string; destinationIps: { habilitationCode: string }; items: { charge: { kind: string; amount: number } }[] } }>(DECIDE, {
      viewer: agent,
      headers: AGENT,
      variables: { input: { number, decision: "APROBADA", destinationIpsCode: SEED_IPS.caliSpecialised, validUntil } },
    });
    expect(approved.errors).toBeUndefined();
    expect(approved.data!.decideAuthorization).toMatchObject({ state: "APROBADA", holder: "IPS_DESTINO", validUntil, destinationIps: { habilitationCode: SEED_IPS.caliSpecialised } });
    // María Fernanda is a cotizante in income band 2: a consultation carries that band's cuota moderadora.
    expect(approved.data!.decideAuthorization.items[0]!.charge).toMatchObject({ kind: "CUOTA_MODERADORA", amount: 20_900 });
    // Only the destination clinic records the use; a decided request cannot be decided again.
    const wrongClinic = await stack.persisted("MarkAuthorizationUsed", { viewer: PERSONAS["ips"], variables: { number } });
    expect(errorCodes(wrongClinic)).toEqual(["FORBIDDEN"]);
    const used = await stack.persisted<{ markAuthorizationUsed: { state: string } }>("MarkAuthorizationUsed", {
      viewer: { ...PERSONAS["ips"]!, subject: "user-ips-cambulos", ipsCode: SEED_IPS.caliSpecialised },
      variables: { number },
    });
    expect(used.data?.markAuthorizationUsed.state).toBe("UTILIZADA");
    const again = await stack.query(DECIDE, { viewer: agent, headers: AGENT, variables: { input: { number, decision: "NEGADA", reason: "Cambio de criterio" } } });
    expect(errorCodes(again)).toEqual(["CONFLICT"]);
  });

  it("asks the requesting clinic for documents, and their arrival returns the request to audit with a new deadline", async () => {
    const filed = await file(PERSONAS["member"]!, request());
    const number = filed.data!.requestAuthorization.number;
    await stack.query(`mutation($n: ID!) { startAuthorizationAudit(number: $n) { state } }`, { viewer: agent, headers: AGENT, variables: { n: number } });
    const pending = await stack.query<{ decideAuthorization: { state: string; holder: string } }>(DECIDE, { viewer: agent, headers: AGENT, variables: { input: { number, decision: "PENDIENTE_DOCS", reason: "Falta la historia clínica" } } });
    expect(pending.data?.decideAuthorization).toMatchObject({ state: "PENDIENTE_DOCS", holder: "IPS_SOLICITANTE" });
    const sent = await stack.persisted<{ sendAuthorizationDocuments: { state: string; dueAt: string } }>("SendAuthorizationDocuments", { viewer: PERSONAS["ips"], variables: { number, attachments: [await clinicUpload()] } });
    expect(sent.errors).toBeUndefined();
    expect(sent.data!.sendAuthorizationDocuments.state).toBe("EN_AUDITORIA");
    expect(Date.parse(sent.data!.sendAuthorizationDocuments.dueAt)).toBeGreaterThan(Date.now() + 4 * 86_400_000);
  });
});

describe("what only the right party may do", () => {
  it("accepts documents only for a request that asked for them, and only from the clinic or an agent", async () => {
    const filed = await file(PERSONAS["member"]!, request());
    const number = filed.data!.requestAuthorization.number;
    const document = await clinicUpload();
    const early = await stack.persisted("SendAuthorizationDocuments", { viewer: PERSONAS["ips"], variables: { number, attachments: [document] } });
    expect(errorCodes(early)).toEqual(["CONFLICT"]);
    const byMember = await stack.query(`mutation($n: ID!, $a: [String!]!) { sendAuthorizationDocuments(number: $n, attachments: $a) { state } }`, { viewer: PERSONAS["member"], variables: { n: number, a: [document] } });
    expect(errorCodes(byMember)).toEqual(["FORBIDDEN"]);
    // Refused calls take nothing: the document is still free for a request.
    expect(await stack.subgraphs["authorizations"]!.connection.collection("uploads").findOne({ _id: document as never })).toMatchObject({ state: "CARGADO", referencedBy: null });
  });

  it("refuses a clinic the directory does not list as active, as requester or as destination", async () => {
    const inactive = await file(PERSONAS["member"]!, request({ requestingIpsCode: SEED_IPS.caliInactive }));
    expect(inactive.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.requestingIpsCode" });
    const filed = await file(PERSONAS["member"]!, request());
    const number = filed.data!.requestAuthorization.number;
    await stack.query(`mutation($n: ID!) { startAuthorizationAudit(number: $n) { state } }`, { viewer: agent, headers: AGENT, variables: { n: number } });
    const validUntil = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const approval = await stack.query(DECIDE, { viewer: agent, headers: AGENT, variables: { input: { number, decision: "APROBADA", destinationIpsCode: "760010099901", validUntil } } });
    expect(approval.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.destinationIpsCode" });
  });

  it("gives a hospital stay after an emergency the 2-hour deadline", async () => {
    const stay = await file(PERSONAS["member"]!, request({ setting: "HOSPITALARIO", afterEmergency: true }));
    expect(stay.data!.requestAuthorization).toMatchObject({ deadline: { requestClass: "POST_URGENCIA", amount: 2, unit: "HORAS" } });
  });
});

describe("a partial approval", () => {
  it("approves some items, denies the rest with a reason, and charges only what was approved", async () => {
    const filed = await file(PERSONAS["member"]!, request({ items: [{ cupsCode: "890228", quantity: 1 }, { cupsCode: "931001", quantity: 20 }] }));
    const number = filed.data!.requestAuthorization.number;
    const validUntil = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    await stack.query(`mutation($n: ID!) { startAuthorizationAudit(number: $n) { state } }`, { viewer: agent, headers: AGENT, variables: { n: number } });
    const base = { number, decision: "APROBADA_PARCIAL", destinationIpsCode: SEED_IPS.caliSpecialised, validUntil };
    const noReason = await stack.query(DECIDE, { viewer: agent, headers: AGENT, variables: { input: { ...base, items: [{ cupsCode: "931001", approvedQuantity: 10 }] } } });
    expect(noReason.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.items.0.denialReason" });
    const everything = await stack.query(DECIDE, { viewer: agent, headers: AGENT, variables: { input: { ...base, items: [{ cupsCode: "890228", approvedQuantity: 1 }, { cupsCode: "931001", approvedQuantity: 20 }] } } });
    expect(everything.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.items" });
    const partial = await stack.query<{ decideAuthorization: { state: string; items: { cupsCode: string; approvedQuantity: number; charge: { kind: string } | null }[] } }>(DECIDE, {
      viewer: agent,
      headers: AGENT,
      variables: { input: { ...base, items: [{ cupsCode: "890228", approvedQuantity: 1 }, { cupsCode: "931001", approvedQuantity: 0, denialReason: "Se autorizan primero 10 sesiones en otra orden" }] } },
    });
    expect(partial.errors).toBeUndefined();
    expect(partial.data!.decideAuthorization.state).toBe("APROBADA_PARCIAL");
    const [consult, therapy] = partial.data!.decideAuthorization.items;
    expect(consult).toMatchObject({ approvedQuantity: 1, charge: { kind: "CUOTA_MODERADORA" } });
    expect(therapy).toMatchObject({ approvedQuantity: 0, charge: null });
  });
});

describe("the member's screens, as the apps send them", () => {
  it("runs the trusted MemberAuthorizations and MyMedicines documents, clinics' names joined from the directory", async () => {
    const list = await stack.persisted<{ authorizations: { totalCount: number } }>("MemberAuthorizations", { viewer: PERSONAS["member"], variables: { memberId: family.member, first: 5 } });
    expect(list.errors).toBeUndefined();
    expect(list.data!.authorizations.totalCount).toBeGreaterThanOrEqual(3);
    const medicines = await stack.persisted<{ me: { mipresPrescriptions: { nodes: { technologies: { dispenser: { name: string } | null }[] }[] }; pendingDeliveries: { nodes: { statusText: string }[] } } }>("MyMedicines", { viewer: PERSONAS["member"] });
    expect(medicines.errors).toBeUndefined();
    expect(medicines.data!.me.mipresPrescriptions.nodes[0]!.technologies[0]!.dispenser?.name).toBe("IPS Samán del Valle");
    expect(medicines.data!.me.pendingDeliveries.nodes.map((node) => node.statusText).join(" ")).toMatch(/48 horas|vencid/i);
  });
});

describe("deadlines", () => {
  it("shows María Fernanda's request in audit for 9 days as overdue, and agents see the queue in deadline order", async () => {
    const own = listOf(await stack.query(LIST, { viewer: PERSONAS["member"], variables: { id: family.member } }));
    expect(own.some((node) => node.state === "EN_AUDITORIA" && node.overdue)).toBe(true);
    const queue = await stack.query<{ authorizationQueue: { nodes: { number: string; dueAt: string; overdue: boolean; state: string }[] } }>(
      `{ authorizationQueue(first: 50, overdueOnly: true) { nodes { number dueAt overdue state } } }`,
      { viewer: agent, headers: AGENT },
    );
    expect(queue.errors).toBeUndefined();
    const nodes = queue.data!.authorizationQueue.nodes;
    expect(nodes.length).toBeGreaterThan(0);
    expect(nodes.every((node) => node.overdue && ["RADICADA", "EN_AUDITORIA"].includes(node.state))).toBe(true);
    const due = nodes.map((node) => Date.parse(node.dueAt));
    expect(due).toEqual([...due].sort((x, y) => x - y));
  });
});

describe("Member.authorizations for a list of members", () => {
  /** `count` dependents of María Fernanda's employer, cloned from a seeded member, each with two requests. */
  async function dependents(count: number): Promise<void> {
    const members = stack.connection.collection("members");
    const template = await members.findOne({ memberType: "COTIZANTE", employerNit: { $type: "string" }, state: "ACTIVO" });
    const seeded = await authorizations().findOne({ memberId: family.member });
    const clones = Array.from({ length: count }, (_, i) => ({ ...template, _id: `d${"0".repeat(17)}${String(i).padStart(6, "0")}`, documentNumber: String(9_300_000_000 + i), employerNit: "900123456", sortKey: `aaa-clone-${String(i).padStart(6, "0")}` }));
    await members.insertMany(clones as never[]);
    await authorizations().insertMany(
      clones.flatMap((clone, i) => [0, 1].map((n) => ({ ...seeded, _id: `AUT-CLONE-${i}-${n}`, idempotencyKey: `auto:AUT-CLONE-${i}-${n}`, memberId: clone._id, sortKey: `2026-01-0${n + 1}T00:00:00.000Z:AUT-CLONE-${i}-${n}` }))) as never[],
    );
  }

  it("costs the same database commands for 10 and for 100 members", async () => {
    await dependents(100);
    const QUERY = `query($first: Int) { employer(nit: "900123456-8") { dependents(first: $first) { nodes { id authorizations(first: 3) { totalCount nodes { number state } } } } } }`;
    const counts: Record<number, number> = {};
    for (const first of [10, 100]) {
      const { count } = await countCommands(stack.subgraphs["authorizations"]!.connection, async () => {
        const result = await stack.query<{ employer: { dependents: { nodes: { authorizations: { nodes: unknown[] } }[] } } }>(QUERY, { viewer: agent, headers: AGENT, variables: { first } });
        expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
        const nodes = result.data!.employer.dependents.nodes;
        expect(nodes).toHaveLength(first);
        expect(nodes.filter((node) => node.authorizations.nodes.length > 0).length).toBeGreaterThan(first / 2);
      });
      counts[first] = count;
    }
    expect(counts[100]).toBe(counts[10]);
    // One aggregation for the pages, one for the totals at most, one ledger write.
    expect(counts[10]).toBeLessThanOrEqual(3);
  });
});

describe("the rest of the life cycle", () => {
  it("filters a member's list by state and by filing dates (Colombian days, inclusive)", async () => {
    const QUERY = `query($id: ID!, $filter: AuthorizationFilter) { authorizations(memberId: $id, filter: $filter, first: 50) { totalCount nodes { number state filedAt } } }`;
    type Page = { authorizations: { totalCount: number; nodes: { state: string; filedAt: string }[] } };
    const approved = await stack.query<Page>(QUERY, { viewer: PERSONAS["member"], variables: { id: family.member, filter: { states: ["APROBADA"] } } });
    expect(approved.errors).toBeUndefined();
    expect(approved.data!.authorizations.nodes.length).toBeGreaterThan(0);
    expect(approved.data!.authorizations.nodes.every((node) => node.state === "APROBADA")).toBe(true);
    const all = await stack.query<Page>(QUERY, { viewer: PERSONAS["member"], variables: { id: family.member } });
    const oldest = all.data!.authorizations.nodes.at(-1)!;
    const day = new Date(Date.parse(oldest.filedAt) - 5 * 3_600_000).toISOString().slice(0, 10);
    const thatDay = await stack.query<Page>(QUERY, { viewer: PERSONAS["member"], variables: { id: family.member, filter: { filedFrom: day, filedTo: day } } });
    expect(thatDay.data!.authorizations.nodes.map((node) => node.filedAt)).toContain(oldest.filedAt);
    expect(thatDay.data!.authorizations.totalCount).toBe(thatDay.data!.authorizations.nodes.length);
    const badDate = await stack.query(QUERY, { viewer: PERSONAS["member"], variables: { id: family.member, filter: { filedFrom: "01/02/2026" } } });
    expect(errorCodes(badDate)[0]).toMatch(/BAD_USER_INPUT|GRAPHQL_VALIDATION_FAILED/);
  });

  it("lets the member annul a request not yet used, with a reason, and not twice", async () => {
    const filed = await file(PERSONAS["member"]!, request());
    const number = filed.data!.requestAuthorization.number;
    const ANNUL = `mutation($n: ID!, $r: String!) { annulAuthorization(number: $n, reason: $r) { state holder history { to note } } }`;
    const noReason = await stack.query(ANNUL, { viewer: PERSONAS["member"], variables: { n: number, r: "" } });
    expect(noReason.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "reason" });
    const annulled = await stack.query<{ annulAuthorization: { state: string; holder: string; history: { to: string; note: string }[] } }>(ANNUL, { viewer: PERSONAS["member"], variables: { n: number, r: "Ya no necesito el servicio" } });
    expect(annulled.data!.annulAuthorization).toMatchObject({ state: "ANULADA", holder: "NADIE" });
    expect(annulled.data!.annulAuthorization.history.at(-1)).toEqual({ to: "ANULADA", note: "Ya no necesito el servicio" });
    const again = await stack.query(ANNUL, { viewer: PERSONAS["member"], variables: { n: number, r: "Otra vez" } });
    expect(errorCodes(again)).toEqual(["CONFLICT"]);
  });

  it("marks approvals past their validity VENCIDA, once", async () => {
    const yesterday = new Date(Date.now() - 86_400_000 - 5 * 3_600_000).toISOString().slice(0, 10);
    const approved = await authorizations().findOne({ state: "APROBADA", memberId: { $ne: family.member } });
    await authorizations().updateOne({ _id: approved!._id }, { $set: { validUntil: yesterday } });
    const EXPIRE = `mutation { expireAuthorizations }`;
    const first = await stack.query<{ expireAuthorizations: number }>(EXPIRE, { viewer: agent, headers: AGENT });
    expect(first.errors).toBeUndefined();
    expect(first.data!.expireAuthorizations).toBeGreaterThanOrEqual(1);
    const stored = await authorizations().findOne({ _id: approved!._id });
    expect(stored).toMatchObject({ state: "VENCIDA" });
    expect(stored!["history"].at(-1)).toMatchObject({ from: "APROBADA", to: "VENCIDA", role: "AGENT" });
    expect((await stack.query<{ expireAuthorizations: number }>(EXPIRE, { viewer: agent, headers: AGENT })).data!.expireAuthorizations).toBe(0);
  });

  it("refuses a request for a member without rights (suspended), naming the member", async () => {
    const members = stack.connection.collection("members");
    const suspended = await members.findOne({ state: "SUSPENDIDO" });
    expect(suspended).not.toBeNull();
    const result = await file(agent, request({ memberId: suspended!._id }));
    expect(errorCodes(result)).toEqual(["FORBIDDEN"]);
    const withPurpose = await stack.query(REQUEST, { viewer: agent, headers: AGENT, variables: { input: request({ memberId: suspended!._id }) } });
    expect(withPurpose.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.memberId" });
    expect(withPurpose.errors?.[0]?.message).toMatch(/no tiene derechos vigentes/);
  });
});

describe("affiliation's hidden memberProfile, which requests are checked against", () => {
  const PROFILE = `query($id: ID!) { memberProfile(memberId: $id) { memberId entitled regime memberType incomeBand } }`;
  const direct = async (viewer: Viewer) =>
    graphqlRequest<{ memberProfile: Record<string, unknown> | null }>(stack.subgraphUrl, PROFILE, {
      variables: { id: family.member },
      headers: { "x-gateway-secret": TEST_GATEWAY_SECRET },
      token: await stack.token(viewer),
    });

  it("is not in the graph clients see", async () => {
    const result = await stack.query(PROFILE, { viewer: agent, headers: AGENT, variables: { id: family.member } });
    expect(errorCodes(result)[0]).toBe("GRAPHQL_VALIDATION_FAILED");
  });

  it("answers a clinic for any patient (a recorded rights check) and refuses a viewer with no relation", async () => {
    const clinic = await direct({ ...PERSONAS["ips"]!, ipsCode: SEED_IPS.caliSpecialised, subject: "user-ips-cambulos" });
    expect(clinic.data?.memberProfile).toMatchObject({ memberId: family.member, entitled: true, regime: "CONTRIBUTIVO", memberType: "COTIZANTE", incomeBand: "RANGO_2" });
    expect(await stack.ledger().countDocuments({ chain: "affiliation", "actor.subject": "user-ips-cambulos", action: "RIGHTS_CHECK" })).toBeGreaterThan(0);
    const stranger = await direct(PERSONAS["otherMember"] ?? { subject: "user-member-0010", role: "MEMBER", memberId: family.otherMember });
    expect(errorCodes(stranger)).toEqual(["FORBIDDEN"]);
  });
});
