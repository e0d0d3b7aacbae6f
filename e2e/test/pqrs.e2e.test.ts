// PQRS through the gateway (docs/pqrs.md): filing (a member, an agent, anonymously), the legal deadline
// of each kind, the life cycle with its history and outbox, and who sees what.
import { PERSONAS, PERSONA_FAMILY_IDS, SEED_IPS } from "@sos/personas";
import { todayInColombia } from "@sos/kit";
import { errorCodes } from "@sos/kit/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStack, type Stack } from "./stack.js";

let stack: Stack;
const family = PERSONA_FAMILY_IDS;
const agent = PERSONAS["agent"]!;
const AGENT = { "x-access-purpose": "Gestión de PQRS" };
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.close();
});
const db = () => stack.subgraphs["pqrs"]!.connection;

const FILE = `mutation($input: FilePqrsInput!) { filePqrs(input: $input) { number state type filedAt dueAt term { amount unit norm } } }`;
type Filed = { number: string; state: string; filedAt: string; dueAt: string; term: { amount: number; unit: string } };
const file = (input: Record<string, unknown>, viewer = PERSONAS["member"]) => stack.query<{ filePqrs: Filed }>(FILE, { viewer, variables: { input } });
/** With no token at all, as the portal's public form sends it. */
const fileAnonymously = (input: Record<string, unknown>) => stack.query<{ filePqrs: Filed }>(FILE, { variables: { input } });
const complaint = (overrides: Record<string, unknown> = {}) => ({ type: "QUEJA", subject: "Demora en la cita con el especialista", description: "Llevo tres semanas esperando la cita de cardiología.", ...overrides });

describe("filing", () => {
  it("returns a number at once; a vital-risk complaint is due exactly 24 hours after it was filed", async () => {
    const result = await file(complaint({ risk: "VITAL", ipsCode: SEED_IPS.personaPrimary, idempotencyKey: "queja-vital-0001" }));
    expect(result.errors).toBeUndefined();
    const filed = result.data!.filePqrs;
    expect(filed.number).toMatch(/^PQRS-\d{4}-\d{7}$/);
    expect(filed).toMatchObject({ state: "RADICADA", term: { amount: 24, unit: "HORAS" } });
    expect(Date.parse(filed.dueAt) - Date.parse(filed.filedAt)).toBe(24 * 3_600_000);
    const again = await file(complaint({ risk: "VITAL", ipsCode: SEED_IPS.personaPrimary, idempotencyKey: "queja-vital-0001" }));
    expect(again.data!.filePqrs.number).toBe(filed.number);
  });

  it("gives an ordinary petition the end of its 15th business day in Colombia", async () => {
    const result = await file({ type: "PETICION", subject: "Copia de la historia clínica", description: "Solicito copia de mi historia clínica completa." });
    const { dueAt, term } = result.data!.filePqrs;
    expect(term).toMatchObject({ amount: 15, unit: "DIAS_HABILES" });
    // 23:59:59.999 in Colombia is 04:59:59.999 UTC the next day.
    expect(new Date(dueAt).toISOString().slice(11)).toBe("04:59:59.999Z");
  });

  it("accepts an anonymous complaint with a contact channel, and refuses an anonymous petition or one without a channel", async () => {
    const anonymous = await fileAnonymously(complaint({ contact: { email: "vecino@correo.example" }, municipalityCode: "76001" }));
    expect(anonymous.errors).toBeUndefined();
    expect(await db().collection("pqrs").findOne({ _id: anonymous.data!.filePqrs.number as never })).toMatchObject({ memberId: null, contact: { email: "vecino@correo.example" } });
    const noChannel = await fileAnonymously(complaint());
    expect(noChannel.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.contact" });
    const petition = await fileAnonymously({ type: "PETICION", subject: "Certificado", description: "Necesito un certificado de afiliación.", contact: { email: "x@correo.example" } });
    expect(petition.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.type" });
  });

  it("refuses a reused idempotency key with other content, even for the same filer", async () => {
    const once = await file(complaint({ idempotencyKey: "queja-clave-0002" }));
    expect(once.errors).toBeUndefined();
    const other = await file(complaint({ idempotencyKey: "queja-clave-0002", subject: "Otra queja distinta" }));
    expect(other.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.idempotencyKey" });
  });

  it("refuses bad input naming the field, and a member filing for someone else, writing nothing", async () => {
    const before = await db().collection("pqrs").countDocuments();
    const bad = await file(complaint({ subject: "x", description: "corto", risk: "ALTO" }));
    expect(errorCodes(bad)[0]).toMatch(/BAD_USER_INPUT|GRAPHQL_VALIDATION_FAILED/);
    const short = await file(complaint({ subject: "x", description: "corto" }));
    const fields = (short.errors?.[0]?.extensions?.["problems"] as { field: string }[]).map((problem) => problem.field);
    expect(fields).toEqual(expect.arrayContaining(["input.subject", "input.description"]));
    const forOther = await file(complaint({ memberId: family.otherMember }));
    expect(errorCodes(forOther)).toEqual(["FORBIDDEN"]);
    expect(await db().collection("pqrs").countDocuments()).toBe(before);
  });
});

describe("the life cycle", () => {
  const step = (query: string, variables: Record<string, unknown>) => stack.query<Record<string, { state: string }>>(query, { viewer: agent, headers: AGENT, variables });

  it("goes RADICADA → ASIGNADA → EN_TRAMITE → RESPONDIDA with history; the answer goes to the outbox; two agents at once: one wins", async () => {
    const filed = await file(complaint({ risk: "PRIORIZADO" }));
    const number = filed.data!.filePqrs.number;
    expect((await step(`mutation($n: ID!) { assignPqrs(number: $n, assignee: "agente.calidad") { state } }`, { n: number })).data!["assignPqrs"]!.state).toBe("ASIGNADA");
    expect((await step(`mutation($n: ID!) { startPqrs(number: $n) { state } }`, { n: number })).data!["startPqrs"]!.state).toBe("EN_TRAMITE");
    const ANSWER = `mutation($n: ID!, $t: String!) { answerPqrs(number: $n, text: $t) { state answer { text } } }`;
    const [a, b] = await Promise.all([step(ANSWER, { n: number, t: "Su cita quedó asignada para el lunes." }), step(ANSWER, { n: number, t: "Otra respuesta" })]);
    expect([errorCodes(a)[0] ?? "OK", errorCodes(b)[0] ?? "OK"].sort()).toEqual(["CONFLICT", "OK"]);
    const stored = await db().collection("pqrs").findOne({ _id: number as never });
    expect(stored!["history"].map((entry: { to: string }) => entry.to)).toEqual(["RADICADA", "ASIGNADA", "EN_TRAMITE", "RESPONDIDA"]);
    expect(stored).toMatchObject({ queueKey: null });
    // To her e-mail on file in affiliation, found when the answer was written: the outbox sender can send it.
    const maria = await stack.connection.collection("members").findOne({ _id: family.member as never });
    const email = (maria?.["contact"] as { email: string }).email;
    expect(await db().collection("outbox").countDocuments({ pqrsNumber: number, channel: "EMAIL", to: email })).toBe(1);
    const skip = await step(`mutation($n: ID!) { startPqrs(number: $n) { state } }`, { n: number });
    expect(errorCodes(skip)).toEqual(["CONFLICT"]);
    const twice = await step(ANSWER, { n: number, t: "Una segunda respuesta" });
    expect(errorCodes(twice)).toEqual(["CONFLICT"]);
    expect(await db().collection("outbox").countDocuments({ pqrsNumber: number })).toBe(1);
  });

  it("lets the member reopen an answered PQRS within the window, and agents extend a data request once", async () => {
    const answered = await db().collection("pqrs").findOne({ memberId: family.member, state: "RESPONDIDA", seeded: true });
    const REOPEN = `mutation($n: ID!, $t: String!) { reopenPqrs(number: $n, text: $t) { state dueAt } }`;
    const byOther = await stack.query(REOPEN, { viewer: PERSONAS["beneficiary"], variables: { n: answered!._id, t: "No estoy de acuerdo" } });
    expect(errorCodes(byOther)).toEqual(["FORBIDDEN"]);
    const reopened = await stack.query<{ reopenPqrs: { state: string; dueAt: string } }>(REOPEN, { viewer: PERSONAS["member"], variables: { n: answered!._id, t: "La cita no se cumplió" } });
    expect(reopened.data!.reopenPqrs.state).toBe("EN_TRAMITE");
    expect(Date.parse(reopened.data!.reopenPqrs.dueAt)).toBeGreaterThan(Date.now());

    const request = await file({ type: "CONSULTA_DATOS", subject: "Mis datos personales", description: "Quiero saber qué datos personales tiene la EPS de mí." });
    const number = request.data!.filePqrs.number;
    const EXTEND = `mutation($n: ID!, $t: String!) { extendPqrsDeadline(number: $n, text: $t) { dueAt term { extended } } }`;
    const extended = await step(EXTEND, { n: number, t: "Se requiere revisar archivos históricos" });
    expect(extended.errors).toBeUndefined();
    expect(Date.parse((extended.data!["extendPqrsDeadline"] as unknown as { dueAt: string }).dueAt)).toBeGreaterThan(Date.parse(request.data!.filePqrs.dueAt));
    expect(errorCodes(await step(EXTEND, { n: number, t: "Otra vez" }))).toEqual(["CONFLICT"]);
  });
});

describe("who sees what", () => {
  it("puts the nearest deadline first in the agents' queue, and lists the overdue ones", async () => {
    const queue = await stack.query<{ pqrsQueue: { nodes: { number: string; dueAt: string; overdue: boolean }[] } }>(`{ pqrsQueue(first: 100) { nodes { number dueAt overdue } } }`, { viewer: agent, headers: AGENT });
    const due = queue.data!.pqrsQueue.nodes.map((node) => Date.parse(node.dueAt));
    expect(due.length).toBeGreaterThan(5);
    expect(due).toEqual([...due].sort((x, y) => x - y));
    const overdue = await stack.query<{ pqrsQueue: { nodes: { overdue: boolean }[] } }>(`{ pqrsQueue(first: 100, overdueOnly: true) { nodes { overdue } } }`, { viewer: agent, headers: AGENT });
    expect(overdue.data!.pqrsQueue.nodes.length).toBeGreaterThan(0);
    expect(overdue.data!.pqrsQueue.nodes.every((node) => node.overdue)).toBe(true);
    const soon = await stack.query<{ pqrsQueue: { nodes: { dueAt: string }[] } }>(`{ pqrsQueue(first: 100, dueWithinHours: 48) { nodes { dueAt } } }`, { viewer: agent, headers: AGENT });
    expect(soon.data!.pqrsQueue.nodes.every((node) => Date.parse(node.dueAt) < Date.now() + 48 * 3_600_000)).toBe(true);
  });

  it("shows a member their own PQRS only, and an agent's read is recorded", async () => {
    const own = await stack.query<{ me: { pqrs: { nodes: { number: string }[] } } }>(`{ me { pqrs(first: 20) { nodes { number state overdue } } } }`, { viewer: PERSONAS["member"] });
    expect(own.data!.me.pqrs.nodes.length).toBeGreaterThan(0);
    const spouse = await stack.query(`query($id: ID!) { member(id: $id) { pqrs { nodes { number } } } }`, { viewer: PERSONAS["member"], variables: { id: family.beneficiary } });
    expect(errorCodes(spouse)).toContain("FORBIDDEN");
    const number = own.data!.me.pqrs.nodes[0]!.number;
    await stack.query(`query($n: ID!) { pqrs(number: $n) { subject } }`, { viewer: agent, headers: AGENT, variables: { n: number } });
    expect(await stack.ledger().countDocuments({ chain: "pqrs", "actor.subject": agent.subject, action: "PQRS_READ" })).toBeGreaterThan(0);
  });

  it("lets an IPS see the PQRS about it but never who filed them", async () => {
    // An agent releases a complaint about the clinic, as a summary without names or health data.
    const filed = await file(complaint({ ipsCode: SEED_IPS.personaPrimary, description: "Me llamo María Fernanda y en la sede Samán no me atendieron la crisis de asma." }));
    const number = filed.data!.filePqrs.number;
    const released = await stack.query(`mutation($n: ID!, $t: String!) { releasePqrsToIps(number: $n, text: $t) { state } }`, { viewer: agent, headers: AGENT, variables: { n: number, t: "Demora en la atención en la sede" } });
    expect(released.errors).toBeUndefined();
    const result = await stack.persisted<{ ipsPqrs: { nodes: { number: string; summaryForIps: string; filedOn: string }[] } }>("PqrsAboutMe", { viewer: PERSONAS["ips"], variables: { first: 50 } });
    expect(result.errors).toBeUndefined();
    const mine = result.data!.ipsPqrs.nodes.find((node) => node.number === number);
    expect(mine).toMatchObject({ summaryForIps: "Demora en la atención en la sede" });
    expect(JSON.stringify(result.data)).not.toMatch(/María|asma/);
    // The clinic's view has no field that could name the filer, whoever asks.
    const who = await stack.query(`{ ipsPqrs(first: 5) { nodes { number member { id } } } }`, { viewer: agent, headers: AGENT });
    expect(errorCodes(who)).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
    // And the full record is not the clinic's: not among its documents, and refused by the subgraph's gate.
    const asked = await stack.query(`query($n: ID!) { pqrs(number: $n) { subject member { id } } }`, { viewer: PERSONAS["ips"], variables: { n: result.data!.ipsPqrs.nodes[0]!.number } });
    expect(errorCodes(asked)).toEqual(["PERSISTED_QUERY_NOT_IN_LIST"]);
  });

  it("gives analysts counts by type, state, municipality and IPS with small cells withheld", async () => {
    // Every month the seed files in (its last 60 days), whatever the day the test runs: a single month
    // 90 days back held nothing once the seed's window moved past it.
    const from = new Date(Date.now() - 90 * 86_400_000).toISOString().slice(0, 7);
    const to = todayInColombia().slice(0, 7);
    const result = await stack.query<{ pqrsStatistics: { byType: { key: string; count: number }[]; byIps: { count: number }[]; suppressedCells: number } }>(
      `query($from: String!, $to: String) { pqrsStatistics(from: $from, to: $to) { byType { key count } byState { key count } byMunicipality { key count } byIps { key count } suppressedCells } }`,
      { viewer: PERSONAS["analyst"], variables: { from, to } },
    );
    expect(result.errors).toBeUndefined();
    const stats = result.data!.pqrsStatistics;
    const cells = [...stats.byType, ...stats.byIps];
    expect(cells.every((cell) => cell.count >= 5 && cell.count % 5 === 0)).toBe(true);
    expect(stats.suppressedCells).toBeGreaterThan(0);
    const member = await stack.query(`query($id: ID!) { member(id: $id) { pqrs { nodes { number } } } }`, { viewer: PERSONAS["analyst"], variables: { id: family.member } });
    expect(errorCodes(member)).toContain("FORBIDDEN");
  });
});
