import "reflect-metadata";
import fc from "fast-check";
import { validate } from "class-validator";
import { GraphQLError, Kind, execute, parse, validate as validateDocument, type DocumentNode, type ExecutionResult, type GraphQLSchema } from "graphql";
import { Arg, Args, Field, InputType, Int, Query, Resolver } from "type-graphql";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { ErrorCode } from "../src/errors.js";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, PageArgs } from "../src/graphql/pagination.js";
import { DateTime, LocalDate, Pesos } from "../src/graphql/scalars.js";
import { buildFederatedSchema } from "../src/graphql/schema.js";
import { FitsAge, IsBirthDate, IsCalendarDate, IsDocumentNumberOf, IsIpsCode, IsKnownMunicipality, IsNit, isCalendarDate } from "../src/graphql/validators.js";
import { DEPARTMENTS, MUNICIPALITIES } from "../src/identifiers/dane.js";
import { DocumentType } from "../src/identifiers/document.js";

// Properties of the input validators, checked the way the subgraphs use them: class-validator decorators
// on type-graphql input classes, run by validateArguments before any resolver, so a refusal is always
// BAD_USER_INPUT naming the field (`input.nit`) with the decorator's Spanish message. Each expected
// answer comes from a statement of the rule written here (check-digit weights, month lengths, document
// formats, ages by anniversary), not from the code under test.

// --- The probe schema: one input per validator, as the subgraphs declare them --------------------------

@InputType("PropNitInput")
class NitInput {
  @Field(() => String)
  @IsNit()
  nit!: string;
}

@InputType("PropMunicipalityInput")
class MunicipalityInput {
  @Field(() => String)
  @IsKnownMunicipality()
  code!: string;
}

@InputType("PropIpsInput")
class IpsInput {
  @Field(() => String)
  @IsIpsCode()
  code!: string;
}

@InputType("PropDocumentInput")
class DocumentInput {
  @Field(() => DocumentType)
  documentType!: DocumentType;

  @Field(() => String)
  @IsDocumentNumberOf("documentType")
  documentNumber!: string;
}

/** As affiliation's PersonInput: the type judged against the age, the birth date a LocalDate. */
@InputType("PropPersonInput")
class PersonInput {
  @Field(() => DocumentType)
  @FitsAge("birthDate")
  documentType!: DocumentType;

  @Field(() => LocalDate)
  @IsBirthDate()
  birthDate!: string;
}

/** As authorizations' and incapacities' date filters: a String field checked by IsCalendarDate. */
@InputType("PropDateInput")
class DateInput {
  @Field(() => String)
  @IsCalendarDate()
  date!: string;
}

/** Each query answers what reached it, so an accepted value is seen to arrive unchanged. */
@Resolver()
class ProbeResolver {
  static calls = 0;

  @Query(() => String)
  nit(@Arg("input", () => NitInput) input: NitInput): string {
    ProbeResolver.calls += 1;
    return input.nit;
  }

  @Query(() => [String])
  nits(@Arg("input", () => [NitInput]) input: NitInput[]): string[] {
    ProbeResolver.calls += 1;
    return input.map((item) => item.nit);
  }

  @Query(() => String)
  municipality(@Arg("input", () => MunicipalityInput) input: MunicipalityInput): string {
    ProbeResolver.calls += 1;
    return input.code;
  }

  @Query(() => String)
  ips(@Arg("input", () => IpsInput) input: IpsInput): string {
    ProbeResolver.calls += 1;
    return input.code;
  }

  @Query(() => String)
  document(@Arg("input", () => DocumentInput) input: DocumentInput): string {
    ProbeResolver.calls += 1;
    return `${input.documentType}:${input.documentNumber}`;
  }

  @Query(() => String)
  person(@Arg("input", () => PersonInput) input: PersonInput): string {
    ProbeResolver.calls += 1;
    return `${input.documentType}:${input.birthDate}`;
  }

  @Query(() => String)
  date(@Arg("input", () => DateInput) input: DateInput): string {
    ProbeResolver.calls += 1;
    return input.date;
  }

  @Query(() => Int)
  page(@Args(() => PageArgs) args: PageArgs): number {
    ProbeResolver.calls += 1;
    return args.first ?? DEFAULT_PAGE_SIZE;
  }

  @Query(() => Pesos)
  pesos(@Arg("value", () => Pesos) value: number): number {
    ProbeResolver.calls += 1;
    return value;
  }
}

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await buildFederatedSchema({ resolvers: [ProbeResolver] });
});
afterEach(() => {
  vi.useRealTimers();
});

/** Each operation parsed and validated once: the properties are about variables, and 100 runs each add up. */
const documents = new Map<string, DocumentNode>();
const run = async (source: string, variableValues: Record<string, unknown>): Promise<ExecutionResult> => {
  let document = documents.get(source);
  if (!document) {
    document = parse(source);
    expect(validateDocument(schema, document)).toEqual([]);
    documents.set(source, document);
  }
  return execute({ schema, document, variableValues });
};

const MESSAGES = {
  nit: "El NIT no es válido: escriba los 9 dígitos y el dígito de verificación (p. ej. 805001157-2).",
  municipality: "El municipio no es válido: use un código DANE de 5 dígitos de un municipio donde opera S.O.S.",
  ips: "El código de habilitación de la IPS debe tener 12 dígitos (DANE, consecutivo y sede).",
  document: "El número de documento no tiene el formato del tipo de documento (CC: solo dígitos, sin puntos; PA: letras mayúsculas y dígitos).",
  birthDate: "La fecha de nacimiento no es válida: no puede ser futura ni de hace más de 120 años.",
  date: "La fecha debe existir y tener el formato AAAA-MM-DD.",
};

/**
 * Text no person types, stated by code point: a UTF-16 surrogate standing alone (a pair iterates as one
 * code point above U+FFFF) or a C0 control other than tab and line breaks. validateArguments may refuse it
 * before any validator, with its own message naming the field.
 */
const isMalformed = (text: unknown): boolean =>
  typeof text === "string" &&
  [...text].some((char) => {
    const code = char.codePointAt(0) as number;
    return (code >= 0xd800 && code <= 0xdfff) || (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d);
  });
const malformedMessage = (field: string): string => `El dato «${field}» contiene caracteres no válidos.`;

/**
 * The one answer a refused input may get: BAD_USER_INPUT on that field, with the validator's message —
 * or, when the value is malformed text (`value` given and malformed), the message that says so.
 */
function expectRefused(result: ExecutionResult, field: string, message: string | RegExp, value?: unknown): void {
  expect(result.data ?? null).toBeNull();
  expect(result.errors).toHaveLength(1);
  const error = result.errors?.[0] as GraphQLError;
  expect(error.extensions["code"]).toBe(ErrorCode.BAD_USER_INPUT);
  expect(error.extensions["field"]).toBe(field);
  expect(error.extensions["problems"]).toEqual([{ field, message: error.message }]);
  if (isMalformed(value) && error.message === malformedMessage(field)) return;
  if (typeof message === "string") expect(error.message).toBe(message);
  else expect(error.message).toMatch(message);
}

/** Accepted: the resolver ran and got the value as sent (a validator never rewrites it). */
function expectAccepted(result: ExecutionResult, field: string, value: unknown): void {
  expect(result.errors).toBeUndefined();
  expect(result.data?.[field]).toEqual(value);
}

// --- Generators -------------------------------------------------------------------------------------

/** Characters that must never pass for part of a code: invisible, bidi, control, lone surrogates, look-alikes. */
const HOSTILE_CHARS = [
  "\u0000", // NUL
  "\u0007",
  "\u001b",
  "\u007f",
  "\u200b", // zero-width space
  "\u200c", // zero-width non-joiner
  "\u200d", // zero-width joiner
  "\u2060", // word joiner
  "\u200e", // left-to-right mark
  "\u202e", // right-to-left override
  "\u2066", // left-to-right isolate
  "\ud800", // lone high surrogate
  "\udfff", // lone low surrogate
  "\u0663", // ARABIC-INDIC DIGIT THREE: a digit for \p{Nd}, not for [0-9]
  "\uff11", // FULLWIDTH DIGIT ONE
  "\u00b9", // SUPERSCRIPT ONE
  "Ａ", // FULLWIDTH A
  "a",
  "é",
  "$",
  "{",
  '"',
  "'",
  "/",
  "+",
];
const hostileChar = fc.constantFrom(...HOSTILE_CHARS);
/** The hostile characters that are well-formed text (for properties about something else than malformed text). */
const wellFormedHostileChar = fc.constantFrom(...HOSTILE_CHARS.filter((char) => !isMalformed(char)));
const LONG_STRINGS = [
  "0".repeat(100_000),
  "9".repeat(1_000),
  `805001157-2${" ".repeat(10_000)}`,
  "8050011572".repeat(2_000),
  "A".repeat(17),
  "\u200b".repeat(5_000),
  "7600100000001".repeat(1_000),
  "2026-04-01".repeat(1_000),
];
const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));
/** Any string at all: every code point, lone surrogates and the hostile ones more often than chance. */
const anyString = fc.oneof(
  { weight: 8, arbitrary: fc.string({ unit: fc.oneof(fc.string({ unit: "binary", minLength: 1, maxLength: 1 }), hostileChar, loneSurrogate), maxLength: 40 }) },
  { weight: 2, arbitrary: fc.constantFrom("", " ", "null", "undefined", '{"$gt":""}', '{"$ne":null}', "__proto__", "constructor", "toString", "hasOwnProperty") },
  // Very long strings, as constants: fast-check would otherwise shrink 100,000 characters one at a time.
  { weight: 1, arbitrary: fc.constantFrom(...LONG_STRINGS) },
);
/** What a JSON body may carry where a string is expected: operator objects, arrays, numbers, null. */
const notAString = fc.oneof(
  fc.constantFrom<unknown>({ $gt: "" }, { $ne: null }, { $regex: ".*" }, { $where: "1" }, ["805001157-2"], [], {}, null, undefined, true, 0, 805001157, Number.NaN, 8050011572n),
  fc.anything().filter((value) => typeof value !== "string"),
);

/** Inserts a string at a position of another. */
const insertInto = (base: fc.Arbitrary<string>, piece: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc.tuple(base, piece, fc.nat()).map(([text, inserted, at]) => {
    const position = at % (text.length + 1);
    return text.slice(0, position) + inserted + text.slice(position);
  });

const digits = (min: number, max: number): fc.Arbitrary<string> => fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: min, maxLength: max });

// --- NIT ----------------------------------------------------------------------------------------------

/** The DIAN check digit, as the DIAN states it: weights for the 9 digits left to right, mod 11. */
function dianCheckDigit(base: string): number {
  const weights = [41, 37, 29, 23, 19, 17, 13, 7, 3];
  const remainder = [...base].reduce((sum, digit, i) => sum + Number(digit) * (weights[i] as number), 0) % 11;
  return remainder < 2 ? remainder : 11 - remainder;
}
const nitBase = digits(9, 9);
const nitSpelling = fc.tuple(nitBase, fc.constantFrom("plain", "dash", "dots")).map(([base, spelling]) => {
  const check = dianCheckDigit(base);
  if (spelling === "plain") return `${base}${check}`;
  if (spelling === "dash") return `${base}-${check}`;
  return `${base.slice(0, 3)}.${base.slice(3, 6)}.${base.slice(6)}-${check}`;
});
const NIT_QUERY = "query ($input: PropNitInput!) { nit(input: $input) }";

describe("IsNit", () => {
  it("accepts nine digits with the DIAN check digit in each documented spelling, and passes it on unchanged", async () => {
    await fc.assert(
      fc.asyncProperty(nitSpelling, async (nit) => {
        expectAccepted(await run(NIT_QUERY, { input: { nit } }), "nit", nit);
      }),
    );
  });

  it("refuses every other check digit, a digit too many or too few, and any hostile character inserted", async () => {
    const wrongCheck = fc
      .tuple(nitBase, fc.integer({ min: 0, max: 9 }))
      .filter(([base, check]) => check !== dianCheckDigit(base))
      .map(([base, check]) => `${base}-${check}`);
    const wrongLength = fc.oneof(digits(0, 8), digits(11, 20)).map((text) => text);
    const corrupted = insertInto(nitSpelling, fc.oneof(hostileChar, loneSurrogate, digits(1, 3)));
    await fc.assert(
      fc.asyncProperty(fc.oneof(wrongCheck, wrongLength, corrupted), async (nit) => {
        expectRefused(await run(NIT_QUERY, { input: { nit } }), "input.nit", MESSAGES.nit, nit);
      }),
    );
  });

  it("answers any string either by accepting a real NIT or with BAD_USER_INPUT on input.nit", async () => {
    await fc.assert(
      fc.asyncProperty(anyString, async (nit) => {
        const result = await run(NIT_QUERY, { input: { nit } });
        if (result.errors) return expectRefused(result, "input.nit", MESSAGES.nit, nit);
        // Accepted: ten ASCII digits, the last the check digit of the other nine, and nothing else but the
        // separators a NIT is written with (dots, a dash, spaces).
        const asciiDigits = nit.replace(/[^0-9]/g, "");
        expect(asciiDigits).toHaveLength(10);
        expect(dianCheckDigit(asciiDigits.slice(0, 9))).toBe(Number(asciiDigits[9]));
        expect(nit.replace(/[0-9.\-\s]/g, "")).toBe("");
      }),
    );
  });
});

// --- Municipalities and IPS codes ---------------------------------------------------------------------

const knownMunicipality = fc.constantFrom(...Object.keys(MUNICIPALITIES));
const unknownMunicipality = digits(5, 5).filter((code) => !Object.keys(MUNICIPALITIES).includes(code));

describe("IsKnownMunicipality and IsIpsCode", () => {
  const MUNICIPALITY_QUERY = "query ($input: PropMunicipalityInput!) { municipality(input: $input) }";
  const IPS_QUERY = "query ($input: PropIpsInput!) { ips(input: $input) }";

  it("accept a DANE code of the table (whose department is one S.O.S. covers), and an IPS code of 12 digits that starts with one", async () => {
    await fc.assert(
      fc.asyncProperty(knownMunicipality, digits(7, 7), async (code, rest) => {
        expect(Object.keys(DEPARTMENTS)).toContain(code.slice(0, 2));
        expectAccepted(await run(MUNICIPALITY_QUERY, { input: { code } }), "municipality", code);
        expectAccepted(await run(IPS_QUERY, { input: { code: `${code}${rest}` } }), "ips", `${code}${rest}`);
      }),
    );
  });

  it("refuse a code outside the table, a prototype name, a wrong length or a hostile character", async () => {
    const badMunicipality = fc.oneof(unknownMunicipality, fc.constantFrom("__proto__", "constructor", "toString", "hasOwnProperty", "valueOf"), digits(0, 4), insertInto(knownMunicipality, fc.oneof(hostileChar, loneSurrogate, digits(1, 1), fc.constant(" "))));
    const badIps = fc.oneof(
      fc.tuple(unknownMunicipality, digits(7, 7)).map(([code, rest]) => `${code}${rest}`),
      fc.tuple(knownMunicipality, fc.oneof(digits(0, 6), digits(8, 12))).map(([code, rest]) => `${code}${rest}`),
      insertInto(fc.tuple(knownMunicipality, digits(7, 7)).map(([code, rest]) => `${code}${rest}`), fc.oneof(hostileChar, loneSurrogate, fc.constant(" "), fc.constant("-"))),
    );
    await fc.assert(
      fc.asyncProperty(badMunicipality, badIps, async (municipality, ips) => {
        expectRefused(await run(MUNICIPALITY_QUERY, { input: { code: municipality } }), "input.code", MESSAGES.municipality, municipality);
        expectRefused(await run(IPS_QUERY, { input: { code: ips } }), "input.code", MESSAGES.ips, ips);
      }),
    );
  });

  it("answer any string either by accepting a code of the table or with BAD_USER_INPUT on input.code", async () => {
    await fc.assert(
      fc.asyncProperty(anyString, async (code) => {
        const municipality = await run(MUNICIPALITY_QUERY, { input: { code } });
        if (municipality.errors) expectRefused(municipality, "input.code", MESSAGES.municipality, code);
        else expect(Object.keys(MUNICIPALITIES)).toContain(code);
        const ips = await run(IPS_QUERY, { input: { code } });
        if (ips.errors) expectRefused(ips, "input.code", MESSAGES.ips, code);
        else expect(/^[0-9]{12}$/.test(code) && Object.keys(MUNICIPALITIES).includes(code.slice(0, 5))).toBe(true);
      }),
    );
  });
});

// --- Document numbers ---------------------------------------------------------------------------------

/** The formats of document numbers, as the health system states them: which characters, how many. */
const DIGITS = "0123456789";
const UPPER_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
const DOCUMENT_SPEC: Record<DocumentType, { chars: string; min: number; max: number; leadingZero: boolean }> = {
  CC: { chars: DIGITS, min: 3, max: 10, leadingZero: false },
  TI: { chars: DIGITS, min: 10, max: 11, leadingZero: true },
  RC: { chars: DIGITS, min: 8, max: 11, leadingZero: true },
  CN: { chars: DIGITS, min: 6, max: 11, leadingZero: true },
  CE: { chars: DIGITS, min: 3, max: 7, leadingZero: true },
  CD: { chars: UPPER_ALNUM, min: 3, max: 16, leadingZero: true },
  PA: { chars: UPPER_ALNUM, min: 3, max: 16, leadingZero: true },
  SC: { chars: UPPER_ALNUM, min: 3, max: 16, leadingZero: true },
  PE: { chars: UPPER_ALNUM, min: 3, max: 16, leadingZero: true },
  PT: { chars: UPPER_ALNUM, min: 3, max: 16, leadingZero: true },
  AS: { chars: UPPER_ALNUM, min: 3, max: 16, leadingZero: true },
  MS: { chars: UPPER_ALNUM, min: 3, max: 16, leadingZero: true },
  DE: { chars: UPPER_ALNUM, min: 3, max: 16, leadingZero: true },
  SI: { chars: UPPER_ALNUM, min: 3, max: 16, leadingZero: true },
};
const documentTypes = fc.constantFrom(...(Object.values(DocumentType) as DocumentType[]));
const fitsSpec = (type: DocumentType, number: string): boolean => {
  const spec = DOCUMENT_SPEC[type];
  return number.length >= spec.min && number.length <= spec.max && [...number].every((char) => spec.chars.includes(char)) && (spec.leadingZero || !number.startsWith("0"));
};
const validNumberOf = (type: DocumentType): fc.Arbitrary<string> => {
  const spec = DOCUMENT_SPEC[type];
  return fc.string({ unit: fc.constantFrom(...spec.chars), minLength: spec.min, maxLength: spec.max }).map((number) => (spec.leadingZero || !number.startsWith("0") ? number : `1${number.slice(1)}`));
};
const DOCUMENT_QUERY = "query ($input: PropDocumentInput!) { document(input: $input) }";

describe("IsDocumentNumberOf", () => {
  it("accepts, for every type, a number of the type's characters and length", async () => {
    await fc.assert(
      fc.asyncProperty(documentTypes.chain((type) => fc.tuple(fc.constant(type), validNumberOf(type))), async ([documentType, documentNumber]) => {
        expectAccepted(await run(DOCUMENT_QUERY, { input: { documentType, documentNumber } }), "document", `${documentType}:${documentNumber}`);
      }),
    );
  });

  it("refuses dots, spaces, lowercase, look-alike digits, invisible characters and wrong lengths, whatever the type", async () => {
    const decorated = documentTypes.chain((type) =>
      fc.tuple(fc.constant(type), fc.oneof(insertInto(validNumberOf(type), fc.oneof(hostileChar, loneSurrogate, fc.constantFrom(".", " ", "-", "\t", "\n", "\u00a0"))), insertInto(validNumberOf(type), fc.constantFrom(..."abcdefghijklmnopqrstuvwxyzñ")), fc.constant(""), fc.constant("9".repeat(DOCUMENT_SPEC[type].max + 1)), fc.constant("9".repeat(DOCUMENT_SPEC[type].min - 1)))),
    );
    await fc.assert(
      fc.asyncProperty(decorated, async ([documentType, documentNumber]) => {
        expectRefused(await run(DOCUMENT_QUERY, { input: { documentType, documentNumber } }), "input.documentNumber", MESSAGES.document, documentNumber);
      }),
    );
  });

  it("answers any string, for any type, by the type's format: accepted exactly when it fits", async () => {
    await fc.assert(
      fc.asyncProperty(documentTypes, anyString, async (documentType, documentNumber) => {
        const result = await run(DOCUMENT_QUERY, { input: { documentType, documentNumber } });
        if (fitsSpec(documentType, documentNumber)) expectAccepted(result, "document", `${documentType}:${documentNumber}`);
        else expectRefused(result, "input.documentNumber", MESSAGES.document, documentNumber);
      }),
    );
  });
});

// --- Birth dates and the document an age requires ------------------------------------------------------

const leapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
const monthLength = (year: number, month: number): number => [31, leapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] as number;
const pad = (value: number, width: number): string => String(value).padStart(width, "0");
/** A real calendar day built from year, month and day (never through Date). */
const calendarDay = (minYear: number, maxYear: number): fc.Arbitrary<string> =>
  fc
    .tuple(fc.integer({ min: minYear, max: maxYear }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }))
    .map(([year, month, day]) => `${pad(year, 4)}-${pad(month, 2)}-${pad(Math.min(day, monthLength(year, month)), 2)}`);

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

/** Sets the clock to noon in Colombia on `today`, so "today" is that day whatever the machine's zone. */
const setToday = (today: string): void => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date(`${today}T12:00:00-05:00`));
};

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
