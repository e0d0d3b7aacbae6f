import { describe, expect, it } from "vitest";
import { MIN_CELL_SIZE, roundCount, suppressSmallCells } from "../src/analytics.js";

describe("small-cell suppression", () => {
  it("withholds cells under 5 people, rounds the rest to a multiple of 5, and totals what is shown", () => {
    const result = suppressSmallCells([
      { key: "a", count: 122 },
      { key: "b", count: 5 },
      { key: "c", count: 4 },
      { key: "d", count: 1 },
    ]);
    expect(MIN_CELL_SIZE).toBe(5);
    expect(result.cells).toEqual([
      { key: "a", count: 120 },
      { key: "b", count: 5 },
    ]);
    expect(result.total).toBe(125);
    expect(result.suppressedCells).toBe(2);
  });

  it("rounds to the nearest multiple of 5", () => {
    expect([5, 7, 8, 12, 13, 100].map((n) => roundCount(n))).toEqual([5, 5, 10, 10, 15, 100]);
  });

  it("cannot be undone by subtracting a finer breakdown from a coarser one", () => {
    // A municipality of 63 people: 60 ACTIVO, 3 RETIRADO. Without rounding, 63 − 60 = 3 would reveal the
    // suppressed cell exactly.
    const coarse = suppressSmallCells([{ count: 63 }]);
    const fine = suppressSmallCells([{ count: 60 }, { count: 3 }]);
    const difference = coarse.total - fine.total;
    expect(difference % 5).toBe(0);
    expect(difference).not.toBe(3);
  });
});
