import { DocumentType } from "@sos/kit";
import { describe, expect, it } from "vitest";
import type { AffiliationApplicationInput } from "../src/application/application.input.js";
import { familyProblem } from "../src/application/application.rules.js";
import { Regime, Relationship, Sex } from "../src/member/member.enums.js";

const TODAY = "2026-11-30";
const person = (documentNumber: string, birthDate = "1990-01-01", documentType = DocumentType.CC) => ({
  documentType,
  documentNumber,
  firstName: "Ana",
  firstSurname: "Gómez",
  birthDate,
  sex: Sex.FEMENINO,
});
const beneficiary = (relationship: Relationship, who = person("1144200001"), terms: { permanentDisability?: boolean; economicDependent?: boolean } = {}) => ({
  person: who,
  relationship,
  permanentDisability: terms.permanentDisability ?? false,
  economicDependent: terms.economicDependent ?? true,
});
const application = (extra: Partial<AffiliationApplicationInput>): AffiliationApplicationInput =>
  ({ person: person("1144200000"), contact: { email: "ana@correo.example" }, municipalityCode: "76001", regime: Regime.CONTRIBUTIVO, ...extra }) as AffiliationApplicationInput;

describe("the family group an application brings", () => {
  it("accepts a spouse and two dependent children", () => {
    const beneficiaries = [beneficiary(Relationship.CONYUGE_COMPANERO), beneficiary(Relationship.HIJO, person("1144200002", "2010-05-05", DocumentType.TI)), beneficiary(Relationship.HIJO, person("1144200003", "2022-05-05", DocumentType.RC))];
    expect(familyProblem(application({ beneficiaries }), TODAY)).toBeNull();
  });

  it("names the beneficiary and the field that breaks a rule", () => {
    const twoSpouses = [beneficiary(Relationship.CONYUGE_COMPANERO), beneficiary(Relationship.CONYUGE_COMPANERO, person("1144200002"))];
    expect(familyProblem(application({ beneficiaries: twoSpouses }), TODAY)).toMatchObject({ field: "input.beneficiaries.1.relationship" });
    const oldChild = [beneficiary(Relationship.HIJO, person("1144200002", "1990-01-01"))];
    expect(familyProblem(application({ beneficiaries: oldChild }), TODAY)).toMatchObject({ field: "input.beneficiaries.0.person.birthDate" });
    const independentChild = [beneficiary(Relationship.HIJO, person("1144200002", "2010-05-05", DocumentType.TI), { economicDependent: false })];
    expect(familyProblem(application({ beneficiaries: independentChild }), TODAY)).toMatchObject({ field: "input.beneficiaries.0.economicDependent" });
    const parentsWithSpouse = [beneficiary(Relationship.CONYUGE_COMPANERO), beneficiary(Relationship.PADRE_MADRE, person("1144200002", "1950-01-01"))];
    expect(familyProblem(application({ beneficiaries: parentsWithSpouse }), TODAY)).toMatchObject({ field: "input.beneficiaries.1.relationship" });
  });

  it("refuses the same person twice, or the applicant as their own beneficiary", () => {
    const twice = [beneficiary(Relationship.HIJO, person("1144200002", "2010-05-05", DocumentType.TI)), beneficiary(Relationship.HIJO, person("1144200002", "2010-05-05", DocumentType.TI))];
    expect(familyProblem(application({ beneficiaries: twice }), TODAY)).toMatchObject({ field: "input.beneficiaries.1.person.documentNumber" });
    expect(familyProblem(application({ beneficiaries: [beneficiary(Relationship.CONYUGE_COMPANERO, person("1144200000"))] }), TODAY)).toMatchObject({ field: "input.beneficiaries.0.person.documentNumber" });
  });
});

describe("joining a cotizante's group", () => {
  const join = (terms: Partial<NonNullable<AffiliationApplicationInput["joinFamilyGroup"]>> = {}) => ({
    cotizanteDocumentType: DocumentType.CC,
    cotizanteDocumentNumber: "1130612345",
    relationship: Relationship.CONYUGE_COMPANERO,
    permanentDisability: false,
    economicDependent: false,
    ...terms,
  });

  it("accepts a spouse, who need not be dependent", () => {
    expect(familyProblem(application({ joinFamilyGroup: join() }), TODAY)).toBeNull();
  });

  it("refuses beneficiaries of one's own, a cotizante kind, the applicant as cotizante, and an adult child", () => {
    expect(familyProblem(application({ joinFamilyGroup: join(), beneficiaries: [beneficiary(Relationship.HIJO)] }), TODAY)).toMatchObject({ field: "input.beneficiaries" });
    expect(familyProblem(application({ joinFamilyGroup: join(), cotizanteKind: "INDEPENDIENTE" as never }), TODAY)).toMatchObject({ field: "input.cotizanteKind" });
    expect(familyProblem(application({ joinFamilyGroup: join({ cotizanteDocumentNumber: "1144200000" }) }), TODAY)).toMatchObject({ field: "input.joinFamilyGroup.cotizanteDocumentNumber" });
    expect(familyProblem(application({ joinFamilyGroup: join({ relationship: Relationship.HIJO, economicDependent: true }) }), TODAY)).toMatchObject({ field: "input.person.birthDate" });
    expect(familyProblem(application({ person: person("1144200000", "2008-01-01"), joinFamilyGroup: join({ relationship: Relationship.HIJO }) }), TODAY)).toMatchObject({ field: "input.joinFamilyGroup.economicDependent" });
  });
});
