import "reflect-metadata";
import { errorCodes, startTestSubgraph, type TestSubgraph } from "@sos/kit/testing";
import { PERSONAS } from "@sos/personas";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PqrsDoc } from "../src/pqrs/pqrs.model.js";
import { PqrsState, PqrsType, isOverdue } from "../src/pqrs/pqrs.rules.js";
import { pqrs } from "../src/subgraph.js";

// pqrsStatistics' overdue PQRS by type (issue 31): known filings in a fixed past year, so what is overdue
// "now" is the same whatever the day the test runs (every term of 2024 has run out, but the few given a
// deadline in 2099).

let subgraph: TestSubgraph;
const analyst = PERSONAS["analyst"]!;
const STATS = `query($from: String!, $to: String) { pqrsStatistics(from: $from, to: $to) { byType { key count } byState { key count } overdue { key count } suppressedCells } }`;
type Count = { key: string; count: number };
type Stats = { pqrsStatistics: { byType: Count[]; byState: Count[]; overdue: Count[]; suppressedCells: number } };

const member = (n: number) => `5f0000000000000000${String(n).padStart(6, "0")}`;
let serial = 0;
/** What the statistics read of a PQRS (the rest of a filing plays no part in them). */
const filing = (memberId: string, type: PqrsType, state: PqrsState, filedAt: string, dueAt: string): Partial<PqrsDoc> => {
  const number = `PQRS-${filedAt.slice(0, 4)}-${String(++serial).padStart(7, "0")}`;
  const open = state === PqrsState.RADICADA || state === PqrsState.ASIGNADA || state === PqrsState.EN_TRAMITE;
  return {
    _id: number,
    memberId,
    type,
    state,
    subject: "PQRS sintética de prueba",
    description: "Texto sintético de ejemplo.",
    ipsCode: null,
    contact: { email: null, mobile: null },
    municipalityCode: "76001",
    filedAt: new Date(filedAt),
    dueAt: new Date(dueAt),
    sortKey: `${filedAt}:${number}`,
    queueKey: open ? `${dueAt}:${number}` : null,
    idempotencyKey: `auto:${number}`,
    version: 1,
  };
};
const people = (from: number, count: number) => Array.from({ length: count }, (_, i) => member(from + i));

/**
 * Filed in 2024 (Colombian months), by distinct people:
 * - QUEJA, in process and past due: 12 people, one with two (people, not filings: 12 → 10, 13 would be 15);
 * - PETICION, in process and past due: 3 people (withheld);
 * - RECLAMO, answered after the deadline: 6 people, not overdue (answered);
 * - DENUNCIA, in process, due in 2099: 6 people, not overdue (not yet due);
 * and QUEJA, in process and past due, by 5 more people at 21:00 on 31 December 2023 in Colombia (2024 in
 * UTC): 2023's, outside a 2024 period.
 */
const FIXTURES = [
  ...people(1, 12).map((id) => filing(id, PqrsType.QUEJA, PqrsState.EN_TRAMITE, "2024-05-06T15:00:00.000Z", "2024-05-09T15:00:00.000Z")),
  filing(member(1), PqrsType.QUEJA, PqrsState.ASIGNADA, "2024-06-03T15:00:00.000Z", "2024-06-06T15:00:00.000Z"),
  ...people(20, 3).map((id) => filing(id, PqrsType.PETICION, PqrsState.RADICADA, "2024-08-01T15:00:00.000Z", "2024-08-23T04:59:59.999Z")),
  ...people(30, 6).map((id) => filing(id, PqrsType.RECLAMO, PqrsState.RESPONDIDA, "2024-09-02T15:00:00.000Z", "2024-09-05T15:00:00.000Z")),
  ...people(40, 6).map((id) => filing(id, PqrsType.DENUNCIA, PqrsState.EN_TRAMITE, "2024-10-01T15:00:00.000Z", "2099-01-01T04:59:59.999Z")),
  ...people(50, 5).map((id) => filing(id, PqrsType.QUEJA, PqrsState.EN_TRAMITE, "2024-01-01T02:00:00.000Z", "2024-01-04T02:00:00.000Z")),
];

beforeAll(async () => {
  subgraph = await startTestSubgraph(pqrs);
  await subgraph.connection.collection("pqrs").insertMany(FIXTURES as never[]);
});
afterAll(async () => {
  await subgraph?.close();
});

const statistics = (from: string, to: string | null, viewer = analyst) => subgraph.query<Stats>(STATS, { viewer, variables: { from, to } });

describe("pqrsStatistics: overdue", () => {
  it("gives an analyst the PQRS of the period still open past their legal deadline, people by type, small cells withheld", async () => {
    const result = await statistics("2024-01", "2024-12");
    expect(result.errors).toBeUndefined();
    const stats = result.data!.pqrsStatistics;
    // Twelve people's complaints overdue; three petitions overdue, withheld; the answered claims and the
    // reports not yet due are not overdue; the complaints of 31 December 2023 are outside the period.
    expect(stats.overdue).toEqual([{ key: PqrsType.QUEJA, count: 10 }]);
    expect(stats.byType).toEqual([
      { key: PqrsType.DENUNCIA, count: 5 },
      { key: PqrsType.QUEJA, count: 10 },
      { key: PqrsType.RECLAMO, count: 5 },
    ]);
    expect(stats.byState).toEqual([
      { key: PqrsState.EN_TRAMITE, count: 20 },
      { key: PqrsState.RESPONDIDA, count: 5 },
    ]);
    // Withheld: the petitions in byType and in overdue, and in byState the 3 RADICADA (the petitions) and
    // the 1 ASIGNADA (the second complaint).
    expect(stats.suppressedCells).toBe(4);
  });

  it("matches the stored records judged by the life cycle's own rule (isOverdue)", async () => {
    for (const [from, to] of [["2024-01", "2024-12"], ["2023-12", null], ["2024-05", "2024-06"]] as const) {
      const inPeriod = FIXTURES.filter((doc) => doc.sortKey! >= `${from}-01T05:00:00.000Z` && doc.sortKey! < `${nextMonth(to ?? from)}-01T05:00:00.000Z`);
      const expected = new Map<string, Set<string>>();
      for (const doc of inPeriod.filter((doc) => isOverdue(doc.state!, doc.dueAt!))) expected.set(doc.type!, (expected.get(doc.type!) ?? new Set()).add(doc.memberId!));
      const published = [...expected].filter(([, filers]) => filers.size >= 5).map(([key, filers]) => ({ key, count: Math.round(filers.size / 5) * 5 }));
      const result = await statistics(from, to);
      expect(result.errors).toBeUndefined();
      expect(result.data!.pqrsStatistics.overdue, `${from}..${to ?? from}`).toEqual(published.sort((a, b) => a.key.localeCompare(b.key)));
    }
    // 31 December 2023 in Colombia is 2023's, whatever the UTC date.
    expect((await statistics("2023-12", null)).data!.pqrsStatistics.overdue).toEqual([{ key: PqrsType.QUEJA, count: 5 }]);
  });

  it("answers agents too, and is refused to members, employers and clinics", async () => {
    const asAgent = await statistics("2024-01", "2024-12", PERSONAS["agent"]!);
    expect(asAgent.errors).toBeUndefined();
    expect(asAgent.data!.pqrsStatistics.overdue).toEqual([{ key: PqrsType.QUEJA, count: 10 }]);
    for (const viewer of [PERSONAS["member"]!, PERSONAS["employer"]!, PERSONAS["ips"]!]) {
      const result = await statistics("2024-01", "2024-12", viewer);
      expect(errorCodes(result), viewer.role).toEqual(["FORBIDDEN"]);
      expect(result.data?.pqrsStatistics ?? null).toBeNull();
    }
  });
});

const nextMonth = (month: string): string => {
  const [year, m] = month.split("-").map(Number) as [number, number];
  return m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, "0")}`;
};
