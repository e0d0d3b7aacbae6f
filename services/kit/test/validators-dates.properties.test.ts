import "reflect-metadata";
import fc from "fast-check";
import { GraphQLError } from "graphql";
import { describe, expect, it } from "vitest";
import { LocalDate } from "../src/graphql/scalars.js";
import { isCalendarDate } from "../src/graphql/validators.js";
import { DocumentType } from "../src/identifiers/document.js";
import { MESSAGES, anyString, calendarDay, digits, documentTypes, expectAccepted, expectRefused, hostileChar, insertInto, loneSurrogate, monthLength, pad, run, setToday, useProbeSchema } from "./support/validator-harness.js";

// Properties of the validators of dates: IsBirthDate (not in the future, not more than 120 years back),
// FitsAge (RC, TI or CC by the age on the birth date), IsCalendarDate, and its agreement with the
// LocalDate scalar. They are kept together because they share the calendar: real days built from year,
// month and day, ages counted by anniversary, and a clock set to a chosen "today" in Colombia. Run through
// the probe schema of ./support/validator-harness.ts; month lengths and ages are stated here, not taken
// from the code under test.

useProbeSchema();

// --- Birth dates and the document an age requires ------------------------------------------------------

/**
 * Age by anniversaries: on `today` a person is at least `years` old when born on or before the same
 * month-day `years` earlier, compared as text ("2023-02-29" sorts between the 28th and 1 March, which is
 * how a 29 February birthday is kept in a common year).
 */
const atLeast = (birth: string, today: string, years: number): boolean => birth <= `${pad(Number(today.slice(0, 4)) - years, 4)}${today.slice(4)}`;

/** The day `years` before `today` (29 February kept as 28 February in a common year); a day shifted by `days`. */
const yearsBefore = (today: string, years: number): string => {
  const year = Number(today.slice(0, 4)) - years;
  const month = Number(today.slice(5, 7));
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(Math.min(Number(today.slice(8)), monthLength(year, month)), 2)}`;
};
const shiftDays = (date: string, days: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

const PERSON_QUERY = "query ($input: PropPersonInput!) { person(input: $input) }";
const NATIONAL = [DocumentType.RC, DocumentType.TI, DocumentType.CC];

describe("IsBirthDate and FitsAge", () => {
  it("accept a birth date from today back to 120 whole years, and refuse a future one or an older one", async () => {
    await fc.assert(
      fc.asyncProperty(calendarDay(2000, 2100), fc.oneof(calendarDay(1850, 2110).map((date) => ({ date })), fc.record({ years: fc.constantFrom(0, 120, 121), days: fc.integer({ min: -3, max: 3 }) })), async (today, pick) => {
        setToday(today);
        // Any day, or one within three days of today or of the 120th or 121st anniversary, where the rule turns.
        const birthDate = "date" in pick ? pick.date : shiftDays(yearsBefore(today, pick.years), pick.days);
        // A foreign document: no age rule, so only the birth date is judged.
        const result = await run(PERSON_QUERY, { input: { documentType: DocumentType.PA, birthDate } });
        const plausible = birthDate <= today && !atLeast(birthDate, today, 121);
        if (plausible) expectAccepted(result, "person", `PA:${birthDate}`);
        else expectRefused(result, "input.birthDate", MESSAGES.birthDate);
      }),
    );
  });

  it("accept RC from 0 to 6 years, TI from 7 to 17 and CC from 18, refusing the other two with the age in the message", async () => {
    await fc.assert(
      fc.asyncProperty(calendarDay(2000, 2100), fc.integer({ min: 0, max: 120 }), fc.nat({ max: 364 }), fc.constantFrom(...NATIONAL), async (today, years, daysBack, documentType) => {
        setToday(today);
        // A birth date `years` whole years old: between the `years`-th and the next anniversary.
        const birthDate = shiftDays(yearsBefore(today, years), -daysBack);
        if (!atLeast(birthDate, today, years) || atLeast(birthDate, today, years + 1)) return; // the day went past the previous anniversary
        const expected = years <= 6 ? DocumentType.RC : years <= 17 ? DocumentType.TI : DocumentType.CC;
        const result = await run(PERSON_QUERY, { input: { documentType, birthDate } });
        if (documentType === expected) expectAccepted(result, "person", `${documentType}:${birthDate}`);
        else expectRefused(result, "input.documentType", new RegExp(`^Con ${years} años el documento debe ser ${expected} `));
      }),
    );
  });

  it("judge the document type only against a usable birth date: an impossible one is refused once, on birthDate", async () => {
    await fc.assert(
      fc.asyncProperty(calendarDay(2000, 2100), documentTypes, fc.oneof(fc.integer({ min: 1, max: 5_000 }).map((days) => ({ days })), fc.integer({ min: 121, max: 400 }).map((years) => ({ years }))), async (today, documentType, offset) => {
        setToday(today);
        const birthDate = "days" in offset ? shiftDays(today, offset.days) : `${pad(Number(today.slice(0, 4)) - offset.years, 4)}-01-01`;
        expectRefused(await run(PERSON_QUERY, { input: { documentType, birthDate } }), "input.birthDate", MESSAGES.birthDate);
      }),
    );
  });
});

// --- Calendar dates -----------------------------------------------------------------------------------

const DATE_QUERY = "query ($input: PropDateInput!) { date(input: $input) }";

describe("IsCalendarDate", () => {
  it("accepts every day that exists, from year 0000 to 9999, and passes it on unchanged", async () => {
    await fc.assert(
      fc.asyncProperty(calendarDay(0, 9999), async (date) => {
        expect(isCalendarDate(date)).toBe(true);
        expectAccepted(await run(DATE_QUERY, { input: { date } }), "date", date);
      }),
    );
  });

  it("refuses a day past the month's end (29 February of a common year), month 00 or 13+, day 00, and any other spelling", async () => {
    const impossible = fc
      .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }))
      .filter(([year, month, day]) => month < 1 || month > 12 || day < 1 || day > monthLength(year, month))
      .map(([year, month, day]) => `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`);
    const respelled = calendarDay(0, 9999).chain((date) =>
      fc.oneof(
        // Month or day without its zero ("2026-4-01"), or the year without its zeros ("26-04-01").
        fc.constant(/-0/.test(date) ? date.replace(/-0/g, "-") : date.slice(2)),
        fc.constant(`${date}T00:00:00Z`),
        fc.constant(date.replaceAll("-", "/")),
        fc.constant(`${date}\n`),
        fc.constant(` ${date}`),
        fc.constant(`+0${date}`),
        insertInto(fc.constant(date), fc.oneof(hostileChar, loneSurrogate, fc.constant("0"))),
      ),
    );
    await fc.assert(
      fc.asyncProperty(fc.oneof(impossible, respelled), async (date) => {
        expect(isCalendarDate(date)).toBe(false);
        expectRefused(await run(DATE_QUERY, { input: { date } }), "input.date", MESSAGES.date, date);
      }),
    );
  });

  it("agrees with the LocalDate scalar on every candidate string: both take exactly the days that exist", () => {
    const candidate = fc.oneof(
      fc.tuple(digits(4, 4), digits(2, 2), digits(2, 2)).map(([year, month, day]) => `${year}-${month}-${day}`),
      calendarDay(0, 9999),
      anyString,
    );
    fc.assert(
      fc.property(candidate, (text) => {
        let scalarAccepts: boolean;
        try {
          expect(LocalDate.parseValue(text)).toBe(text);
          scalarAccepts = true;
        } catch (error) {
          expect(error).toBeInstanceOf(GraphQLError);
          scalarAccepts = false;
        }
        expect(scalarAccepts).toBe(isCalendarDate(text));
      }),
    );
  });
});
