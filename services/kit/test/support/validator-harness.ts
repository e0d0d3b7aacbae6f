import "reflect-metadata";
import fc from "fast-check";
import { execute, parse, validate as validateDocument, type DocumentNode, type ExecutionResult, type GraphQLError, type GraphQLSchema } from "graphql";
import { Arg, Args, Field, InputType, Int, Query, Resolver } from "type-graphql";
import { afterEach, beforeAll, expect, vi } from "vitest";
import { ErrorCode } from "../../src/errors.js";
import { DEFAULT_PAGE_SIZE, PageArgs } from "../../src/graphql/pagination.js";
import { LocalDate, Pesos } from "../../src/graphql/scalars.js";
import { buildFederatedSchema } from "../../src/graphql/schema.js";
import { FitsAge, IsBirthDate, IsCalendarDate, IsDocumentNumberOf, IsIpsCode, IsKnownMunicipality, IsNit } from "../../src/graphql/validators.js";
import { DocumentType } from "../../src/identifiers/document.js";

// The harness of the validators' property tests (test/validators-*.properties.test.ts), which check the
// validators the way the subgraphs use them: class-validator decorators on type-graphql input classes,
// run by validateArguments before any resolver, so a refusal is always BAD_USER_INPUT naming the field
// (`input.nit`) with the decorator's Spanish message, and each expected answer comes from a statement of
// the rule (check-digit weights, month lengths, document formats, ages), not from the code under test.
// Held here because more than one file uses it: the probe schema and how to run a variable through it,
// the expected answers, the generators, the NIT rule, the document types and calendar days.

// --- The probe schema: one input per validator, as the subgraphs declare them --------------------------

@InputType("PropNitInput")
export class NitInput {
  @Field(() => String)
  @IsNit()
  nit!: string;
}

@InputType("PropMunicipalityInput")
export class MunicipalityInput {
  @Field(() => String)
  @IsKnownMunicipality()
  code!: string;
}

@InputType("PropIpsInput")
export class IpsInput {
  @Field(() => String)
  @IsIpsCode()
  code!: string;
}

@InputType("PropDocumentInput")
export class DocumentInput {
  @Field(() => DocumentType)
  documentType!: DocumentType;

  @Field(() => String)
  @IsDocumentNumberOf("documentType")
  documentNumber!: string;
}

/** As affiliation's PersonInput: the type judged against the age, the birth date a LocalDate. */
@InputType("PropPersonInput")
export class PersonInput {
  @Field(() => DocumentType)
  @FitsAge("birthDate")
  documentType!: DocumentType;

  @Field(() => LocalDate)
  @IsBirthDate()
  birthDate!: string;
}

/** As authorizations' and incapacities' date filters: a String field checked by IsCalendarDate. */
@InputType("PropDateInput")
export class DateInput {
  @Field(() => String)
  @IsCalendarDate()
  date!: string;
}

/** Each query answers what reached it, so an accepted value is seen to arrive unchanged. */
@Resolver()
export class ProbeResolver {
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
/** Builds the probe schema before a file's tests and puts the real clock back after each: call it once, at the top of the file. */
export function useProbeSchema(): void {
  beforeAll(async () => {
    schema = await buildFederatedSchema({ resolvers: [ProbeResolver] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });
}

/** Each operation parsed and validated once: the properties are about variables, and 100 runs each add up. */
const documents = new Map<string, DocumentNode>();
export const run = async (source: string, variableValues: Record<string, unknown>): Promise<ExecutionResult> => {
  let document = documents.get(source);
  if (!document) {
    document = parse(source);
    expect(validateDocument(schema, document)).toEqual([]);
    documents.set(source, document);
  }
  return execute({ schema, document, variableValues });
};

export const MESSAGES = {
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
export const isMalformed = (text: unknown): boolean =>
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
export function expectRefused(result: ExecutionResult, field: string, message: string | RegExp, value?: unknown): void {
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
export function expectAccepted(result: ExecutionResult, field: string, value: unknown): void {
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
export const hostileChar = fc.constantFrom(...HOSTILE_CHARS);
/** The hostile characters that are well-formed text (for properties about something else than malformed text). */
export const wellFormedHostileChar = fc.constantFrom(...HOSTILE_CHARS.filter((char) => !isMalformed(char)));
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
export const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));
/** Any string at all: every code point, lone surrogates and the hostile ones more often than chance. */
export const anyString = fc.oneof(
  { weight: 8, arbitrary: fc.string({ unit: fc.oneof(fc.string({ unit: "binary", minLength: 1, maxLength: 1 }), hostileChar, loneSurrogate), maxLength: 40 }) },
  { weight: 2, arbitrary: fc.constantFrom("", " ", "null", "undefined", '{"$gt":""}', '{"$ne":null}', "__proto__", "constructor", "toString", "hasOwnProperty") },
  // Very long strings, as constants: fast-check would otherwise shrink 100,000 characters one at a time.
  { weight: 1, arbitrary: fc.constantFrom(...LONG_STRINGS) },
);
/** What a JSON body may carry where a string is expected: operator objects, arrays, numbers, null. */
export const notAString = fc.oneof(
  fc.constantFrom<unknown>({ $gt: "" }, { $ne: null }, { $regex: ".*" }, { $where: "1" }, ["805001157-2"], [], {}, null, undefined, true, 0, 805001157, Number.NaN, 8050011572n),
  fc.anything().filter((value) => typeof value !== "string"),
);

/** Inserts a string at a position of another. */
export const insertInto = (base: fc.Arbitrary<string>, piece: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc.tuple(base, piece, fc.nat()).map(([text, inserted, at]) => {
    const position = at % (text.length + 1);
    return text.slice(0, position) + inserted + text.slice(position);
  });

export const digits = (min: number, max: number): fc.Arbitrary<string> => fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: min, maxLength: max });

// --- NIT ----------------------------------------------------------------------------------------------

/** The DIAN check digit, as the DIAN states it: weights for the 9 digits left to right, mod 11. */
export function dianCheckDigit(base: string): number {
  const weights = [41, 37, 29, 23, 19, 17, 13, 7, 3];
  const remainder = [...base].reduce((sum, digit, i) => sum + Number(digit) * (weights[i] as number), 0) % 11;
  return remainder < 2 ? remainder : 11 - remainder;
}
export const nitBase = digits(9, 9);
export const nitSpelling = fc.tuple(nitBase, fc.constantFrom("plain", "dash", "dots")).map(([base, spelling]) => {
  const check = dianCheckDigit(base);
  if (spelling === "plain") return `${base}${check}`;
  if (spelling === "dash") return `${base}-${check}`;
  return `${base.slice(0, 3)}.${base.slice(3, 6)}.${base.slice(6)}-${check}`;
});
export const NIT_QUERY = "query ($input: PropNitInput!) { nit(input: $input) }";

// --- Document types and calendar days -----------------------------------------------------------------

export const documentTypes = fc.constantFrom(...(Object.values(DocumentType) as DocumentType[]));
const leapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
export const monthLength = (year: number, month: number): number => [31, leapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] as number;
export const pad = (value: number, width: number): string => String(value).padStart(width, "0");
/** A real calendar day built from year, month and day (never through Date). */
export const calendarDay = (minYear: number, maxYear: number): fc.Arbitrary<string> =>
  fc
    .tuple(fc.integer({ min: minYear, max: maxYear }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }))
    .map(([year, month, day]) => `${pad(year, 4)}-${pad(month, 2)}-${pad(Math.min(day, monthLength(year, month)), 2)}`);

/** Sets the clock to noon in Colombia on `today`, so "today" is that day whatever the machine's zone. */
export const setToday = (today: string): void => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date(`${today}T12:00:00-05:00`));
};
