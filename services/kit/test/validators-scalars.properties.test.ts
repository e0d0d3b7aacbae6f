import "reflect-metadata";
import fc from "fast-check";
import { validate } from "class-validator";
import { GraphQLError, Kind, type ExecutionResult } from "graphql";
import { describe, expect, it } from "vitest";
import { ErrorCode } from "../src/errors.js";
import { MAX_PAGE_SIZE } from "../src/graphql/pagination.js";
import { DateTime, Pesos } from "../src/graphql/scalars.js";
import { isCalendarDate } from "../src/graphql/validators.js";
import { DocumentType } from "../src/identifiers/document.js";
import { DateInput, DocumentInput, IpsInput, MESSAGES, MunicipalityInput, NIT_QUERY, NitInput, PersonInput, ProbeResolver, anyString, calendarDay, digits, documentTypes, expectAccepted, expectRefused, insertInto, isMalformed, monthLength, nitSpelling, notAString, pad, run, setToday, useProbeSchema, wellFormedHostileChar } from "./support/validator-harness.js";

// Properties of what reaches the validators besides a well-formed string — every JavaScript value given to
// every validator directly (non-strings, unreadable document types or birth dates), the arguments
// validateArguments judges on their own (the page size «first», the index path of a list item, a
// non-string never reaching a resolver) — and the scalars that parse input (Pesos, DateTime). Kept
// together because each is about the shape of a value rather than one identifier's or date's rule; the
// regressions these properties found close the file. Run through the probe schema of
// ./support/validator-harness.ts.

useProbeSchema();

// --- Every validator, any value at all ----------------------------------------------------------------

/** Each validator's class and property, and what it may accept at most. */
const DIRECT_CASES = [
  { name: "isNit", make: (value: unknown) => Object.assign(new NitInput(), { nit: value }), message: MESSAGES.nit },
  { name: "isKnownMunicipality", make: (value: unknown) => Object.assign(new MunicipalityInput(), { code: value }), message: MESSAGES.municipality },
  { name: "isIpsCode", make: (value: unknown) => Object.assign(new IpsInput(), { code: value }), message: MESSAGES.ips },
  { name: "isDocumentNumberOf", make: (value: unknown) => Object.assign(new DocumentInput(), { documentType: DocumentType.CC, documentNumber: value }), message: MESSAGES.document },
  { name: "isBirthDate", make: (value: unknown) => Object.assign(new PersonInput(), { documentType: DocumentType.PA, birthDate: value }), message: MESSAGES.birthDate },
  { name: "isCalendarDate", make: (value: unknown) => Object.assign(new DateInput(), { date: value }), message: MESSAGES.date },
] as const;

describe("every validator, given any JavaScript value (what a JSON scalar or an internal caller could pass)", () => {
  it("IsBirthDate, on its own (a String field), refuses a date that does not exist, and FitsAge then leaves the type alone", async () => {
    const shapedButImpossible = fc
      .tuple(fc.integer({ min: 1900, max: 2026 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }))
      .filter(([year, month, day]) => month < 1 || month > 12 || day < 1 || day > monthLength(year, month))
      .map(([year, month, day]) => `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`);
    await fc.assert(
      fc.asyncProperty(shapedButImpossible, documentTypes, async (birthDate, documentType) => {
        setToday("2026-06-15");
        const errors = await validate(Object.assign(new PersonInput(), { documentType, birthDate }), { forbidUnknownValues: false });
        expect(errors.map((error) => [error.property, error.constraints])).toEqual([["birthDate", { isBirthDate: MESSAGES.birthDate }]]);
      }),
    );
  });

  it("refuses anything that is not a string (operator objects, arrays, numbers, null) with its own message, never throwing", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...DIRECT_CASES), notAString, async (validator, value) => {
        const errors = await validate(validator.make(value), { forbidUnknownValues: false });
        expect(errors).toHaveLength(1);
        expect(errors[0]?.constraints).toEqual({ [validator.name]: validator.message });
      }),
    );
  });

  it("never throws whatever the other property a validator reads holds (document type, birth date)", async () => {
    const whatever = fc.oneof(notAString, anyString, documentTypes);
    await fc.assert(
      fc.asyncProperty(whatever, whatever, fc.oneof(anyString, calendarDay(1900, 2030)), async (documentType, birthDate, documentNumber) => {
        // The type the number is judged by: only a real DocumentType can make a number valid.
        const numberErrors = await validate(Object.assign(new DocumentInput(), { documentType, documentNumber }), { forbidUnknownValues: false });
        const typeIsReal = typeof documentType === "string" && (Object.values(DocumentType) as string[]).includes(documentType);
        if (!typeIsReal) expect(numberErrors.map((error) => error.property)).toEqual(["documentNumber"]);
        // The birth date FitsAge reads: anything unusable leaves the type alone and is refused by IsBirthDate.
        const personErrors = await validate(Object.assign(new PersonInput(), { documentType, birthDate }), { forbidUnknownValues: false });
        for (const error of personErrors) expect(["documentType", "birthDate"]).toContain(error.property);
        if (typeof birthDate !== "string" || !isCalendarDate(birthDate)) expect(personErrors.map((error) => error.property)).toEqual(["birthDate"]);
      }),
    );
  });
});

// --- Pagination arguments and argument paths ----------------------------------------------------------

describe("validateArguments", () => {
  it("takes «first» from 1 to MAX_PAGE_SIZE and refuses any other Int on the argument itself (no input prefix)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), fc.integer({ min: -2, max: MAX_PAGE_SIZE + 2 })), anyString.filter((text) => !isMalformed(text)), async (first, after) => {
        const result = await run("query ($first: Int, $after: String) { page(first: $first, after: $after) }", { first, after });
        if (first >= 1 && first <= MAX_PAGE_SIZE) expectAccepted(result, "page", first);
        else expectRefused(result, "first", first < 1 ? "«first» debe ser al menos 1." : `«first» no puede pasar de ${MAX_PAGE_SIZE}.`);
      }),
    );
  });

  it("names each refused item of a list by its index (input.3.nit), every one of them, in order", async () => {
    const item = fc.oneof(nitSpelling.map((nit) => ({ nit, valid: true })), fc.oneof(digits(0, 8), insertInto(nitSpelling, wellFormedHostileChar)).map((nit) => ({ nit, valid: false })));
    await fc.assert(
      fc.asyncProperty(fc.array(item, { maxLength: 8 }), async (items) => {
        const result = await run("query ($input: [PropNitInput!]!) { nits(input: $input) }", { input: items.map(({ nit }) => ({ nit })) });
        const refused = items.flatMap((candidate, index) => (candidate.valid ? [] : [{ field: `input.${index}.nit`, message: MESSAGES.nit }]));
        if (refused.length === 0) return expectAccepted(result, "nits", items.map(({ nit }) => nit));
        expect(result.errors).toHaveLength(1);
        expect(result.errors?.[0]?.extensions).toMatchObject({ code: ErrorCode.BAD_USER_INPUT, field: refused[0]?.field, problems: refused });
      }),
    );
  });

  it("never lets an operator object or any non-string reach a resolver in place of a string", async () => {
    await fc.assert(
      fc.asyncProperty(notAString.filter((value) => value !== null && value !== undefined), async (nit) => {
        const before = ProbeResolver.calls;
        // graphql-js may or may not serialise what it cannot coerce; what matters is that the resolver did not run.
        const result = await run(NIT_QUERY, { input: { nit } }).catch((error: unknown) => ({ errors: [error] }) as ExecutionResult);
        expect(result.errors?.length).toBeGreaterThan(0);
        expect(ProbeResolver.calls).toBe(before);
      }),
    );
  });
});

// --- Scalars that parse input -------------------------------------------------------------------------

describe("Pesos", () => {
  it("takes exactly the safe integers and gives them back unchanged, through a variable and as a literal", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.maxSafeInteger(), fc.integer(), fc.constantFrom(0, 1, -1, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER)), async (value) => {
        expect(Pesos.parseValue(value)).toBe(value);
        expect(Pesos.serialize(value)).toBe(value);
        expect(Pesos.parseLiteral({ kind: Kind.INT, value: String(value) }, {})).toBe(value);
        expectAccepted(await run("query ($value: Pesos!) { pesos(value: $value) }", { value }), "pesos", value);
      }),
    );
  });

  it("refuses fractions, unsafe integers, NaN, infinities, numeric strings and objects with a GraphQLError, never rounding", () => {
    const notPesos = fc.oneof(
      fc.double().filter((value) => !Number.isSafeInteger(value)),
      fc.constantFrom<unknown>(2 ** 53, -(2 ** 53), 0.1, 1e21, Number.NaN, Number.POSITIVE_INFINITY, "100", "1e3", 100n, { $gt: 0 }, [1], null, true),
      fc.anything().filter((value) => typeof value !== "number"),
    );
    fc.assert(
      fc.property(notPesos, (value) => {
        expect(() => Pesos.parseValue(value)).toThrow(GraphQLError);
        // serialize is the output side (a resolver's value): checked on primitives only, because its message
        // prints the value with String(), which throws for an object without a usable toString.
        if (value === null || (typeof value !== "object" && typeof value !== "function")) expect(() => Pesos.serialize(value)).toThrow(GraphQLError);
      }),
    );
  });

  it("refuses a literal that is not an Int, or an Int beyond 2^53 − 1", () => {
    fc.assert(
      fc.property(fc.oneof(fc.bigInt({ min: 2n ** 53n, max: 10n ** 30n }), fc.bigInt({ min: -(10n ** 30n), max: -(2n ** 53n) })), fc.double({ noNaN: true, noDefaultInfinity: true }), (big, fraction) => {
        expect(() => Pesos.parseLiteral({ kind: Kind.INT, value: String(big) }, {})).toThrow(GraphQLError);
        expect(() => Pesos.parseLiteral({ kind: Kind.FLOAT, value: String(fraction) }, {})).toThrow(GraphQLError);
        expect(() => Pesos.parseLiteral({ kind: Kind.STRING, value: String(fraction) }, {})).toThrow(GraphQLError);
      }),
    );
  });
});

describe("DateTime", () => {
  it("reads any offset as the same instant and answers it in UTC", () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2200, 0, 1) }), fc.integer({ min: -12, max: 14 }), (ms, offsetHours) => {
        const instant = new Date(ms);
        // What goes on the wire: JSON of the serialized value, the UTC ISO string.
        expect(JSON.parse(JSON.stringify(DateTime.serialize(instant)))).toBe(instant.toISOString());
        // The same instant written with another offset (e.g. Colombia's -05:00).
        const local = new Date(ms + offsetHours * 3_600_000).toISOString().slice(0, 23);
        const sign = offsetHours < 0 ? "-" : "+";
        const withOffset = `${local}${sign}${pad(Math.abs(offsetHours), 2)}:00`;
        expect((DateTime.parseValue(withOffset) as Date).getTime()).toBe(ms);
      }),
    );
  });
});

// Examples of what the properties above found, kept as plain tests so the failure reads at a glance.
describe("regressions found by these properties", () => {
  it("IsDocumentNumberOf refuses, not throws, when the type it reads is not a DocumentType", async () => {
    for (const documentType of ["constructor", "toString", "XX", { $gt: "" }, 7, null]) {
      const errors = await validate(Object.assign(new DocumentInput(), { documentType, documentNumber: "1144123456" }), { forbidUnknownValues: false });
      expect(errors.map((error) => error.constraints)).toEqual([{ isDocumentNumberOf: MESSAGES.document }]);
    }
  });

  it("IsBirthDate refuses a date shaped AAAA-MM-DD that does not exist (2000-13-45, 1999-00-00, 2023-02-29)", async () => {
    setToday("2026-06-15");
    for (const birthDate of ["2000-13-45", "1999-00-00", "2023-02-29", "2001-04-31"]) {
      const errors = await validate(Object.assign(new PersonInput(), { documentType: DocumentType.CC, birthDate }), { forbidUnknownValues: false });
      expect(errors.map((error) => [error.property, error.constraints])).toEqual([["birthDate", { isBirthDate: MESSAGES.birthDate }]]);
    }
  });
});
