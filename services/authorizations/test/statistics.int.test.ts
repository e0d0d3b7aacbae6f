import "reflect-metadata";
import { todayInColombia } from "@sos/kit";
import { countCommands, errorCodes, explainFind, startTestSubgraph, type TestSubgraph } from "@sos/kit/testing";
import { PERSONAS, SEED_IPS } from "@sos/personas";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AuthorizationState } from "../src/authorization/authorization.enums.js";
import type { AuthorizationDoc } from "../src/authorization/authorization.model.js";
import { CIE10_CATALOGUE } from "../src/catalog/cie10.data.js";
import { CUPS_CATALOGUE } from "../src/catalog/cups.data.js";
import { buildAuthorization } from "../src/seed/authorizations.seed.js";
import { monthsSoFar } from "../src/statistics/statistics.resolver.js";
import { authorizations } from "../src/subgraph.js";

// authorizationStatistics (issue 31): known filings in fixed past years, so nothing here moves with the
// calendar but the check of the year under way.

let subgraph: TestSubgraph;
const S = AuthorizationState;
const analyst = PERSONAS["analyst"]!;
const STATS = `query($year: Int!) { authorizationStatistics(year: $year) { suppressedCells cells { month state count } } }`;
type Cell = { month: string; state: AuthorizationState; count: number | null };
type Stats = { authorizationStatistics: { suppressedCells: number; cells: Cell[] } };

const member = (n: number) => `5f0000000000000000${String(n).padStart(6, "0")}`;
const orderable = CUPS_CATALOGUE.find((entry) => !entry.initialEmergencyCare)!.code;
let serial = 0;
const filing = (memberId: string, filedAt: string, state: AuthorizationState): AuthorizationDoc => {
  const year = todayInColombia(new Date(filedAt)).slice(0, 4);
  return buildAuthorization(
    {
      memberId,
      filedAt: new Date(filedAt),
      state,
      requestingIpsCode: SEED_IPS.personaPrimary,
      destinationIpsCode: SEED_IPS.caliSpecialised,
      diagnosisCodes: [CIE10_CATALOGUE[0]!.code],
      items: [{ cupsCode: orderable, quantity: 1 }],
    },
    `AUT-${year}-${String(++serial).padStart(7, "0")}`,
  );
};
const people = (from: number, count: number) => Array.from({ length: count }, (_, i) => member(from + i));

/**
 * 2024, in Colombian months (UTC-5):
 * - March, APROBADA: 12 people, one of them with two filings (people, not filings: 12 → 10, 13 would be 15);
 * - March, NEGADA: 3 people (withheld);
 * - July, UTILIZADA: 8 people, one filed at 22:00 on 31 July in Colombia, already 1 August in UTC (8 → 10; 7 → 5);
 * - December, RADICADA: 5 people, one at 23:30 on 31 December in Colombia, 2025 in UTC (5 → 5; 4 → withheld);
 * - 5 people at 21:00 on 31 December 2023 in Colombia, 2024 in UTC: 2023's, not 2024's January.
 */
const FIXTURES: AuthorizationDoc[] = [
  ...people(1, 12).map((id, i) => filing(id, `2024-03-${String(4 + i).padStart(2, "0")}T15:00:00.000Z`, S.APROBADA)),
  filing(member(1), "2024-03-20T15:00:00.000Z", S.APROBADA),
  ...people(20, 3).map((id) => filing(id, "2024-03-10T15:00:00.000Z", S.NEGADA)),
  ...people(30, 7).map((id, i) => filing(id, `2024-07-${String(10 + i).padStart(2, "0")}T15:00:00.000Z`, S.UTILIZADA)),
  filing(member(37), "2024-08-01T03:00:00.000Z", S.UTILIZADA),
  ...people(40, 4).map((id) => filing(id, "2024-12-15T15:00:00.000Z", S.RADICADA)),
  filing(member(44), "2025-01-01T04:30:00.000Z", S.RADICADA),
  ...people(50, 5).map((id) => filing(id, "2024-01-01T02:00:00.000Z", S.RADICADA)),
];

beforeAll(async () => {
  subgraph = await startTestSubgraph(authorizations);
  await subgraph.connection.collection("authorizations").insertMany(FIXTURES as never[]);
});
afterAll(async () => {
  await subgraph?.close();
});

const statistics = (year: number, viewer = analyst) => subgraph.query<Stats>(STATS, { viewer, variables: { year } });
const published = (cells: Cell[]) => cells.filter((cell) => cell.count !== null);

describe("authorizationStatistics", () => {
  it("gives an analyst every month of a past year by every state, people per cell rounded to 5, small cells withheld", async () => {
    const result = await statistics(2024);
    expect(result.errors).toBeUndefined();
    const stats = result.data!.authorizationStatistics;
    expect(stats.cells).toHaveLength(12 * Object.values(S).length);
    expect(stats.cells.slice(0, 2)).toEqual([
      { month: "2024-01", state: S.RADICADA, count: null },
      { month: "2024-01", state: S.EN_AUDITORIA, count: null },
    ]);
    expect(published(stats.cells)).toEqual([
      { month: "2024-03", state: S.APROBADA, count: 10 },
      { month: "2024-07", state: S.UTILIZADA, count: 10 },
      { month: "2024-12", state: S.RADICADA, count: 5 },
    ]);
    // March's 3 denials: withheld, and counted; the empty cells are shown the same way, and not counted.
    expect(stats.cells.find((cell) => cell.month === "2024-03" && cell.state === S.NEGADA)).toEqual({ month: "2024-03", state: S.NEGADA, count: null });
    expect(stats.suppressedCells).toBe(1);
  });

  it("matches what was filed, counted from the stored records by Colombian month and state", async () => {
    const expected = new Map<string, Set<string>>();
    for (const doc of FIXTURES) {
      const key = `${todayInColombia(doc.filedAt).slice(0, 7)}|${doc.state}`;
      expected.set(key, (expected.get(key) ?? new Set()).add(doc.memberId));
    }
    for (const year of [2023, 2024]) {
      const { cells } = (await statistics(year)).data!.authorizationStatistics;
      for (const cell of cells) {
        const filed = expected.get(`${cell.month}|${cell.state}`)?.size ?? 0;
        expect(cell.count, `${cell.month} ${cell.state}`).toBe(filed >= 5 ? Math.round(filed / 5) * 5 : null);
      }
    }
    // 31 December 2023 in Colombia is 2023's, whatever the UTC date.
    expect(published((await statistics(2023)).data!.authorizationStatistics.cells)).toEqual([{ month: "2023-12", state: S.RADICADA, count: 5 }]);
  });

  it("answers agents too, with one aggregation that a range of the filing-date index serves", async () => {
    const { count, names } = await countCommands(subgraph.connection, async () => {
      const result = await statistics(2024, PERSONAS["agent"]!);
      expect(result.errors).toBeUndefined();
    });
    expect({ count, names }).toEqual({ count: 1, names: ["aggregate"] });
    const { plan, examined, returned } = await explainFind(subgraph.connection, "authorizations", { sortKey: { $gte: "2024-01-01T05:00:00.000Z", $lt: "2025-01-01T05:00:00.000Z" } });
    expect(plan, plan.join(" > ")).toContain("IXSCAN");
    expect(plan).not.toContain("COLLSCAN");
    expect(examined).toBe(returned);
    expect(returned).toBe(FIXTURES.length - 5);
  });

  it("shows only the months begun of the year under way, and none of next year", async () => {
    const today = todayInColombia();
    const thisYear = Number(today.slice(0, 4));
    const current = await statistics(thisYear);
    expect(current.errors).toBeUndefined();
    const months = [...new Set(current.data!.authorizationStatistics.cells.map((cell) => cell.month))];
    expect(months).toEqual(monthsSoFar(thisYear, today));
    expect(months.at(-1)).toBe(today.slice(0, 7));
    const next = await statistics(thisYear + 1);
    expect(next.data!.authorizationStatistics).toEqual({ cells: [], suppressedCells: 0 });
  });

  it("is refused to members, employers and clinics", async () => {
    for (const viewer of [PERSONAS["member"]!, PERSONAS["beneficiary"]!, PERSONAS["employer"]!, PERSONAS["ips"]!]) {
      const result = await statistics(2024, viewer);
      expect(errorCodes(result), viewer.role).toEqual(["FORBIDDEN"]);
      expect(result.data?.authorizationStatistics ?? null).toBeNull();
    }
    expect(errorCodes(await subgraph.query(STATS, { variables: { year: 2024 } }))).toEqual(["UNAUTHENTICATED"]);
  });

  it("refuses a year before 2000 or after next year, naming the field", async () => {
    const nextYear = Number(todayInColombia().slice(0, 4)) + 1;
    for (const year of [1999, nextYear + 1, -5]) {
      const result = await statistics(year);
      expect(errorCodes(result), String(year)).toEqual(["BAD_USER_INPUT"]);
      expect(result.errors?.[0]?.extensions).toMatchObject({ field: "year" });
      expect(result.errors?.[0]?.message).toBe(`El año debe estar entre 2000 y ${nextYear}.`);
    }
    expect((await statistics(2000)).errors).toBeUndefined();
  });
});

describe("monthsSoFar", () => {
  it("gives all twelve months of a past year, the months begun of this one, none of a future one", () => {
    expect(monthsSoFar(2024, "2026-11-30")).toHaveLength(12);
    expect(monthsSoFar(2026, "2026-03-01")).toEqual(["2026-01", "2026-02", "2026-03"]);
    expect(monthsSoFar(2027, "2026-12-31")).toEqual([]);
  });
});
