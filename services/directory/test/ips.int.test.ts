import { SEED_IPS } from "@sos/personas";
import { countCommands, errorCodes, explainFind, startTestSubgraph, TEST_GATEWAY_SECRET, type TestSubgraph } from "@sos/kit/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isOpenAt } from "../src/ips/ips.hours.js";
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

/** Near the centre of Cali, where the persona's clinic (a daytime emergency room) stands. */
const CALI = { latitude: 3.4516, longitude: -76.532 };
const NEAREST = `query($near: GeoPointInput!, $first: Int, $at: DateTime) {
  nearestEmergencyRooms(near: $near, first: $first, at: $at) { distanceMeters openNow ips { habilitationCode name municipalityCode } }
}`;
type Nearest = { nearestEmergencyRooms: { distanceMeters: number; openNow: boolean; ips: { habilitationCode: string; municipalityCode: string } }[] };

// Times given in UTC; Colombia is UTC−5.
const SUNDAY_2AM = "2026-03-22T07:00:00Z"; // Sunday 22 March 2026, 02:00 in Cali
const HOLIDAY_10AM = "2026-03-23T15:00:00Z"; // Monday 23 March 2026 (San José), 10:00
const MONDAY_10AM = "2026-03-30T15:00:00Z"; // Monday 30 March 2026, 10:00, a working day

describe("opening hours", () => {
  const daytime = { openingHours: [1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, opens: 420, closes: 1140 })), holidayHours: [] };
  const allDay = { openingHours: [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, opens: 0, closes: 1440 })), holidayHours: [{ opens: 0, closes: 1440 }] };

  it("read Colombian time, right around midnight", () => {
    expect(isOpenAt(daytime, new Date("2026-03-24T11:59:00Z"))).toBe(false); // Tuesday 06:59
    expect(isOpenAt(daytime, new Date("2026-03-24T12:00:00Z"))).toBe(true); // Tuesday 07:00
    expect(isOpenAt(daytime, new Date("2026-03-25T00:00:00Z"))).toBe(false); // Tuesday 19:00: closed
    expect(isOpenAt(allDay, new Date("2026-03-25T04:59:59Z"))).toBe(true); // Tuesday 23:59:59
    expect(isOpenAt(allDay, new Date("2026-03-25T05:00:00Z"))).toBe(true); // Wednesday 00:00
  });

  it("close a daytime room on Sundays and holidays; a 24-hour one never closes", () => {
    for (const at of [SUNDAY_2AM, HOLIDAY_10AM]) {
      expect(isOpenAt(daytime, new Date(at))).toBe(false);
      expect(isOpenAt(allDay, new Date(at))).toBe(true);
    }
    expect(isOpenAt(daytime, new Date(MONDAY_10AM))).toBe(true);
  });
});

describe("the nearest emergency rooms", () => {
  it("come back ordered by distance, for anyone, without a session", async () => {
    const result = await subgraph.query<Nearest>(NEAREST, { variables: { near: CALI, first: 5 } });
    expect(result.errors).toBeUndefined();
    const rooms = result.data!.nearestEmergencyRooms;
    expect(rooms.length).toBe(5);
    expect(rooms[0]?.ips.habilitationCode).toBe(SEED_IPS.personaPrimary);
    const distances = rooms.map((room) => room.distanceMeters);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    expect(distances[0]).toBeLessThan(50);
  });

  it.each([
    ["a Sunday at 02:00", SUNDAY_2AM, false],
    ["a holiday at 10:00", HOLIDAY_10AM, false],
    ["a working Monday at 10:00", MONDAY_10AM, true],
  ])("say whether each is open on %s", async (_label, at, daytimeOpen) => {
    const rooms = (await subgraph.query<Nearest>(NEAREST, { variables: { near: CALI, first: 5, at } })).data!.nearestEmergencyRooms;
    const byCode = new Map(rooms.map((room) => [room.ips.habilitationCode, room.openNow]));
    expect(byCode.get(SEED_IPS.personaPrimary)).toBe(daytimeOpen); // a daytime room
    expect(byCode.get(SEED_IPS.caliSpecialised)).toBe(true); // Cali's 24-hour room
  });

  it.each([
    [{ near: { latitude: 95, longitude: -76.5 } }, "near.latitude"],
    [{ near: { latitude: 3.4, longitude: -190 } }, "near.longitude"],
    [{ near: CALI, first: 50 }, "first"],
    [{ near: CALI, first: 0 }, "first"],
  ])("refuse %j with BAD_USER_INPUT naming the field", async (variables, field) => {
    const result = await subgraph.query(NEAREST, { variables });
    expect(errorCodes(result)).toEqual(["BAD_USER_INPUT"]);
    expect(result.errors?.[0]?.extensions?.field).toBe(field);
  });
});

describe("clinics", () => {
  it("of a municipality and network come a page at a time, active ones only", async () => {
    const result = await subgraph.query<{ clinics: { totalCount: number; nodes: { habilitationCode: string; networks: string[]; active: boolean }[] } }>(
      `{ clinics(municipalityCode: "76001", network: PRIMARY, first: 3) { totalCount nodes { habilitationCode networks active } } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.clinics.nodes.length).toBe(3);
    expect(result.data!.clinics.nodes.every((clinic) => clinic.active && clinic.networks.includes("PRIMARY"))).toBe(true);
    expect(result.data!.clinics.totalCount).toBeGreaterThanOrEqual(3);
  });

  it("with a service offer it, and a malformed service code is refused", async () => {
    const pediatrics = await subgraph.query<{ clinics: { nodes: { services: { code: string }[] }[] } }>(
      `{ clinics(municipalityCode: "76001", service: "342") { nodes { services { code name } } } }`,
    );
    expect(pediatrics.data!.clinics.nodes.length).toBeGreaterThan(0);
    expect(pediatrics.data!.clinics.nodes.every((clinic) => clinic.services.some((service) => service.code === "342"))).toBe(true);
    const bad = await subgraph.query(`{ clinics(municipalityCode: "76001", service: "pediatría") { totalCount } }`);
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "service" });
  });

  it("refuse an unknown municipality and a malformed REPS code, naming the field", async () => {
    const municipality = await subgraph.query(`{ clinics(municipalityCode: "11001") { totalCount } }`);
    expect(municipality.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "municipalityCode" });
    const code = await subgraph.query(`{ ips(habilitationCode: "76001") { name } }`);
    expect(code.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "habilitationCode" });
  });

  it("of a municipality and network are served from an index", async () => {
    const page = await explainFind(subgraph.connection, "clinics", { municipalityCode: "76001", networks: "PRIMARY", active: true, _id: { $gt: "7" } }, { _id: 1 });
    expect(page.plan).toContain("IXSCAN");
    expect(page.plan).not.toContain("COLLSCAN");
    expect(page.examined).toBe(page.returned);
  });

  it("answer every Ips reference of a request in one database command", async () => {
    const codes = [SEED_IPS.personaPrimary, SEED_IPS.caliAlternative, SEED_IPS.otherMunicipality, "769990000101"];
    const { names } = await countCommands(subgraph.connection, async () => {
      const response = await fetch(subgraph.url, {
        method: "POST",
        headers: { "content-type": "application/json", "x-gateway-secret": TEST_GATEWAY_SECRET },
        body: JSON.stringify({
          query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on Ips { habilitationCode name } } }`,
          variables: { r: codes.map((habilitationCode) => ({ __typename: "Ips", habilitationCode })) },
        }),
      });
      const body = (await response.json()) as { data: { _entities: ({ habilitationCode: string } | null)[] } };
      expect(body.data._entities.map((entity) => entity?.habilitationCode ?? null)).toEqual([...codes.slice(0, 3), null]);
    });
    expect(names.filter((name) => name === "find")).toHaveLength(1);
  });
});

describe("the directory's indexes", () => {
  it("can be created again at every start (a second ensureIndexes changes nothing)", async () => {
    await directory.ensureIndexes(subgraph.connection);
    await directory.ensureIndexes(subgraph.connection);
    const names = (await subgraph.connection.collection("clinics").indexes()).map((index) => index.name);
    expect(names).toContain("location_2dsphere");
  });
});
