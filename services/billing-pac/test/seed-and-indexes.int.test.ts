import "reflect-metadata";
import { createLogger } from "@sos/kit";
import { explainFind, testDatabase } from "@sos/kit/testing";
import { PERSONA_FAMILY_IDS } from "@sos/personas";
import type { Connection } from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedBilling } from "../src/seed/seed.js";
import { billingPac } from "../src/subgraph.js";

let connection: Connection;
let drop: () => Promise<void>;
const logger = createLogger("test", "silent");
beforeAll(async () => {
  ({ connection, drop } = await testDatabase("billing_seed"));
  await billingPac.ensureIndexes(connection);
  expect(await seedBilling(connection, { members: 600, logger, today: "2026-11-30" })).toEqual({ created: true });
});
afterAll(async () => {
  await drop?.();
});

describe("the seed", () => {
  it("is written once: a second start changes nothing", async () => {
    const before = await connection.collection("contributions").countDocuments();
    expect(await seedBilling(connection, { members: 600, logger, today: "2026-11-30" })).toEqual({ created: false });
    expect(await connection.collection("contributions").countDocuments()).toBe(before);
  });

  it("gives every contributivo cotizante a year of contributions with late and unpaid periods, and whole pesos", async () => {
    const rows = await connection.collection("contributions").find().toArray();
    const states = new Set(rows.map((row) => row["state"]));
    expect([...states].sort()).toEqual(["NO_PAGADO", "PAGADO", "PAGADO_TARDE"]);
    expect(rows.every((row) => Number.isSafeInteger(row["amount"]) && Number.isSafeInteger(row["ibc"]) && row["amount"] === row["employerShare"] + row["workerShare"])).toBe(true);
    const maria = rows.filter((row) => row["memberId"] === PERSONA_FAMILY_IDS.member);
    expect(maria).toHaveLength(12);
    expect(maria.every((row) => row["state"] !== "NO_PAGADO")).toBe(true);
  });

  it("numbers the seeded invoices without gaps, and leaves the sequence at the last one", async () => {
    const consecutives = (await connection.collection("pac_invoices").find().project({ consecutive: 1 }).toArray()).map((row) => row["consecutive"] as number).sort((a, b) => a - b);
    expect(consecutives).toEqual(Array.from({ length: consecutives.length }, (_, i) => i + 1));
    expect(await connection.collection("sequences").findOne({ _id: "pac-invoice" as never })).toMatchObject({ value: consecutives.length });
  });
});

describe("every query path is served by an index", () => {
  const cases: [string, string, object, object?][] = [
    ["a member's contributions by period", "contributions", { memberId: PERSONA_FAMILY_IDS.member, sortKey: { $gte: "2026-01" } }, { sortKey: -1 }],
    ["an employer's contributions", "contributions", { aportanteNit: "900123456" }, { sortKey: -1 }],
    ["unpaid periods of many members", "contributions", { memberId: { $in: [PERSONA_FAMILY_IDS.member, PERSONA_FAMILY_IDS.otherMember] }, state: "NO_PAGADO" }],
    ["what many holders owe", "pac_invoices", { owedBy: { $in: [PERSONA_FAMILY_IDS.member, PERSONA_FAMILY_IDS.otherMember] } }],
    ["a holder's invoices", "pac_invoices", { holderId: PERSONA_FAMILY_IDS.member }, { sortKey: -1 }],
    ["a contract's invoice of a month", "pac_invoices", { contractId: "PAC-000001", period: "2026-11" }],
    ["invoices past due", "pac_invoices", { state: "EMITIDA", dueDate: { $lt: "2026-11-30" } }],
    ["contracts a member holds", "pac_contracts", { holderId: PERSONA_FAMILY_IDS.member }],
    ["contracts covering a member", "pac_contracts", { beneficiaryIds: PERSONA_FAMILY_IDS.youngerChild }],
    ["pending payments, oldest first", "pse_payments", { pendingKey: { $gt: "", $lt: "2026-11-30" } }, { pendingKey: 1 }],
    ["a retried payment", "pse_payments", { idempotencyKey: "user:key" }],
  ];
  for (const [name, collection, filter, sort] of cases) {
    it(name, async () => {
      const { plan } = await explainFind(connection, collection, filter, sort);
      expect(plan, plan.join(" > ")).toContain("IXSCAN");
      expect(plan).not.toContain("COLLSCAN");
    });
  }
});
