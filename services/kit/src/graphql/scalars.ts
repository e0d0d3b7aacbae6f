import { DateTimeResolver, LocalDateResolver } from "graphql-scalars";

/**
 * Calendar dates (birth, affiliation) travel as "YYYY-MM-DD" strings and are stored the same way, so no
 * time zone can move them a day. Instants travel as ISO date-times and are JS Dates in code.
 */
export const LocalDate = LocalDateResolver;
export const DateTime = DateTimeResolver;

/** For type-graphql's buildSchema: a Date-typed field becomes DateTime. */
export const scalarsMap = [{ type: Date, scalar: DateTimeResolver }];

/** Today in Colombia (UTC-5, no daylight saving) as "YYYY-MM-DD". */
export function todayInColombia(now: Date = new Date()): string {
  return new Date(now.getTime() - 5 * 3600_000).toISOString().slice(0, 10);
}
