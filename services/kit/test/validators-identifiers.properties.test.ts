import "reflect-metadata";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEPARTMENTS, MUNICIPALITIES } from "../src/identifiers/dane.js";
import type { DocumentType } from "../src/identifiers/document.js";
import { MESSAGES, NIT_QUERY, anyString, dianCheckDigit, digits, documentTypes, expectAccepted, expectRefused, hostileChar, insertInto, loneSurrogate, nitBase, nitSpelling, run, useProbeSchema } from "./support/validator-harness.js";

// Properties of the validators of identifiers: IsNit (the DIAN check digit), IsKnownMunicipality and
// IsIpsCode (DANE codes of the municipalities S.O.S. covers) and IsDocumentNumberOf (each document type's
// characters and length). They are kept together because each is a code checked character by character:
// a valid one passes unchanged, hostile characters, look-alikes and wrong lengths are refused, and any
// string gets one of those two answers. Run through the probe schema of ./support/validator-harness.ts;
// the expected answers come from the rules stated here (DIAN weights, document formats), not from the code.

useProbeSchema();

// --- NIT ----------------------------------------------------------------------------------------------

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
