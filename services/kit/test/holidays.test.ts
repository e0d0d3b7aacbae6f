import { describe, expect, it } from "vitest";
import { addBusinessDays, colombiaClock, colombianHolidays, easterSunday, isBusinessDay } from "../src/calendar/holidays.js";

const dates = (year: number) => [...new Set(colombianHolidays(year).map((holiday) => holiday.date))];

describe("the Colombian holiday calendar (Ley 51 de 1983)", () => {
  it("gives the official 2026 list", () => {
    expect(dates(2026).map((date) => date.slice(5))).toEqual([
      "01-01", "01-12", "03-23", "04-02", "04-03", "05-01", "05-18", "06-08", "06-15", "06-29",
      "07-20", "08-07", "08-17", "10-12", "11-02", "11-16", "12-08", "12-25",
    ]);
  });

  it("gives the official 2025 list, where San Pedro and Sagrado Corazón share 30 June", () => {
    expect(dates(2025).map((date) => date.slice(5))).toEqual([
      "01-01", "01-06", "03-24", "04-17", "04-18", "05-01", "06-02", "06-23", "06-30", "07-20",
      "08-07", "08-18", "10-13", "11-03", "11-17", "12-08", "12-25",
    ]);
    expect(colombianHolidays(2025).filter((holiday) => holiday.date === "2025-06-30").map((h) => h.name)).toEqual(["San Pedro y San Pablo", "Sagrado Corazón"]);
  });

  it("computes Easter for years around the present", () => {
    expect([2024, 2025, 2026, 2027, 2030].map(easterSunday)).toEqual(["2024-03-31", "2025-04-20", "2026-04-05", "2027-03-28", "2030-04-21"]);
  });

  it("counts business days over weekends and holidays", () => {
    expect(isBusinessDay("2026-03-23")).toBe(false); // San José, moved to Monday
    expect(isBusinessDay("2026-03-24")).toBe(true);
    // Wednesday 1 April 2026 + 2 business days skips Holy Thursday, Good Friday and the weekend.
    expect(addBusinessDays("2026-04-01", 2)).toBe("2026-04-07");
    // 15 business days from Friday 11 December 2026 (Christmas and New Year on the way).
    expect(addBusinessDays("2026-12-11", 15)).toBe("2027-01-05");
  });

  it("reads the time as Colombia does, right around midnight", () => {
    // 04:59 UTC on Monday 23 March is still Sunday 22 March, 23:59, in Bogotá; 05:00 UTC is the holiday.
    expect(colombiaClock(new Date("2026-03-23T04:59:00Z"))).toEqual({ date: "2026-03-22", weekday: 0, minutes: 23 * 60 + 59, holiday: false });
    expect(colombiaClock(new Date("2026-03-23T05:00:00Z"))).toEqual({ date: "2026-03-23", weekday: 1, minutes: 0, holiday: true });
  });

  it("refuses years outside the law and negative counts", () => {
    expect(() => colombianHolidays(1970)).toThrow(RangeError);
    expect(() => addBusinessDays("2026-01-01", -1)).toThrow(RangeError);
  });
});
