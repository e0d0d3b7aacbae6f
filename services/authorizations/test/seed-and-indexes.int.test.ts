import "reflect-metadata";
import { createLogger } from "@sos/kit";
import { explainFind, testDatabase } from "@sos/kit/testing";
import { PERSONA_FAMILY_IDS } from "@sos/personas";
import type { Connection } from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AuthorizationState } from "../src/authorization/authorization.enums.js";
import { TRANSITIONS } from "../src/authorization/authorization.rules.js";
import { seedAuthorizations } from "../src/seed/seed.js";
import { authorizations } from "../src/subgraph.js";

let connection: Connection;
let drop: () => Promise<void>;
const logger = createLogger("test", "silent");
beforeAll(async () => {
  ({ connection, drop } = await testDatabase("authorizations_seed"));
  await authorizations.ensureIndexes(connection);
  await authorizations.definition.referenceData!(connection, logger);
  expect(await seedAuthorizations(connection, { members: 600, logger })).toEqual({ created: true });
});
afterAll(async () => {
  await drop?.();
});

const explain = (collection: string, filter: object, sort?: object) => explainFind(connection, collection, filter, sort);

describe("the seed", () => {
  it("is written once: a second start changes nothing", async () => {
    const before = await connection.collection("authorizations").countDocuments();
    expect(await seedAuthorizations(connection, { members: 600, logger })).toEqual({ created: false });
    expect(await connection.collection("authorizations").countDocuments()).toBe(before);
  });

  it("spreads states, dates and codes realistically, every history a path the life cycle allows", async () => {
    const docs = await connection.collection("authorizations").find().toArray();
    expect(docs.length).toBeGreaterThan(150);
    const states = new Set(docs.map((doc) => doc["state"]));
    for (const state of Object.values(AuthorizationState)) expect(states, state).toContain(state);
    for (const doc of docs) {
      const history = doc["history"] as { from: AuthorizationState | null; to: AuthorizationState }[];
      expect(history[0]!.to).toBe(AuthorizationState.RADICADA);
      for (const step of history.slice(1)) expect(TRANSITIONS[step.from as AuthorizationState]).toContain(step.to);
      expect(history.at(-1)!.to).toBe(doc["state"]);
    }
    const catalogued = (await connection.collection("cups_codes").distinct("_id")) as unknown[];
    expect(docs.every((doc) => (doc["items"] as { cupsCode: string }[]).every((item) => catalogued.includes(item.cupsCode)))).toBe(true);
    expect(docs.some((doc) => doc["deadline"].rule === "RES_3047_2008")).toBe(true);
    expect(docs.some((doc) => doc["deadline"].rule === "RES_2335_2023")).toBe(true);
  });

  it("gives the personas what the tests and a first try expect", async () => {
    const maria = await connection.collection("authorizations").find({ memberId: PERSONA_FAMILY_IDS.member }).toArray();
    expect(maria.map((doc) => doc["state"]).sort()).toEqual(["APROBADA", "EN_AUDITORIA", "RADICADA"]);
    expect(await connection.collection("pending_deliveries").countDocuments({ memberId: PERSONA_FAMILY_IDS.member, state: "PENDIENTE" })).toBeGreaterThan(0);
  });

  it("loads the code catalogues at every start without duplicating them", async () => {
    const count = await connection.collection("cie10_codes").countDocuments();
    await authorizations.definition.referenceData!(connection, logger);
    expect(await connection.collection("cie10_codes").countDocuments()).toBe(count);
    expect(await connection.collection("cups_codes").findOne({ _id: "890701" as never })).toMatchObject({ initialEmergencyCare: true });
  });
});

describe("every query path is served by an index", () => {
  const cases: [string, string, object, object?][] = [
    ["a member's list, newest first", "authorizations", { memberId: PERSONA_FAMILY_IDS.member }, { sortKey: -1 }],
    ["a member's list by state", "authorizations", { memberId: PERSONA_FAMILY_IDS.member, state: { $in: ["APROBADA"] } }],
    ["a clinic's requests", "authorizations", { requestingIpsCode: "760010000101" }, { sortKey: -1 }],
    ["a clinic's addressed ones", "authorizations", { destinationIpsCode: "760010000401" }, { sortKey: -1 }],
    ["the agents' queue", "authorizations", { queueKey: { $gt: "" } }, { queueKey: 1 }],
    ["a retried request", "authorizations", { idempotencyKey: "auto:AUT-2026-0000001" }],
    ["a member's prescriptions", "mipres_prescriptions", { memberId: PERSONA_FAMILY_IDS.member }, { sortKey: -1 }],
    ["what is routed to a dispenser", "mipres_prescriptions", { "technologies.dispenserIpsCode": "760010000101" }, { sortKey: -1 }],
    ["a member's pendientes", "pending_deliveries", { memberId: PERSONA_FAMILY_IDS.member }, { sortKey: -1 }],
    ["overdue pendientes", "pending_deliveries", { queueKey: { $gt: "", $lt: new Date().toISOString() } }, { queueKey: 1 }],
  ];
  for (const [name, collection, filter, sort] of cases) {
    it(name, async () => {
      const { plan } = await explain(collection, filter, sort);
      expect(plan, plan.join(" > ")).toContain("IXSCAN");
      expect(plan).not.toContain("COLLSCAN");
    });
  }
});
