// «Califícate en el SISBEN IV» through the gateway, and subsidiado applications checked against the
// registry (docs/domain.md, Affiliation): a synthetic registry stands in for the national one.
import { PERSONAS } from "@sos/personas";
import { errorCodes } from "@sos/kit/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStack, type Stack } from "./stack.js";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.close();
});

type Check = { sisbenCheck: { found: boolean; group: string | null; subsidyEligible: boolean; explanation: string } };
const check = (documentNumber: string, documentType = "CC") => stack.persisted<Check>("SisbenCheck", { variables: { documentType, documentNumber } });

describe("sisbenCheck", () => {
  it("answers without a session: the group and whether it gives access to the subsidiado", async () => {
    const eligible = await check("1144000001");
    expect(eligible.errors).toBeUndefined();
    expect(eligible.data!.sisbenCheck).toMatchObject({ found: true, group: "A3", subsidyEligible: true });
    expect(eligible.data!.sisbenCheck.explanation).toMatch(/pobreza extrema/);
    expect((await check("1144000002")).data!.sisbenCheck).toMatchObject({ found: true, group: "D10", subsidyEligible: false });
    expect((await check("1144999999")).data!.sisbenCheck).toMatchObject({ found: false, group: null, subsidyEligible: false });
  });

  it("finds a seeded subsidiado member's group, and refuses a malformed document naming it", async () => {
    const member = await stack.connection.collection("members").findOne({ regime: "SUBSIDIADO" });
    const found = await check(member!["documentNumber"], member!["documentType"]);
    expect(found.data!.sisbenCheck).toMatchObject({ found: true, group: member!["sisbenGroup"], subsidyEligible: true });
    const bad = await check("12AB");
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "documentNumber" });
  });

  it("asks an agent for the purpose", async () => {
    const noPurpose = await stack.query(`{ sisbenCheck(documentType: CC, documentNumber: "1144000001") { group } }`, { viewer: PERSONAS["agent"] });
    expect(errorCodes(noPurpose)).toEqual(["FORBIDDEN"]);
  });
});

describe("applying to the subsidiado régimen", () => {
  const APPLY = `mutation($input: AffiliationApplicationInput!) { applyForAffiliation(input: $input) { filingNumber } }`;
  const application = (documentNumber: string, sisbenGroup: string) => ({
    person: { documentType: "CC", documentNumber, firstName: "Luz", middleName: "Dary", firstSurname: "Mosquera", secondSurname: "Angulo", birthDate: "1990-03-14", sex: "FEMENINO" },
    contact: { email: `luz.${documentNumber}@correo.example`, mobile: "3154445566" },
    municipalityCode: "76001",
    regime: "SUBSIDIADO",
    sisbenGroup,
  });

  it("accepts the group the registry has, and refuses another group or a person not surveyed", async () => {
    const accepted = await stack.query<{ applyForAffiliation: { filingNumber: string } }>(APPLY, { variables: { input: application("1144000001", "A3") } });
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data!.applyForAffiliation.filingNumber).toMatch(/^AF-/);
    const otherGroup = await stack.query(APPLY, { variables: { input: application("1144000001", "B2") } });
    expect(otherGroup.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.sisbenGroup" });
    expect(otherGroup.errors?.[0]?.message).toMatch(/grupo A3/);
    const notSurveyed = await stack.query(APPLY, { variables: { input: application("1144999998", "A1") } });
    expect(notSurveyed.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.sisbenGroup" });
  });
});
