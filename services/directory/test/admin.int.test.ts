import { SEED_IPS } from "@sos/personas";
import { errorCodes, startTestSubgraph, type TestSubgraph } from "@sos/kit/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDirectory } from "../src/seed/seed.js";
import { directory } from "../src/subgraph.js";

let subgraph: TestSubgraph;
beforeAll(async () => {
  subgraph = await startTestSubgraph(directory);
  await seedDirectory(subgraph.connection);
});
afterAll(async () => {
  await subgraph?.close();
});

const agent = { subject: "user-agent-0001", role: "AGENT" as const };
const purpose = { "x-access-purpose": "Actualización de horario informada por la IPS" };
const UPDATE = `mutation($input: UpdateClinicInput!) { updateClinic(input: $input) { habilitationCode active networks openingHours { weekday opens closes } openNow(at: "2026-03-22T07:00:00Z") } }`;
const code = SEED_IPS.personaPrimary;

describe("staff keep the directory current", () => {
  it("lets an agent with a stated purpose change a clinic's hours, and records who, what and why", async () => {
    // Open every day around the clock, from now on: Sunday 02:00 is then open.
    const openingHours = [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, opens: "00:00", closes: "24:00" }));
    const result = await subgraph.query<{ updateClinic: { openNow: boolean; openingHours: unknown[] } }>(UPDATE, {
      viewer: agent,
      headers: purpose,
      variables: { input: { habilitationCode: code, openingHours } },
    });
    expect(result.errors).toBeUndefined();
    expect(result.data?.updateClinic.openNow).toBe(true);
    expect(result.data?.updateClinic.openingHours).toHaveLength(7);
    const record = await subgraph.connection.collection("clinic_changes").findOne({ clinic: code });
    expect(record).toMatchObject({ actor: { subject: agent.subject, role: "AGENT" }, purpose: purpose["x-access-purpose"] });
  });

  it("refuses members, clinics and agents without a purpose, changing nothing", async () => {
    const input = { habilitationCode: code, active: false };
    const member = await subgraph.query(UPDATE, { viewer: { subject: "m", role: "MEMBER", memberId: "5e05a0000000000000000001" }, variables: { input } });
    expect(errorCodes(member)).toEqual(["FORBIDDEN"]);
    const ips = await subgraph.query(UPDATE, { viewer: { subject: "i", role: "IPS", ipsCode: code }, variables: { input } });
    expect(errorCodes(ips)).toEqual(["FORBIDDEN"]);
    const noPurpose = await subgraph.query(UPDATE, { viewer: agent, variables: { input } });
    expect(noPurpose.errors?.[0]?.message).toMatch(/X-Access-Purpose/);
    expect((await subgraph.connection.collection("clinics").findOne({ _id: code as never }))?.["active"]).toBe(true);
  });

  it.each([
    [{ openingHours: [{ weekday: 1, opens: "17:00", closes: "07:00" }] }, "input.openingHours.0.closes"],
    [{ openingHours: [{ weekday: 1, opens: "07:00", closes: "12:00" }, { weekday: 1, opens: "11:00", closes: "15:00" }] }, "input.openingHours.1.opens"],
    [{ openingHours: [{ weekday: 7, opens: "07:00", closes: "12:00" }] }, "input.openingHours.0.weekday"],
    [{ openingHours: [{ weekday: 1, opens: "7:00", closes: "12:00" }] }, "input.openingHours.0.opens"],
    [{ networks: ["PRIMARY", "PRIMARY"] }, "input.networks"],
    [{}, "input"],
  ])("refuses %j naming the field, changing nothing", async (changes, field) => {
    const before = await subgraph.connection.collection("clinics").findOne({ _id: SEED_IPS.caliAlternative as never });
    const result = await subgraph.query(UPDATE, { viewer: agent, headers: purpose, variables: { input: { habilitationCode: SEED_IPS.caliAlternative, ...changes } } });
    expect(errorCodes(result)).toEqual(["BAD_USER_INPUT"]);
    expect(result.errors?.[0]?.extensions?.field).toBe(field);
    expect(await subgraph.connection.collection("clinics").findOne({ _id: SEED_IPS.caliAlternative as never })).toEqual(before);
  });

  it("answers NOT_FOUND for a clinic the directory does not have, recording nothing", async () => {
    const result = await subgraph.query(UPDATE, { viewer: agent, headers: purpose, variables: { input: { habilitationCode: "769990000101", active: false } } });
    expect(errorCodes(result)).toEqual(["NOT_FOUND"]);
    expect(await subgraph.connection.collection("clinic_changes").countDocuments({ clinic: "769990000101" })).toBe(0);
  });
});
