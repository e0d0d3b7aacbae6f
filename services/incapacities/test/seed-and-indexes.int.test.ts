import "reflect-metadata";
import { createLogger } from "@sos/kit";
import { explainFind, testDatabase } from "@sos/kit/testing";
import { PERSONA_EMPLOYER_NIT, PERSONA_FAMILY_IDS } from "@sos/personas";
import type { Connection } from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedIncapacities } from "../src/seed/seed.js";
import { incapacities } from "../src/subgraph.js";

let connection: Connection;
let drop: () => Promise<void>;
const logger = createLogger("test", "silent");
beforeAll(async () => {
  ({ connection, drop } = await testDatabase("incapacities_seed"));
  await incapacities.ensureIndexes(connection);
  expect(await seedIncapacities(connection, { members: 1500, logger })).toEqual({ created: true });
});
afterAll(async () => {
  await drop?.();
});

describe("the seed", () => {
  it("is written once, with chains, licences, work accidents and claims in every state", async () => {
    expect(await seedIncapacities(connection, { members: 1500, logger })).toEqual({ created: false });
    const docs = await connection.collection("incapacities").find().toArray();
    expect(new Set(docs.map((doc) => doc["type"]))).toEqual(new Set(["ENFERMEDAD_GENERAL", "ACCIDENTE_TRABAJO", "LICENCIA_MATERNIDAD", "LICENCIA_PATERNIDAD"]));
    expect(new Set(docs.map((doc) => doc["state"])).size).toBeGreaterThanOrEqual(5);
    expect(docs.some((doc) => doc["extensionOf"] !== null && doc["chainDays"] > doc["days"])).toBe(true);
    expect(docs.filter((doc) => doc["settlement"]).every((doc) => Number.isSafeInteger(doc["settlement"].total))).toBe(true);
    expect(docs.filter((doc) => doc["memberId"] === PERSONA_FAMILY_IDS.member).map((doc) => doc["state"]).sort()).toEqual(["PAGADA", "RADICADA"]);
  });
});

describe("every query path is served by an index", () => {
  const cases: [string, object, object?][] = [
    ["a member's incapacities by date", { memberId: PERSONA_FAMILY_IDS.member, sortKey: { $gte: "2026-01-01" } }, { sortKey: -1 }],
    ["an employer's", { employerNit: PERSONA_EMPLOYER_NIT }, { sortKey: -1 }],
    ["the agents' queue", { queueKey: { $gt: "", $lt: "2099-01-01" } }, { queueKey: 1 }],
    ["a retried filing", { idempotencyKey: "auto:INC-2026-0000001" }],
    ["the last certificate of a chain", { chainId: "INC-2026-0000001" }, { chainDays: -1 }],
  ];
  for (const [name, filter, sort] of cases) {
    it(name, async () => {
      const { plan } = await explainFind(connection, "incapacities", filter, sort);
      expect(plan, plan.join(" > ")).toContain("IXSCAN");
      expect(plan).not.toContain("COLLSCAN");
    });
  }
});
