import { describe, expect, it } from "vitest";
import { beneficiaryViolation, type BeneficiaryCandidate } from "../src/family/family.rules.js";
import { AffiliationState, MemberType, Relationship } from "../src/member/member.enums.js";

const cotizante = { memberType: MemberType.COTIZANTE, state: AffiliationState.ACTIVO };
const active = (relationship: Relationship) => ({ relationship, state: AffiliationState.ACTIVO });
const candidate = (over: Partial<BeneficiaryCandidate>): BeneficiaryCandidate => ({
  relationship: Relationship.HIJO,
  age: 10,
  permanentDisability: false,
  economicDependent: true,
  ...over,
});

describe("beneficiary rules", () => {
  it("accepts a spouse, dependent children under 25 and, alone, dependent parents", () => {
    expect(beneficiaryViolation(cotizante, [], candidate({ relationship: Relationship.CONYUGE_COMPANERO, age: 35 }))).toBeNull();
    expect(beneficiaryViolation(cotizante, [active(Relationship.CONYUGE_COMPANERO)], candidate({ age: 24 }))).toBeNull();
    expect(beneficiaryViolation(cotizante, [], candidate({ relationship: Relationship.PADRE_MADRE, age: 70 }))).toBeNull();
  });

  it("allows one spouse or partner only", () => {
    const violation = beneficiaryViolation(cotizante, [active(Relationship.CONYUGE_COMPANERO)], candidate({ relationship: Relationship.CONYUGE_COMPANERO }));
    expect(violation).toMatchObject({ kind: "conflict" });
  });

  it("refuses a child of 25 or more unless permanently disabled", () => {
    expect(beneficiaryViolation(cotizante, [], candidate({ age: 25 }))).toMatchObject({ kind: "input", field: "input.person.birthDate" });
    expect(beneficiaryViolation(cotizante, [], candidate({ age: 40, permanentDisability: true, economicDependent: false }))).toBeNull();
  });

  it("refuses a child under 25 who does not depend on the cotizante", () => {
    expect(beneficiaryViolation(cotizante, [], candidate({ age: 19, economicDependent: false }))).toMatchObject({
      kind: "input",
      field: "input.economicDependent",
    });
  });

  it("admits parents only with no spouse or child in the group, and then no spouse or child after them", () => {
    const parent = candidate({ relationship: Relationship.PADRE_MADRE, age: 65 });
    expect(beneficiaryViolation(cotizante, [active(Relationship.HIJO)], parent)).toMatchObject({ kind: "conflict" });
    expect(beneficiaryViolation(cotizante, [active(Relationship.PADRE_MADRE)], candidate({}))).toMatchObject({ kind: "conflict" });
    expect(beneficiaryViolation(cotizante, [active(Relationship.PADRE_MADRE), active(Relationship.PADRE_MADRE)], parent)).toMatchObject({
      kind: "conflict",
    });
    expect(beneficiaryViolation(cotizante, [], { ...parent, economicDependent: false })).toMatchObject({ kind: "input" });
  });

  it("ignores retired members of the group", () => {
    const retiredSpouse = { relationship: Relationship.CONYUGE_COMPANERO, state: AffiliationState.RETIRADO };
    expect(beneficiaryViolation(cotizante, [retiredSpouse], candidate({ relationship: Relationship.CONYUGE_COMPANERO }))).toBeNull();
  });

  it("lets only an active cotizante add beneficiaries", () => {
    expect(beneficiaryViolation({ ...cotizante, memberType: MemberType.BENEFICIARIO }, [], candidate({}))).toMatchObject({ kind: "conflict" });
    expect(beneficiaryViolation({ ...cotizante, state: AffiliationState.SUSPENDIDO }, [], candidate({}))).toMatchObject({ kind: "conflict" });
  });
});
