import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addBusinessDays, colombianHolidays, isBusinessDay, isHoliday, weekdayOf } from "../src/calendar/holidays.js";
import { DocumentType, ageOn, documentTypeAgeProblem, isValidDocumentNumber, nationalDocumentForAge } from "../src/identifiers/document.js";
import { formatNit, nitCheckDigit, parseNit } from "../src/identifiers/nit.js";

// Properties of the rules every subgraph leans on (deadlines, identifiers), checked over many generated
// inputs rather than a few examples. fast-check prints the smallest failing input when one breaks.

const DAY_MS = 86_400_000;
/** Any calendar day from 2000 to 2050, as "YYYY-MM-DD". */
const isoDay = fc.integer({ min: Date.UTC(2000, 0, 1) / DAY_MS, max: Date.UTC(2050, 11, 31) / DAY_MS }).map((day) => new Date(day * DAY_MS).toISOString().slice(0, 10));
const nextDay = (date: string): string => new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);

describe("legal deadlines in business days", () => {
  it("land on a business day after the start, with exactly that many business days in between", () => {
    fc.assert(
      fc.property(isoDay, fc.integer({ min: 1, max: 40 }), (start, days) => {
        const due = addBusinessDays(start, days);
        expect(due > start).toBe(true);
        expect(isBusinessDay(due)).toBe(true);
        let counted = 0;
        for (let day = nextDay(start); day <= due; day = nextDay(day)) if (isBusinessDay(day)) counted += 1;
        expect(counted).toBe(days);
      }),
    );
  });

  it("grow with the number of days, and adding in two steps is adding once", () => {
    fc.assert(
      fc.property(isoDay, fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 30 }), (start, a, b) => {
        expect(addBusinessDays(start, a + b) >= addBusinessDays(start, a)).toBe(true);
        // From a business day, b more business days after a days is a + b days.
        const first = addBusinessDays(start, a);
        if (a > 0) expect(addBusinessDays(first, b)).toBe(addBusinessDays(start, a + b));
      }),
    );
  });

  it("refuse a negative or fractional number of days", () => {
    fc.assert(
      fc.property(isoDay, fc.oneof(fc.integer({ max: -1 }), fc.double({ noInteger: true, noNaN: true })), (start, days) => {
        expect(() => addBusinessDays(start, days)).toThrow(RangeError);
      }),
    );
  });

  it("count 18 holidays a year, inside the year; all but the eight fixed ones on a Monday (Ley Emiliani)", () => {
    const FIXED = new Set(["Año Nuevo", "Día del Trabajo", "Día de la Independencia", "Batalla de Boyacá", "Inmaculada Concepción", "Navidad", "Jueves Santo", "Viernes Santo"]);
    fc.assert(
      fc.property(fc.integer({ min: 1984, max: 2200 }), (year) => {
        const holidays = colombianHolidays(year);
        expect(holidays).toHaveLength(18);
        // Two of them may fall on one Monday (2000: San Pedro y San Pablo and Sagrado Corazón, 3 July).
        expect(new Set(holidays.map((holiday) => holiday.date)).size).toBeGreaterThanOrEqual(16);
        for (const { date, name } of holidays) {
          expect(date.startsWith(String(year))).toBe(true);
          expect(isHoliday(date)).toBe(true);
          expect(isBusinessDay(date)).toBe(false);
          if (!FIXED.has(name)) expect(weekdayOf(date)).toBe(1);
        }
      }),
    );
  });
});

describe("NIT", () => {
  const base = fc.stringMatching(/^\d{9}$/);

  it("parses what it formats, in every accepted spelling, and refuses every other check digit", () => {
    fc.assert(
      fc.property(base, fc.integer({ min: 0, max: 9 }), (digits, other) => {
        const check = nitCheckDigit(digits);
        expect(parseNit(formatNit(digits))).toEqual({ base: digits, checkDigit: check });
        expect(parseNit(`${digits}${check}`)).toEqual({ base: digits, checkDigit: check });
        expect(parseNit(`${digits.slice(0, 3)}.${digits.slice(3, 6)}.${digits.slice(6)}-${check}`)).toEqual({ base: digits, checkDigit: check });
        if (other !== check) expect(parseNit(`${digits}-${other}`)).toBeNull();
      }),
    );
  });

  it("refuses anything that is not nine digits and a check digit, without throwing", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (input) => {
        const parsed = parseNit(input);
        if (parsed) expect(input.replace(/[.\s-]/g, "")).toBe(`${parsed.base}${parsed.checkDigit}`);
      }),
    );
  });
});

describe("document numbers and ages", () => {
  const types = fc.constantFrom(...(Object.values(DocumentType) as DocumentType[]));

  it("never accept an empty number, spaces, lowercase letters or operator objects' text", () => {
    fc.assert(
      fc.property(types, fc.oneof(fc.constant(""), fc.string().map((s) => ` ${s}`), fc.stringMatching(/^[a-z]{3,10}$/), fc.constant('{"$gt":""}')), (type, number) => {
        expect(isValidDocumentNumber(type, number)).toBe(false);
      }),
    );
  });

  it("ask for the national document of each age, and accept it", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 120 }), (age) => {
        const type = nationalDocumentForAge(age);
        expect(documentTypeAgeProblem(type, age)).toBeNull();
        for (const other of [DocumentType.RC, DocumentType.TI, DocumentType.CC].filter((candidate) => candidate !== type)) {
          expect(documentTypeAgeProblem(other, age)).not.toBeNull();
        }
      }),
    );
  });

  it("count whole years: one day before a birthday is a year less than on it", () => {
    fc.assert(
      fc.property(isoDay, fc.integer({ min: 1, max: 100 }), (birth, years) => {
        if (birth.endsWith("-02-29")) return; // born on 29 February: birthdays fall on 28 February or 1 March
        const birthday = `${Number(birth.slice(0, 4)) + years}${birth.slice(4)}`;
        const dayBefore = new Date(Date.parse(`${birthday}T00:00:00Z`) - DAY_MS).toISOString().slice(0, 10);
        expect(ageOn(birth, birthday)).toBe(years);
        expect(ageOn(birth, dayBefore)).toBe(years - 1);
      }),
    );
  });
});
