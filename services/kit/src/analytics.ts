/**
 * Analysts see aggregates only, and a cell counting fewer than MIN_CELL_SIZE people is suppressed
 * (shared/domain.md). Suppressed cells are left out, and so is their count from the published total:
 * a total that included them would give a lone suppressed cell away by subtraction.
 */
export const MIN_CELL_SIZE = 5;

export interface Suppressed<T extends { count: number }> {
  cells: T[];
  /** Sum of the published cells. */
  total: number;
  /** How many cells were withheld (not how many people). */
  suppressedCells: number;
}

export function suppressSmallCells<T extends { count: number }>(cells: T[], minimum = MIN_CELL_SIZE): Suppressed<T> {
  const published = cells.filter((cell) => cell.count >= minimum);
  return {
    cells: published,
    total: published.reduce((sum, cell) => sum + cell.count, 0),
    suppressedCells: cells.length - published.length,
  };
}
