import { PERSONAS, PERSONA_IDS, PERSONA_IPS_CODE, SEED_IPS } from "@sos/personas";
import { errorCodes } from "@sos/kit/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALLOWED_ORIGIN, countCommands, startStack, type Stack } from "./stack.js";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.close();
});

/** A cotizante with `size` beneficiaries, cloned from a seeded one, and a token for them. */
async function familyOf(size: number): Promise<string> {
  const members = stack.connection.collection("members");
  const template = await members.findOne({ memberType: "COTIZANTE", employerNit: { $type: "string" }, state: "ACTIVO" });
  if (!template) throw new Error("seed has no dependent cotizante");
  const base = 9_100_000_000 + size * 1000;
  const cotizanteId = `${"c".repeat(20)}${String(size).padStart(4, "0")}`;
  const beneficiaries = Array.from({ length: size }, (_, i) => ({
    ...template,
    _id: `${"b".repeat(16)}${String(size).padStart(4, "0")}${String(i).padStart(4, "0")}`,
    documentNumber: String(base + i + 1),
    memberType: "BENEFICIARIO",
    cotizanteKind: null,
    employerNit: null,
    cotizanteId,
    relationship: "HIJO",
  }));
  await members.insertMany([{ ...template, _id: cotizanteId as never, documentNumber: String(base) }, ...beneficiaries] as never[]);
  return cotizanteId;
}

describe("family group reads", () => {
  // Each beneficiary asks for its own family group again: without per-request loaders that is a cotizante
  // and a group lookup per beneficiary; with them, none beyond the first.
  const FAMILY = `{ me { fullName employer { name } familyGroup { size cotizante { fullName } beneficiaries { fullName birthDate relationship primaryIps { habilitationCode } familyGroup { size cotizante { id } } } } } }`;

  it("cost the same number of database commands for a family of 2 and of 10 (DataLoader)", async () => {
    const counts: Record<number, number> = {};
    for (const size of [2, 10]) {
      const memberId = await familyOf(size);
      const viewer = { subject: `user-family-${size}`, role: "MEMBER" as const, memberId };
      const { count, names } = await countCommands(stack.connection, async () => {
        const result = await stack.query<{ me: { familyGroup: { size: number } } }>(FAMILY, { viewer });
        expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
        expect(result.data?.me.familyGroup.size).toBe(size);
      });
      counts[size] = count;
      expect(names.every((name) => name === "find")).toBe(true);
    }
    expect(counts[10]).toBe(counts[2]);
    // me, the group's beneficiaries, the employers: one query each.
    expect(counts[2]).toBeLessThanOrEqual(3);
  });
});

describe("pagination input", () => {
  it.each([
    ["first above the maximum", { first: 500 }, "first"],
    ["first below 1", { first: 0 }, "first"],
    ["a cursor that is not one of ours", { after: "not-a-cursor" }, "after"],
  ])("refuses %s with BAD_USER_INPUT naming the argument", async (_label, variables, field) => {
    const result = await stack.persisted("AssignedPatients", { viewer: PERSONAS["ips"], variables });
    expect(errorCodes(result)).toEqual(["BAD_USER_INPUT"]);
    expect(result.errors?.[0]?.extensions?.field).toBe(field);
  });
});

describe("errors", () => {
  it("answer a malformed query with the request-level code, and an unknown field with validation failure", async () => {
    const parse = await stack.query(`{ me { `, { viewer: PERSONAS["member"] });
    expect(errorCodes(parse)).toEqual(["GRAPHQL_PARSE_FAILED"]);
    const unknown = await stack.query(`{ me { salary } }`, { viewer: PERSONAS["member"] });
    expect(errorCodes(unknown)).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
  });

  it("name the field of a variable that does not fit its type, at the gateway or at a subgraph's scalar", async () => {
    const atGateway = await stack.persisted("AssignedPatients", { viewer: PERSONAS["ips"], variables: { first: "veinte" } });
    expect(errorCodes(atGateway)).toEqual(["BAD_USER_INPUT"]);
    expect(atGateway.errors?.[0]?.extensions?.field).toBe("first");

    const person = { documentType: "RC", documentNumber: "1107999001", firstName: "Ana", firstSurname: "Gil", birthDate: "2024-02-30", sex: "FEMENINO" };
    const atSubgraph = await stack.query(`mutation($input: AddBeneficiaryInput!) { addBeneficiary(input: $input) { id } }`, {
      viewer: PERSONAS["member"],
      variables: { input: { person, relationship: "HIJO", economicDependent: true } },
    });
    expect(errorCodes(atSubgraph)).toEqual(["BAD_USER_INPUT"]);
    expect(atSubgraph.errors?.[0]?.extensions?.field).toBe("input.person.birthDate");
    expect(atSubgraph.errors?.[0]?.message).toMatch(/formato/);
  });

  it("never leak internals: a database failure is INTERNAL with a generic Spanish message", async () => {
    // Break the members collection's data shape for one member: a non-string name makes the resolver throw.
    await stack.connection.collection("members").updateOne({ _id: PERSONA_IDS.otherMember as never }, { $set: { firstSurname: { $bad: 1 } } });
    const agent = PERSONAS["agent"];
    const result = await stack.query(`query($id: ID!) { member(id: $id) { id fullName firstSurname } }`, {
      viewer: agent,
      variables: { id: PERSONA_IDS.otherMember },
      headers: { "x-access-purpose": "prueba" },
    });
    expect(errorCodes(result)).toContain("INTERNAL");
    const internal = result.errors?.find((error) => error.extensions?.code === "INTERNAL");
    expect(internal?.message).toMatch(/error interno/);
    expect(JSON.stringify(result.errors)).not.toMatch(/stack|String cannot represent|affiliation|127\.0\.0\.1|serviceName/i);
    // The id on the error is the one in the response header and in the logs.
    expect(internal?.extensions?.["requestId"]).toBe(result.headers?.get("x-request-id"));
    expect(Object.keys(internal?.extensions ?? {}).sort()).toEqual(["code", "requestId"]);
  });
});

describe("browser clients (CORS)", () => {
  it("answer the portal's preflight and allow it to read responses, and nobody else", async () => {
    const preflight = (origin: string) =>
      fetch(stack.gatewayUrl, {
        method: "OPTIONS",
        headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "authorization, content-type" },
      });
    const allowed = await preflight(ALLOWED_ORIGIN);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get("access-control-allow-origin")).toBe(ALLOWED_ORIGIN);
    expect(allowed.headers.get("access-control-allow-headers")).toContain("authorization");

    const stranger = await preflight("https://evil.example");
    expect(stranger.headers.get("access-control-allow-origin")).toBeNull();

    const answer = await fetch(stack.gatewayUrl, {
      method: "POST",
      headers: { origin: ALLOWED_ORIGIN, "content-type": "application/json" },
      body: JSON.stringify({ query: "{ __typename }" }),
    });
    expect(answer.headers.get("access-control-allow-origin")).toBe(ALLOWED_ORIGIN);
  });
});

describe("the first join across subgraphs", () => {
  it("answers a member's primary clinic from the directory, with its address and how to book", async () => {
    const result = await stack.persisted<{ me: { primaryIps: { habilitationCode: string; name: string; address: string; booking: { url: string } | null } } }>(
      "MemberHome",
      { viewer: PERSONAS["member"] },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.me.primaryIps).toMatchObject({ habilitationCode: PERSONA_IPS_CODE, name: "IPS Samán del Valle" });
    expect(result.data?.me.primaryIps.address).toMatch(/\d/);
    expect(result.data?.me.primaryIps.booking?.url).toContain(PERSONA_IPS_CODE);
  });

  it("lets an anonymous visitor find the nearest emergency rooms, by a trusted document", async () => {
    const result = await stack.persisted<{ nearestEmergencyRooms: { distanceMeters: number; ips: { name: string } }[] }>("NearestEmergencyRooms", {
      variables: { near: { latitude: 3.4516, longitude: -76.532 }, first: 3 },
    });
    expect(result.errors).toBeUndefined();
    expect(result.data?.nearestEmergencyRooms[0]?.ips.name).toBe("IPS Samán del Valle");
  });

  it("says which emergency rooms near Cali are open on a Sunday at 02:00 and on a holiday", async () => {
    const QUERY = `query($at: DateTime) { nearestEmergencyRooms(near: { latitude: 3.4516, longitude: -76.532 }, first: 5, at: $at) { openNow ips { habilitationCode } } }`;
    for (const at of ["2026-03-22T07:00:00Z", "2026-03-23T15:00:00Z"]) {
      const result = await stack.query<{ nearestEmergencyRooms: { openNow: boolean; ips: { habilitationCode: string } }[] }>(QUERY, { variables: { at } });
      const open = new Map(result.data?.nearestEmergencyRooms.map((room) => [room.ips.habilitationCode, room.openNow]));
      expect(open.get(PERSONA_IPS_CODE)).toBe(false); // a daytime emergency room
      expect(open.get(SEED_IPS.caliSpecialised)).toBe(true); // Cali's 24-hour one
    }
  });

  it("lets an anonymous visitor find the Pereira phone line and the offices of Palmira", async () => {
    const pereira = await stack.persisted<{ phoneLines: { city: string } }>("ContactUs", { variables: { municipalityCode: "66001" } });
    expect(pereira.data?.phoneLines.city).toBe("(606) 340 04 04");
    const palmira = await stack.persisted<{ offices: { name: string; address: string }[] }>("ContactUs", { variables: { municipalityCode: "76520" } });
    expect(palmira.data?.offices.map((office) => office.name)).toEqual(["Oficina Palmira Centro", "Punto de atención Zamorano"]);
  });
});

describe("health", () => {
  it("of a subgraph reports its database", async () => {
    const ready = await fetch(stack.subgraphUrl.replace(/\/graphql$/, "/health/ready"));
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: "ok", database: "connected" });
  });

  it("is ready only while affiliation, which decides every access, answers", async () => {
    const live = await fetch(`${stack.gatewayBase}/health/live`);
    expect(live.status).toBe(200);
    const ready = await fetch(`${stack.gatewayBase}/health/ready`);
    expect(ready.status).toBe(200);
    const names = Object.keys(stack.subgraphs).sort();
    const report = (reachable: (name: string) => boolean) =>
      expect.arrayContaining(names.map((name) => ({ name, reachable: reachable(name) })));
    expect(await ready.json()).toEqual({ status: "ok", subgraphs: report(() => true) });

    await stack.stopSubgraph();
    const down = await fetch(`${stack.gatewayBase}/health/ready`);
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ status: "unavailable", subgraphs: report((name) => name !== "affiliation") });
  });
});

