import { errorCodes, startTestSubgraph, type TestSubgraph } from "@sos/kit/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { directory } from "../src/subgraph.js";

let subgraph: TestSubgraph;
beforeAll(async () => {
  subgraph = await startTestSubgraph(directory);
});
afterAll(async () => {
  await subgraph?.close();
});

describe("how to reach the insurer, for anyone", () => {
  it("gives the Pereira line with the national and PAC lines and the menu", async () => {
    const result = await subgraph.query<{ phoneLines: { national: string; pac: string; city: string | null; menu: { option: number }[] } }>(
      `{ phoneLines(municipalityCode: "66001") { national pac city menu { option description } } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.phoneLines).toMatchObject({ national: "01 8000 938 777", pac: "(602) 4853057", city: "(606) 340 04 04" });
    expect(result.data?.phoneLines.menu.map((entry) => entry.option)).toEqual([1, 2, 3, 4, 5, 6, 7, 9]);
  });

  it("gives the national line where a municipality has no line of its own", async () => {
    const result = await subgraph.query<{ phoneLines: { city: string | null } }>(`{ phoneLines(municipalityCode: "76563") { city national } }`);
    expect(result.data?.phoneLines.city).toBeNull();
  });

  it("lists the offices of Palmira, open on a working morning and closed on a holiday", async () => {
    const QUERY = `query($at: DateTime) { offices(municipalityCode: "76520", at: $at) { name address openNow } }`;
    const working = await subgraph.query<{ offices: { name: string; openNow: boolean }[] }>(QUERY, { variables: { at: "2026-03-30T15:00:00Z" } });
    expect(working.data?.offices.map((office) => office.name)).toEqual(["Oficina Palmira Centro", "Punto de atención Zamorano"]);
    expect(working.data?.offices.every((office) => office.openNow)).toBe(true);
    const holiday = await subgraph.query<{ offices: { openNow: boolean }[] }>(QUERY, { variables: { at: "2026-03-23T15:00:00Z" } });
    expect(holiday.data?.offices.some((office) => office.openNow)).toBe(false);
  });

  it("refuses an unknown municipality, naming the field", async () => {
    for (const query of [`{ offices(municipalityCode: "05001") { name } }`, `{ phoneLines(municipalityCode: "7652") { city } }`]) {
      const result = await subgraph.query(query);
      expect(errorCodes(result)).toEqual(["BAD_USER_INPUT"]);
      expect(result.errors?.[0]?.extensions?.field).toBe("municipalityCode");
    }
  });
});

describe("help for members", () => {
  it("answers frequent questions, by topic, and states the rights and duties", async () => {
    const urgent = await subgraph.query<{ faq: { id: string; topic: string }[] }>(`{ faq(topic: URGENCIAS) { id topic question answer } }`);
    expect(urgent.data?.faq.map((entry) => entry.id)).toEqual(["urgencias-autorizacion"]);
    const all = await subgraph.query<{ faq: unknown[] }>(`{ faq { id } }`);
    expect(all.data?.faq.length).toBeGreaterThan(5);
    const rights = await subgraph.query<{ memberRightsAndDuties: { rights: string[]; duties: string[] } }>(`{ memberRightsAndDuties { rights duties } }`);
    expect(rights.data?.memberRightsAndDuties.rights.some((right) => /urgencias/.test(right))).toBe(true);
    expect(rights.data?.memberRightsAndDuties.duties.length).toBeGreaterThan(3);
  });
});
