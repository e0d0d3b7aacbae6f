import { connectDatabase, createLogger, ensureIndexes } from "@sos/kit";
import { testDatabaseName, testMongoUri } from "@sos/kit/testing";
import type { Connection } from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createModels, type Models } from "../src/context.js";
import { PERSONA_EMPLOYER_NIT, PERSONA_IDS, PERSONA_IPS_CODE } from "../src/seed/personas.js";
import { seedAffiliation } from "../src/seed/seed.js";

// Every hot query path is served by an index: the planner's winning plan has an IXSCAN and no COLLSCAN.
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

interface PlanNode {
  stage?: string;
  inputStage?: PlanNode;
  inputStages?: PlanNode[];
  queryPlan?: PlanNode;
}

function stages(node: PlanNode | undefined): string[] {
  if (!node) return [];
  return [node.stage ?? "", ...stages(node.inputStage), ...(node.inputStages ?? []).flatMap(stages), ...stages(node.queryPlan)];
}

async function winningStages(collection: string, filter: object, sort?: object): Promise<string[]> {
  const cursor = connection.collection(collection).find(filter);
  if (sort) cursor.sort(sort as never);
  const explained = (await cursor.explain("queryPlanner")) as { queryPlanner: { winningPlan: PlanNode } };
  return stages(explained.queryPlanner.winningPlan);
}

describe("indexes on the hot paths", () => {
  it.each([
    ["a member by document", "members", { documentType: "CC", documentNumber: "1130612345" }, undefined],
    ["a family group", "members", { cotizanteId: { $in: [PERSONA_IDS.member, PERSONA_IDS.otherMember] } }, undefined],
    ["an employer's dependents, by name", "members", { employerNit: PERSONA_EMPLOYER_NIT }, { sortName: 1, _id: 1 }],
    ["an IPS's patients, by name", "members", { primaryIpsCode: PERSONA_IPS_CODE }, { sortName: 1, _id: 1 }],
    ["primary-care choices of a municipality", "network_ips", { municipalityCode: "76001", primaryCare: true, active: true }, { name: 1 }],
    ["an open application by document", "affiliation_applications", { "person.documentType": "CC", "person.documentNumber": "1", status: "RADICADA" }, undefined],
  ])("%s uses an index", async (_label, collection, filter, sort) => {
    const plan = await winningStages(collection, filter, sort);
    expect(plan).toContain("IXSCAN");
    expect(plan).not.toContain("COLLSCAN");
    expect(plan).not.toContain("SORT");
  });
});
