import { connectDatabase, createLogger, ensureIndexes } from "@sos/kit";
import { explainFind, testDatabaseName, testMongoUri } from "@sos/kit/testing";
import type { Connection } from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createModels, type Models } from "../src/context.js";
import { PERSONA_EMPLOYER_NIT, PERSONA_IDS, PERSONA_IPS_CODE } from "@sos/personas";
import { seedAffiliation } from "../src/seed/seed.js";

// Every hot query path is served by an index: an IXSCAN, no COLLSCAN, no document read beyond the matches.
let connection: Connection;
let models: Models;
beforeAll(async () => {
  connection = await connectDatabase({ uri: testMongoUri(), dbName: testDatabaseName("indexes"), logger: createLogger("test", "silent") });
  models = createModels(connection);
  await ensureIndexes(Object.values(models));
  await seedAffiliation(connection, { members: 500 });
});
afterAll(async () => {
  await connection?.dropDatabase();
  await connection?.close();
});

const explain = (collection: string, filter: object, sort?: object) => explainFind(connection, collection, filter, sort);

describe("indexes on the hot paths", () => {
  it.each([
    ["a member by document", "members", { documentType: "CC", documentNumber: "1130612345" }, undefined],
    ["a batch of members by document (the loader's query)", "members", { documentType: "CC", documentNumber: { $in: ["1130614287", "1130612345", "94123456"] } }, undefined],
    ["a family group", "members", { cotizanteId: { $in: [PERSONA_IDS.member, PERSONA_IDS.otherMember] } }, undefined],
    ["an employer's dependents, by name", "members", { employerNit: PERSONA_EMPLOYER_NIT }, { sortKey: 1 }],
    ["an employer's dependents, a later page", "members", { employerNit: PERSONA_EMPLOYER_NIT, sortKey: { $gt: "m" } }, { sortKey: 1 }],
    ["an IPS's patients, by name", "members", { primaryIpsCode: PERSONA_IPS_CODE }, { sortKey: 1 }],
    ["an IPS's patients, a later page", "members", { primaryIpsCode: PERSONA_IPS_CODE, sortKey: { $gt: "m" } }, { sortKey: 1 }],
    ["an open application by document", "affiliation_applications", { "person.documentType": "CC", "person.documentNumber": "1", status: "RADICADA" }, undefined],
    ["protections past their last day (the hourly job)", "members", { state: "PROTECCION_LABORAL", protectionUntil: { $lt: "2026-11-30" } }, undefined],
    ["outbox messages about a member", "outbox", { memberId: PERSONA_IDS.member }, undefined],
    ["the review queue, a later page", "affiliation_applications", { status: "RADICADA", filingNumber: { $gt: "AF-2026-0000001" } }, { filingNumber: 1 }],
  ])("%s uses an index and reads only the matching documents", async (_label, collection, filter, sort) => {
    const { plan, returned, examined } = await explain(collection, filter, sort);
    expect(plan).toContain("IXSCAN");
    expect(plan).not.toContain("COLLSCAN");
    // MongoDB walks the index in sort order; SecantusDB sorts the matches in memory. Either way no
    // document outside the filter is read.
    expect(examined).toBe(returned);
  });
});
