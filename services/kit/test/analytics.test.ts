import { describe, expect, it } from "vitest";
import { MIN_CELL_SIZE, suppressSmallCells } from "../src/analytics.js";

describe("small-cell suppression", () => {
  it("withholds cells under 5 people and leaves them out of the total", () => {
    const result = suppressSmallCells([
      { key: "a", count: 120 },
      { key: "b", count: 5 },
      { key: "c", count: 4 },
      { key: "d", count: 1 },
    ]);
    expect(MIN_CELL_SIZE).toBe(5);
    expect(result.cells.map((cell) => cell.key)).toEqual(["a", "b"]);
    expect(result.total).toBe(125);
    expect(result.suppressedCells).toBe(2);
  });

  it("cannot be undone by subtraction: the total is the sum of what is shown", () => {
    const result = suppressSmallCells([{ count: 50 }, { count: 2 }]);
    expect(result.total - result.cells.reduce((sum, cell) => sum + cell.count, 0)).toBe(0);
  });
});
