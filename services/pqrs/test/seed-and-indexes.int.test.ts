import "reflect-metadata";
import { createLogger } from "@sos/kit";
import { explainFind, testDatabase } from "@sos/kit/testing";
import { PERSONA_FAMILY_IDS, SEED_IPS } from "@sos/personas";
import type { Connection } from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedPqrs } from "../src/seed/seed.js";
import { pqrs } from "../src/subgraph.js";

let connection: Connection;
let drop: () => Promise<void>;
const logger = createLogger("test", "silent");
beforeAll(async () => {
  ({ connection, drop } = await testDatabase("pqrs_seed"));
  await pqrs.ensureIndexes(connection);
  expect(await seedPqrs(connection, { members: 1500, logger })).toEqual({ created: true });
});
afterAll(async () => {
  await drop?.();
});

describe("the seed", () => {
  it("is written once, with a spread of types, states and ages, some overdue and some anonymous", async () => {
    expect(await seedPqrs(connection, { members: 1500, logger })).toEqual({ created: false });
    const docs = await connection.collection("pqrs").find().toArray();
    expect(new Set(docs.map((doc) => doc["type"])).size).toBeGreaterThanOrEqual(6);
    expect(new Set(docs.map((doc) => doc["state"])).size).toBe(5);
    expect(docs.some((doc) => doc["queueKey"] && doc["dueAt"] < new Date())).toBe(true);
    expect(docs.some((doc) => doc["memberId"] === null)).toBe(true);
    expect(docs.filter((doc) => doc["memberId"] === PERSONA_FAMILY_IDS.member).map((doc) => doc["state"]).sort()).toEqual(["EN_TRAMITE", "RESPONDIDA"]);
  });
});

describe("every query path is served by an index", () => {
  const cases: [string, object, object?][] = [
    ["a member's PQRS", { memberId: PERSONA_FAMILY_IDS.member }, { sortKey: -1 }],
    ["a member's by state", { memberId: PERSONA_FAMILY_IDS.member, state: "RESPONDIDA" }, { sortKey: -1 }],
    ["a clinic's feed", { ipsFeedKey: SEED_IPS.personaPrimary }, { sortKey: -1 }],
    ["the agents' queue", { queueKey: { $gt: "", $lt: "2099-01-01" } }, { queueKey: 1 }],
    ["a retried filing", { idempotencyKey: "auto:PQRS-2026-0000001" }],
    ["the analysts' period", { sortKey: { $gte: "2026-01-01", $lt: "2027-01-01" } }],
  ];
  for (const [name, filter, sort] of cases) {
    it(name, async () => {
      const { plan } = await explainFind(connection, "pqrs", filter, sort);
      expect(plan, plan.join(" > ")).toContain("IXSCAN");
      expect(plan).not.toContain("COLLSCAN");
    });
  }
});
