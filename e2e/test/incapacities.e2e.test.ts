// Incapacities through the gateway (docs/incapacities.md): filing and extensions, who pays each day of a
// chain and how much (with the contributions billing keeps), the claim's deadlines, and who sees what.
import { PERSONAS, PERSONA_FAMILY_IDS, PERSONA_EMPLOYER_NIT, SEED_IPS } from "@sos/personas";
import { errorCodes } from "@sos/kit/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countCommands, startStack, type Stack } from "./stack.js";

let stack: Stack;
const family = PERSONA_FAMILY_IDS;
const agent = PERSONAS["agent"]!;
const employer = PERSONAS["employer"]!;
const AGENT = { "x-access-purpose": "Trámite de incapacidades" };
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.close();
});
const db = () => stack.subgraphs["incapacities"]!.connection;

const NO_UPLOAD = `UP-${"0".repeat(24)}`;
const CERTIFICATE_PDF = Buffer.from("%PDF-1.4\n% certificado de incapacidad (prueba)\n%%EOF\n");
const REGISTER = `mutation($input: RegisterIncapacityInput!) { registerIncapacity(input: $input) { number state chainDays reviewDueAt overdue } }`;
const daysAgo = (n: number) => new Date(Date.now() - 5 * 3_600_000 - n * 86_400_000).toISOString().slice(0, 10);
const certificate = (overrides: Record<string, unknown> = {}) => ({
  memberId: family.otherMember,
  type: "ENFERMEDAD_GENERAL",
  startDate: daysAgo(150),
  days: 30,
  diagnosis: { code: "M545" },
  setting: "AMBULATORIO",
  modality: "PRESENCIAL",
  professional: { name: "Laura Catalina Gómez Ríos", documentNumber: "31456789" },
  ipsCode: SEED_IPS.personaPrimary,
  // Well formed but never uploaded: enough for a filing refused before its certificate is looked at.
  attachment: NO_UPLOAD,
  ...overrides,
});
const register = (input: Record<string, unknown>, viewer = employer, headers?: Record<string, string>) =>
  stack.query<{ registerIncapacity: { number: string; state: string; chainDays: number } }>(REGISTER, { viewer, headers, variables: { input } });
/** The certificate's PDF, uploaded through the gateway by whoever files the claim, with the portal's document (docs/uploads.md). */
async function uploadCertificate(memberId: string, viewer = employer, headers?: Record<string, string>): Promise<string> {
  const ticket = await stack.persisted<{ requestIncapacityCertificateUpload: { uploadId: string; uploadPath: string } }>("RequestIncapacityCertificateUpload", {
    viewer,
    headers,
    variables: { memberId, contentType: "PDF", size: CERTIFICATE_PDF.length },
  });
  expect(ticket.errors, JSON.stringify(ticket.errors)).toBeUndefined();
  const response = await fetch(`${stack.gatewayBase}${ticket.data!.requestIncapacityCertificateUpload.uploadPath}`, { method: "PUT", body: CERTIFICATE_PDF });
  expect(response.status).toBe(201);
  return ticket.data!.requestIncapacityCertificateUpload.uploadId;
}
/** Files a claim with a certificate uploaded first, as the portal does. */
async function file(overrides: Record<string, unknown> = {}, viewer = employer, headers?: Record<string, string>) {
  const attachment = await uploadCertificate(String(overrides["memberId"] ?? family.otherMember), viewer, headers);
  return register(certificate({ ...overrides, attachment }), viewer, headers);
}
const step = (query: string, variables: Record<string, unknown>) => stack.query<Record<string, { state: string }>>(query, { viewer: agent, headers: AGENT, variables });
async function process(number: string) {
  for (const [query, variables] of [
    [`mutation($n: ID!) { startIncapacityReview(number: $n) { state } }`, { n: number }],
    [`mutation($n: ID!) { decideIncapacity(number: $n, recognized: true) { state } }`, { n: number }],
    [`mutation($n: ID!) { settleIncapacity(number: $n) { state } }`, { n: number }],
  ] as const) {
    const result = await step(query, variables);
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  }
}
type Segment = { fromDay: number; toDay: number; payer: string; rateBp: number; dailyAmount: number; floorApplied: boolean };
const SETTLEMENT = `query($n: ID!) { incapacity(number: $n) { number chainDays settlement { ibc total segments { fromDay toDay payer rateBp dailyAmount floorApplied } byPayer { payer amount } } } }`;

describe("a 120-day general-illness chain", () => {
  const numbers: string[] = [];

  it("is filed by the employer as a first certificate and two extensions with related diagnoses", async () => {
    const first = await file();
    expect(first.errors).toBeUndefined();
    numbers.push(first.data!.registerIncapacity.number);
    const second = await file({ startDate: daysAgo(120), days: 60, diagnosis: { code: "M544" }, extensionOf: numbers[0] });
    expect(second.data!.registerIncapacity.chainDays).toBe(90);
    numbers.push(second.data!.registerIncapacity.number);
    const third = await file({ startDate: daysAgo(60), days: 30, diagnosis: { code: "M511" }, extensionOf: numbers[1] });
    expect(third.data!.registerIncapacity.chainDays).toBe(120);
    numbers.push(third.data!.registerIncapacity.number);
  });

  it("pays days 1–2 by the employer, 3–90 at 66.67 %, 91–120 at 50 %, never under SMMLV/30 (IBC $2,500,000 pays the floor)", async () => {
    for (const number of numbers) await process(number);
    const segments: Segment[] = [];
    for (const number of numbers) {
      const result = await stack.query<{ incapacity: { settlement: { ibc: number; segments: Segment[] } } }>(SETTLEMENT, { viewer: agent, headers: AGENT, variables: { n: number } });
      expect(result.errors).toBeUndefined();
      expect(result.data!.incapacity.settlement.ibc).toBe(2_500_000);
      segments.push(...result.data!.incapacity.settlement.segments);
    }
    expect(segments.map((s) => [s.fromDay, s.toDay, s.payer, s.rateBp])).toEqual([
      [1, 2, "EMPLEADOR", 6667],
      [3, 30, "EPS", 6667],
      [31, 90, "EPS", 6667],
      [91, 120, "EPS", 5000],
    ]);
    expect(segments.every((s) => s.dailyAmount === 58_364 && s.floorApplied)).toBe(true);
  });

  it("shows the employer the days, payer and amounts, and what the EPS owes it — never the diagnosis", async () => {
    const result = await stack.query<{ incapacity: { days: number; settlement: { total: number } } }>(`query($n: ID!) { incapacity(number: $n) { days settlement { total byPayer { payer amount } } } }`, { viewer: employer, variables: { n: numbers[2] } });
    expect(result.errors).toBeUndefined();
    expect(result.data!.incapacity).toMatchObject({ days: 30, settlement: { total: 30 * 58_364 } });
    const diagnosis = await stack.query<{ incapacity: { days: number; diagnosis: unknown } }>(`query($n: ID!) { incapacity(number: $n) { days diagnosis { code } } }`, { viewer: employer, variables: { n: numbers[2] } });
    expect(errorCodes(diagnosis)).toEqual(["FORBIDDEN"]);
    expect(diagnosis.data!.incapacity).toEqual({ days: 30, diagnosis: null });
    const balance = await stack.query<{ employer: { incapacityBalance: number } }>(`{ employer(nit: "${PERSONA_EMPLOYER_NIT}-8") { incapacityBalance } }`, { viewer: employer });
    expect(balance.data!.employer.incapacityBalance).toBeGreaterThanOrEqual((28 + 60 + 30) * 58_364);
  });

  it("pays a settled claim once, and a second payment of it is a CONFLICT", async () => {
    const PAY = `mutation($n: ID!) { payIncapacity(number: $n, reference: "TRF-000123", paidOn: "${daysAgo(1)}") { state payment { amount reference paidOn } } }`;
    const paid = await stack.query<{ payIncapacity: { state: string; payment: { amount: number } } }>(PAY, { viewer: agent, headers: AGENT, variables: { n: numbers[2] } });
    expect(paid.data!.payIncapacity).toMatchObject({ state: "PAGADA", payment: { amount: 30 * 58_364 } });
    expect(errorCodes(await stack.query(PAY, { viewer: agent, headers: AGENT, variables: { n: numbers[2] } }))).toEqual(["CONFLICT"]);
  });
});

describe("refused filings", () => {
  it("refuses an extension with an unrelated diagnosis, or more than 30 days after, naming the field", async () => {
    // Dates clear of the 120-day chain above (days 150 to 31 ago): the same days twice are refused otherwise.
    const first = await file({ startDate: daysAgo(300), days: 10 });
    const number = first.data!.registerIncapacity.number;
    const unrelated = await register(certificate({ startDate: daysAgo(289), days: 5, diagnosis: { code: "J189" }, extensionOf: number }));
    expect(unrelated.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.diagnosis.code" });
    const late = await register(certificate({ startDate: daysAgo(240), days: 5, diagnosis: { code: "M544" }, extensionOf: number }));
    expect(late.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.startDate" });
    const overlapping = await register(certificate({ startDate: daysAgo(295), days: 5, diagnosis: { code: "M544" }, extensionOf: number }));
    expect(overlapping.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.startDate" });
  });

  it("lets a dependent worker's claim be filed only by the employer, and refuses a beneficiary and bad values", async () => {
    const own = await register(certificate({ memberId: family.member }), PERSONAS["member"]!);
    expect(errorCodes(own)).toEqual(["FORBIDDEN"]);
    const beneficiary = await register(certificate({ memberId: family.beneficiary }), employer);
    expect(errorCodes(beneficiary)).toEqual(["FORBIDDEN"]);
    const viaAgent = await stack.query(REGISTER, { viewer: agent, headers: AGENT, variables: { input: certificate({ memberId: family.beneficiary }) } });
    expect(viaAgent.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.memberId" });
    const bad = await register(certificate({ days: 0, diagnosis: { code: "lumbago" } }));
    const fields = (bad.errors?.[0]?.extensions?.["problems"] as { field: string }[]).map((problem) => problem.field);
    expect(fields).toEqual(expect.arrayContaining(["input.days", "input.diagnosis.code"]));
    const before = await db().collection("incapacities").countDocuments();
    const noGestation = await register(certificate({ memberId: family.member, type: "LICENCIA_MATERNIDAD", startDate: daysAgo(2), days: 126, diagnosis: { code: "Z348" } }));
    expect(noGestation.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.gestationDays" });
    expect(await db().collection("incapacities").countDocuments()).toBe(before);
  });

  it("refuses a day that does not exist, licences beyond the law's days, and the same days filed twice, writing nothing", async () => {
    const before = await db().collection("incapacities").countDocuments();
    const impossible = await register(certificate({ startDate: "2026-02-30" }));
    expect(impossible.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.startDate" });
    const paternity = await register(certificate({ type: "LICENCIA_PATERNIDAD", startDate: daysAgo(5), days: 30, diagnosis: { code: "Z390" } }));
    expect(paternity.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.days" });
    const maternityForAMan = await register(certificate({ type: "LICENCIA_MATERNIDAD", startDate: daysAgo(5), days: 126, gestationDays: 270, diagnosis: { code: "Z348" } }));
    expect(maternityForAMan.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.type" });
    const twice = await register(certificate({ startDate: daysAgo(140), days: 5 }));
    expect(twice.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.startDate" });
    expect(await db().collection("incapacities").countDocuments()).toBe(before);
  });

  it("tells an employer nothing about a certificate it did not file, even through a refused extension", async () => {
    const byAgent = await file({ startDate: daysAgo(200), days: 5, diagnosis: { code: "F329" } }, agent, AGENT);
    const number = byAgent.data!.registerIncapacity.number;
    await db().collection("incapacities").updateOne({ _id: number as never }, { $set: { employerNit: "800111222" } });
    const probe = await register(certificate({ startDate: daysAgo(194), days: 5, diagnosis: { code: "J069" }, extensionOf: number }));
    expect(probe.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.extensionOf" });
    expect(probe.errors?.[0]?.message).not.toMatch(/F32|F329/);
  });

  it("lets one of two agents deciding at once win", async () => {
    const filed = await file({ startDate: daysAgo(20), days: 3 });
    const number = filed.data!.registerIncapacity.number;
    await step(`mutation($n: ID!) { startIncapacityReview(number: $n) { state } }`, { n: number });
    const [a, b] = await Promise.all([
      step(`mutation($n: ID!) { decideIncapacity(number: $n, recognized: true) { state } }`, { n: number }),
      step(`mutation($n: ID!) { decideIncapacity(number: $n, recognized: false, reason: "Certificado ilegible") { state } }`, { n: number }),
    ]);
    expect([errorCodes(a)[0] ?? "OK", errorCodes(b)[0] ?? "OK"].sort()).toEqual(["CONFLICT", "OK"]);
  });
});

describe("deadlines and what each one sees", () => {
  it("shows a claim filed 16 business days ago and never reviewed as overdue, to the member and in the agents' queue", async () => {
    const mine = await stack.query<{ me: { incapacities: { nodes: { number: string; state: string; overdue: boolean; diagnosis: { code: string } }[] } } }>(
      `{ me { incapacities(first: 10) { nodes { number state overdue dueAt diagnosis { code } } } } }`,
      { viewer: PERSONAS["member"] },
    );
    expect(mine.errors).toBeUndefined();
    const late = mine.data!.me.incapacities.nodes.find((node) => node.state === "RADICADA");
    expect(late).toMatchObject({ overdue: true, diagnosis: { code: "J069" } });
    const queue = await stack.query<{ incapacityQueue: { nodes: { number: string; overdue: boolean }[] } }>(`{ incapacityQueue(first: 100, overdueOnly: true) { nodes { number overdue } } }`, { viewer: agent, headers: AGENT });
    expect(queue.data!.incapacityQueue.nodes.map((node) => node.number)).toContain(late!.number);
    expect(queue.data!.incapacityQueue.nodes.every((node) => node.overdue)).toBe(true);
    const ledger = await stack.ledger().countDocuments({ chain: "incapacities", "actor.subject": PERSONAS["member"]!.subject, action: "INCAPACITY_DIAGNOSIS_READ" });
    expect(ledger).toBeGreaterThan(0);
  });

  it("gives analysts aggregates only, and no member's incapacities", async () => {
    const year = Number(daysAgo(0).slice(0, 4));
    const stats = await stack.query<{ incapacityStatistics: { type: string; count: number | null }[] }>(`query($y: Int!) { incapacityStatistics(year: $y) { type count days } }`, { viewer: PERSONAS["analyst"], variables: { y: year } });
    expect(stats.errors).toBeUndefined();
    expect(stats.data!.incapacityStatistics.every((cell) => cell.count === null || cell.count % 5 === 0)).toBe(true);
    const member = await stack.query(`query($id: ID!) { member(id: $id) { incapacities { nodes { number } } } }`, { viewer: PERSONAS["analyst"], variables: { id: family.member } });
    expect(errorCodes(member)).toContain("FORBIDDEN");
  });

  it("lets only one of two extensions of one certificate filed at once stand", async () => {
    const first = await file({ startDate: daysAgo(260), days: 10 });
    const number = first.data!.registerIncapacity.number;
    const extension = (key: string) => file({ startDate: daysAgo(250), days: 5, diagnosis: { code: "M544" }, extensionOf: number, idempotencyKey: key });
    const loose = () => db().collection("uploads").countDocuments({ state: "CARGADO" });
    const before = await loose();
    const results = await Promise.all([extension("prorroga-a-0001"), extension("prorroga-b-0001")]);
    expect(results.filter((result) => !result.errors).length).toBe(1);
    expect(await db().collection("incapacities").countDocuments({ extensionOf: number })).toBe(1);
    // The refused one's certificate was given back (or never taken), to be used again.
    expect(await loose()).toBe(before + 1);
  });

  it("does not settle without the contribution record: billing down is UNAVAILABLE, and nothing changes", async () => {
    const filed = await file({ startDate: daysAgo(10), days: 3 });
    const number = filed.data!.registerIncapacity.number;
    await step(`mutation($n: ID!) { startIncapacityReview(number: $n) { state } }`, { n: number });
    await step(`mutation($n: ID!) { decideIncapacity(number: $n, recognized: true) { state } }`, { n: number });
    await stack.subgraphs["billing-pac"]!.stop();
    const result = await step(`mutation($n: ID!) { settleIncapacity(number: $n) { state } }`, { n: number });
    expect(errorCodes(result)).toEqual(["UNAVAILABLE"]);
    expect(await db().collection("incapacities").findOne({ _id: number as never })).toMatchObject({ state: "RECONOCIDA", settlement: null });
  });
});

describe("Member.incapacities and Member.pqrs over a list of members", () => {
  it("cost the same database commands for 10 and for 100 dependents", async () => {
    const members = stack.connection.collection("members");
    const template = await members.findOne({ memberType: "COTIZANTE", employerNit: { $type: "string" }, state: "ACTIVO" });
    const clones = Array.from({ length: 100 }, (_, i) => ({ ...template, _id: `f${"0".repeat(17)}${String(i).padStart(6, "0")}`, documentNumber: String(9_500_000_000 + i), employerNit: PERSONA_EMPLOYER_NIT, sortKey: `aaa-clone-${String(i).padStart(6, "0")}` }));
    await members.insertMany(clones as never[]);
    const QUERY = `query($first: Int) { employer(nit: "${PERSONA_EMPLOYER_NIT}-8") { dependents(first: $first) { nodes { id incapacities(first: 2) { nodes { number } } pqrs(first: 2) { nodes { number } } } } } }`;
    const counts: Record<number, number> = {};
    for (const first of [10, 100]) {
      const incapacities = stack.subgraphs["incapacities"]!.connection;
      const pqrs = stack.subgraphs["pqrs"]!.connection;
      let pqrsCount = 0;
      const { count } = await countCommands(incapacities, async () => {
        pqrsCount = (
          await countCommands(pqrs, async () => {
            const result = await stack.query<{ employer: { dependents: { nodes: unknown[] } } }>(QUERY, { viewer: agent, headers: AGENT, variables: { first } });
            expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
            expect(result.data!.employer.dependents.nodes).toHaveLength(first);
          })
        ).count;
      });
      counts[first] = count + pqrsCount;
    }
    expect(counts[100]).toBe(counts[10]);
    expect(counts[10]).toBeLessThanOrEqual(4);
  });
});
