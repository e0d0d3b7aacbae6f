import { countCommands, errorCodes, explainFind, startTestSubgraph, type TestSubgraph } from "@sos/kit/testing";
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

const QUERY = `query($specialty: String!, $city: String!, $after: String) {
  pacDoctors(specialty: $specialty, municipalityCode: $city, first: 2, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    nodes { fullName specialty sites { municipalityCode ips { name networks } hours { weekday opens closes } } }
  }
}`;
type Page = {
  pacDoctors: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    nodes: { fullName: string; specialty: string; sites: { municipalityCode: string; ips: { name: string; networks: string[] } }[] }[];
  };
};

describe("the PAC medical directory", () => {
  it("finds the doctors of a specialty in a city, with their sites and hours, a page at a time", async () => {
    const first = await subgraph.query<Page>(QUERY, { variables: { specialty: "Cardiología", city: "76001" } });
    expect(first.errors).toBeUndefined();
    const page = first.data!.pacDoctors;
    expect(page.totalCount).toBeGreaterThanOrEqual(2);
    expect(page.nodes.every((doctor) => doctor.specialty === "Cardiología" && doctor.sites.some((site) => site.municipalityCode === "76001"))).toBe(true);
    expect(page.nodes.flatMap((doctor) => doctor.sites).every((site) => site.ips.networks.includes("PAC"))).toBe(true);
    const next = await subgraph.query<Page>(QUERY, { variables: { specialty: "Cardiología", city: "76001", after: page.pageInfo.endCursor } });
    expect(next.data!.pacDoctors.nodes[0]?.fullName).not.toBe(page.nodes[0]?.fullName);
  });

  it("reads the sites' clinics of a page in one query", async () => {
    const { names } = await countCommands(subgraph.connection, () => subgraph.query(QUERY, { variables: { specialty: "Pediatría", city: "76001" } }));
    // The page, its count, and the clinics of every site of it.
    expect(names.filter((name) => name === "find")).toHaveLength(2);
  });

  it("refuses a specialty outside the directory and an unknown city, naming the field", async () => {
    const specialty = await subgraph.query(QUERY, { variables: { specialty: "Brujería", city: "76001" } });
    expect(specialty.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "specialty" });
    const city = await subgraph.query(QUERY, { variables: { specialty: "Pediatría", city: "11001" } });
    expect(errorCodes(city)).toEqual(["BAD_USER_INPUT"]);
  });

  it("searches by specialty and city from an index", async () => {
    const plan = await explainFind(subgraph.connection, "pac_doctors", { specialty: "Pediatría", municipalityCodes: "76001", sortKey: { $gt: "a" } }, { sortKey: 1 });
    expect(plan.plan).toContain("IXSCAN");
    expect(plan.examined).toBe(plan.returned);
  });
});
