import { describe, expect, it } from "vitest";
import {
  DocumentType,
  ageOn,
  documentTypeAgeProblem,
  formatNit,
  isIpsHabilitationCode,
  isKnownMunicipality,
  isValidDocumentNumber,
  nitCheckDigit,
  parseNit,
} from "../src/identifiers/index.js";

describe("NIT check digit (DIAN mod 11)", () => {
  it("gives the insurer's own NIT 805001157-2", () => {
    expect(nitCheckDigit("805001157")).toBe(2);
    expect(formatNit("805001157")).toBe("805001157-2");
  });

  it("gives DIAN's published NIT 800197268-4", () => {
    expect(nitCheckDigit("800197268")).toBe(4);
  });

  it("uses 0 and 1 as they are when the remainder is 0 or 1", () => {
    // 3 × 1 = 3 → 11 − 3 = 8; weights from the right: a single 4 → 12 % 11 = 1 → digit 1.
    expect(nitCheckDigit("1")).toBe(8);
    expect(nitCheckDigit("4")).toBe(1);
    expect(nitCheckDigit("0")).toBe(0);
  });

  it("accepts the usual spellings and refuses a wrong check digit", () => {
    expect(parseNit("805001157-2")).toEqual({ base: "805001157", checkDigit: 2 });
    expect(parseNit("805.001.157-2")).toEqual({ base: "805001157", checkDigit: 2 });
    expect(parseNit("8050011572")).toEqual({ base: "805001157", checkDigit: 2 });
    expect(parseNit("805001157-3")).toBeNull();
    expect(parseNit("80500115-2")).toBeNull();
    expect(parseNit("abc")).toBeNull();
  });
});

describe("document type by age", () => {
  it("counts whole years, a day before the birthday still the younger age", () => {
    expect(ageOn("2008-06-15", "2026-06-14")).toBe(17);
    expect(ageOn("2008-06-15", "2026-06-15")).toBe(18);
  });

  it("requires RC for 0–6, TI for 7–17 and CC from 18", () => {
    expect(documentTypeAgeProblem(DocumentType.RC, 6)).toBeNull();
    expect(documentTypeAgeProblem(DocumentType.TI, 7)).toBeNull();
    expect(documentTypeAgeProblem(DocumentType.TI, 17)).toBeNull();
    expect(documentTypeAgeProblem(DocumentType.CC, 18)).toBeNull();
    expect(documentTypeAgeProblem(DocumentType.CC, 17)).toMatch(/TI/);
    expect(documentTypeAgeProblem(DocumentType.TI, 5)).toMatch(/RC/);
    expect(documentTypeAgeProblem(DocumentType.RC, 30)).toMatch(/CC/);
  });

  it("keeps «menor/adulto sin identificación» to minors and adults", () => {
    expect(documentTypeAgeProblem(DocumentType.MS, 10)).toBeNull();
    expect(documentTypeAgeProblem(DocumentType.MS, 30)).toMatch(/menores/);
    expect(documentTypeAgeProblem(DocumentType.AS, 30)).toBeNull();
    expect(documentTypeAgeProblem(DocumentType.AS, 10)).toMatch(/18/);
  });

  it("does not tie foreign documents to age, and refuses a future birth", () => {
    expect(documentTypeAgeProblem(DocumentType.PA, 4)).toBeNull();
    expect(documentTypeAgeProblem(DocumentType.CE, 40)).toBeNull();
    expect(documentTypeAgeProblem(DocumentType.CC, -1)).toMatch(/posterior/);
  });

  it("checks the number's format by type", () => {
    expect(isValidDocumentNumber(DocumentType.CC, "1130612345")).toBe(true);
    expect(isValidDocumentNumber(DocumentType.CC, "11.306.123")).toBe(false);
    expect(isValidDocumentNumber(DocumentType.CC, "0123")).toBe(false);
    expect(isValidDocumentNumber(DocumentType.TI, "1107123456")).toBe(true);
    expect(isValidDocumentNumber(DocumentType.PA, "AB123456")).toBe(true);
    expect(isValidDocumentNumber(DocumentType.PA, "ab-1")).toBe(false);
  });
});

describe("places and clinics", () => {
  it("knows the municipalities where S.O.S. operates, and only those", () => {
    expect(isKnownMunicipality("76001")).toBe(true);
    expect(isKnownMunicipality("63001")).toBe(true);
    expect(isKnownMunicipality("11001")).toBe(false); // Bogotá: not in the insurer's area
  });

  it("validates REPS habilitation codes: 12 digits starting with a known municipality", () => {
    expect(isIpsHabilitationCode("760010000101")).toBe(true);
    expect(isIpsHabilitationCode("110010000101")).toBe(false);
    expect(isIpsHabilitationCode("76001000010")).toBe(false);
  });
});
