/**
 * Analysts see aggregates only, and a cell counting fewer than MIN_CELL_SIZE people is suppressed
 * (docs/domain.md). Suppression alone is undone by subtraction across two breakdowns (a municipality's
 * total minus its published states gives the suppressed state exactly), so every published count is also
 * rounded to the nearest multiple of ROUNDING_BASE, and the total is the sum of what is published.
 */
export const MIN_CELL_SIZE = 5;
export const ROUNDING_BASE = 5;

export interface Suppressed<T extends { count: number }> {
  /** Cells of MIN_CELL_SIZE people or more, each count rounded to the nearest multiple of ROUNDING_BASE. */
  cells: T[];
  /** Sum of the published (rounded) cells. */
  total: number;
  /** How many cells were withheld (not how many people). */
  suppressedCells: number;
}

export const roundCount = (count: number, base = ROUNDING_BASE): number => Math.round(count / base) * base;

export function suppressSmallCells<T extends { count: number }>(cells: T[], minimum = MIN_CELL_SIZE, base = ROUNDING_BASE): Suppressed<T> {
  const published = cells.filter((cell) => cell.count >= minimum).map((cell) => ({ ...cell, count: roundCount(cell.count, base) }));
  return {
    cells: published,
    total: published.reduce((sum, cell) => sum + cell.count, 0),
    suppressedCells: cells.length - published.length,
  };
}
