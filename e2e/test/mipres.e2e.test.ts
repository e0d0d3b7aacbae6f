// MIPRES through the gateway (docs/authorizations.md): prescriptions in force, and the medicines owed to
// a member — registered as pendientes, due within 48 hours, followed until delivered, late ones listed.
import { PERSONAS, PERSONA_FAMILY_IDS, PERSONA_IPS_CODE, SEED_IPS } from "@sos/personas";
import { errorCodes } from "@sos/kit/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStack, type Stack } from "./stack.js";

let stack: Stack;
const family = PERSONA_FAMILY_IDS;
const AGENT = { "x-access-purpose": "Seguimiento de medicamentos pendientes" };
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.close();
});
const db = () => stack.subgraphs["authorizations"]!.connection;

type Pending = { id: string; state: string; overdue: boolean; dueAt: string; registeredAt?: string };
type Prescription = { number: string; vigente: boolean; diagnosis?: { code: string }; technologies: { index: number; type: string; remaining: number }[] };
const MINE = `query($id: ID!) { member(id: $id) { id
  mipresPrescriptions(onlyVigentes: true) { nodes { number vigente diagnosis { code } technologies { index type remaining } } }
  pendingDeliveries { nodes { id state overdue dueAt registeredAt } } } }`;

describe("a member's medicines", () => {
  it("shows María Fernanda her prescriptions in force and a pendiente older than 48 hours as overdue, and records the reads", async () => {
    const result = await stack.query<{ member: { mipresPrescriptions: { nodes: Prescription[] }; pendingDeliveries: { nodes: Pending[] } } }>(MINE, { viewer: PERSONAS["member"], variables: { id: family.member } });
    expect(result.errors).toBeUndefined();
    const { mipresPrescriptions, pendingDeliveries } = result.data!.member;
    expect(mipresPrescriptions.nodes.length).toBeGreaterThan(0);
    expect(mipresPrescriptions.nodes.every((p) => p.vigente && p.number.length === 20)).toBe(true);
    const late = pendingDeliveries.nodes.find((p) => p.state === "PENDIENTE" && p.overdue);
    expect(late).toBeDefined();
    expect(Date.parse(late!.dueAt) - Date.parse(late!.registeredAt!)).toBe(48 * 3_600_000);
    expect(Date.parse(late!.dueAt)).toBeLessThan(Date.now());
    const reads = await stack.ledger().distinct("action", { chain: "authorizations", "actor.subject": PERSONAS["member"]!.subject, subjectMemberId: family.member });
    expect(reads).toEqual(expect.arrayContaining(["MIPRES_READ", "MIPRES_DIAGNOSIS_READ", "MIPRES_PENDING_READ"]));
  });

  it("shows her her young daughter's prescriptions but not her adult spouse's", async () => {
    const child = await stack.query(MINE, { viewer: PERSONAS["member"], variables: { id: family.youngerChild } });
    expect(child.errors).toBeUndefined();
    const spouse = await stack.query(MINE, { viewer: PERSONAS["member"], variables: { id: family.beneficiary } });
    expect(errorCodes(spouse)).toContain("FORBIDDEN");
    const spouseRx = await db().collection("mipres_prescriptions").findOne({ memberId: family.beneficiary });
    const direct = await stack.query(`query($n: ID!) { mipresPrescription(number: $n) { number diagnosis { code } } }`, { viewer: PERSONAS["member"], variables: { n: spouseRx!._id } });
    expect(errorCodes(direct)).toEqual(["FORBIDDEN"]);
  });

  it("lists overdue pendientes for agents with a purpose, the latest-due last", async () => {
    const noPurpose = await stack.query(`{ overduePendingDeliveries { nodes { id } } }`, { viewer: PERSONAS["agent"] });
    expect(errorCodes(noPurpose)).toEqual(["FORBIDDEN"]);
    const result = await stack.query<{ overduePendingDeliveries: { nodes: (Pending & { member: { id: string } })[] } }>(
      `{ overduePendingDeliveries(first: 100) { nodes { id state overdue dueAt member { id } } } }`,
      { viewer: PERSONAS["agent"], headers: AGENT },
    );
    expect(result.errors).toBeUndefined();
    const nodes = result.data!.overduePendingDeliveries.nodes;
    expect(nodes.some((node) => node.member.id === family.member)).toBe(true);
    expect(nodes.every((node) => node.state === "PENDIENTE" && node.overdue)).toBe(true);
    const due = nodes.map((node) => Date.parse(node.dueAt));
    expect(due).toEqual([...due].sort((a, b) => a - b));
  });
});

describe("a dispenser", () => {
  const dispenser = PERSONAS["ips"]!;

  it("sees the prescriptions routed to it and nothing of another dispenser's", async () => {
    const result = await stack.persisted<{ mipresRoutedToMe: { nodes: { number: string }[] } }>("MipresRoutedToMe", { viewer: dispenser, variables: { first: 50 } });
    expect(result.errors).toBeUndefined();
    const numbers = result.data!.mipresRoutedToMe.nodes.map((node) => node.number);
    const routed = await db().collection("mipres_prescriptions").distinct("_id", { "technologies.dispenserIpsCode": PERSONA_IPS_CODE });
    expect(numbers.length).toBe(Math.min(50, routed.length));
    expect(numbers.every((number) => (routed as unknown[]).includes(number))).toBe(true);
    const spouseRx = await db().collection("mipres_prescriptions").findOne({ memberId: family.beneficiary });
    expect(spouseRx!["technologies"][0].dispenserIpsCode).not.toBe(PERSONA_IPS_CODE);
    const pending = await stack.persisted("PendingDeliveriesForMe", { viewer: { ...dispenser, subject: "user-ips-guaduales", ipsCode: SEED_IPS.caliAlternative } });
    expect(pending.errors).toBeUndefined();
  });

  it("registers a medicine it could not deliver as pendiente, due in 48 hours; a retry registers it once; delivering twice at once delivers once", async () => {
    const rx = await db().collection("mipres_prescriptions").findOne({ memberId: family.member });
    const technology = (rx!["technologies"] as { index: number; quantity: number; delivered: number }[])[0]!;
    const input = {
      prescriptionNumber: rx!._id,
      technologyIndex: technology.index,
      quantity: 1,
      reason: "FALTA_INVENTARIO",
      place: { kind: "DOMICILIO", address: "Carrera 44 # 9C-35 Apto 402, Cali" },
      idempotencyKey: "pendiente-losartan-0001",
    };
    const first = await stack.persisted<{ registerPendingDelivery: Pending & { registeredAt: string } }>("RegisterPendingDelivery", { viewer: dispenser, variables: { input } });
    expect(first.errors).toBeUndefined();
    const registered = first.data!.registerPendingDelivery;
    expect(registered).toMatchObject({ state: "PENDIENTE", overdue: false });
    expect(Date.parse(registered.dueAt) - Date.parse(registered.registeredAt)).toBe(48 * 3_600_000);
    const retry = await stack.persisted<{ registerPendingDelivery: Pending }>("RegisterPendingDelivery", { viewer: dispenser, variables: { input } });
    expect(retry.data!.registerPendingDelivery.id).toBe(registered.id);

    const tooMuch = await stack.persisted("RegisterPendingDelivery", { viewer: dispenser, variables: { input: { ...input, quantity: 999, idempotencyKey: "pendiente-losartan-0002" } } });
    expect(tooMuch.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.quantity" });
    const notTheDispenser = await stack.persisted("RegisterPendingDelivery", { viewer: { ...dispenser, subject: "user-ips-guaduales", ipsCode: SEED_IPS.caliAlternative }, variables: { input: { ...input, idempotencyKey: "pendiente-losartan-0003" } } });
    expect(errorCodes(notTheDispenser)).toEqual(["FORBIDDEN"]);

    const [a, b] = await Promise.all(
      [1, 2].map(() => stack.persisted("CompletePendingDelivery", { viewer: dispenser, variables: { id: registered.id, receivedBy: "María Fernanda Valencia Muñoz" } })),
    );
    expect([errorCodes(a!)[0] ?? "OK", errorCodes(b!)[0] ?? "OK"].sort()).toEqual(["CONFLICT", "OK"]);
    const after = await db().collection("mipres_prescriptions").findOne({ _id: rx!._id });
    expect((after!["technologies"] as { delivered: number }[])[0]!.delivered).toBe(technology.delivered + 1);
    const stored = await db().collection("pending_deliveries").findOne({ _id: registered.id as never });
    expect(stored).toMatchObject({ state: "ENTREGADA", queueKey: null });
  });
});

describe("two registrations of one medicine at once", () => {
  it("never owe more than remains: of two registrations for all that remains, one is refused", async () => {
    const rx = await db().collection("mipres_prescriptions").findOne({ memberId: family.member });
    const technology = (rx!["technologies"] as { index: number; quantity: number; delivered: number }[])[0]!;
    const open = await db().collection("pending_deliveries").find({ prescriptionNumber: rx!._id, technologyIndex: technology.index, state: "PENDIENTE" }).toArray();
    const remaining = technology.quantity - technology.delivered - open.reduce((sum, pending) => sum + (pending["quantity"] as number), 0);
    expect(remaining).toBeGreaterThan(0);
    const input = (key: string) => ({ prescriptionNumber: rx!._id, technologyIndex: technology.index, quantity: remaining, reason: "FALTA_INVENTARIO", place: { kind: "DOMICILIO", address: "Carrera 44 # 9C-35 Apto 402, Cali" }, idempotencyKey: key });
    const results = await Promise.all(["carrera-a-0001", "carrera-b-0001"].map((key) => stack.persisted("RegisterPendingDelivery", { viewer: PERSONAS["ips"], variables: { input: input(key) } })));
    expect(results.filter((result) => !result.errors).length).toBe(1);
    expect(results.flatMap((result) => errorCodes(result))).toEqual(["BAD_USER_INPUT"]);
  });
});
