import { describe, expect, it } from "vitest";
import { addMonths, laborProtection, wholeMonthsBetween } from "../src/novelty/novelty.rules.js";

describe("protección laboral by time with the EPS", () => {
  it.each([
    ["under 12 months: none", "2026-01-15", "2026-12-14", 0, null],
    ["exactly 12 months: 1 month", "2025-11-30", "2026-11-30", 1, "2026-12-30"],
    ["four years and 11 months: still 1 month", "2021-12-01", "2026-11-30", 1, "2026-12-30"],
    ["exactly 5 years: 3 months", "2021-11-30", "2026-11-30", 3, "2027-02-28"],
    ["20 years: 3 months", "2006-03-01", "2026-03-31", 3, "2026-06-30"],
  ])("%s", (_label, affiliationDate, lastWorkDay, months, until) => {
    expect(laborProtection(affiliationDate, lastWorkDay)).toEqual({ months, until });
  });

  it("counts whole calendar months, a month not complete until its day comes round", () => {
    expect(wholeMonthsBetween("2026-01-31", "2026-02-28")).toBe(0);
    expect(wholeMonthsBetween("2026-01-31", "2026-03-31")).toBe(2);
    expect(wholeMonthsBetween("2026-05-10", "2026-05-09")).toBe(0);
  });

  it("adds months keeping the day, or the month's last day when it has none", () => {
    expect(addMonths("2026-01-31", 1)).toBe("2026-02-28");
    expect(addMonths("2028-01-31", 1)).toBe("2028-02-29");
    expect(addMonths("2026-11-15", 3)).toBe("2027-02-15");
    expect(addMonths("2026-12-31", 1)).toBe("2027-01-31");
  });
});
