import { describe, expect, it } from "vitest";
import { ClaimState, IncapacityType } from "../src/incapacity/incapacity.model.js";
import { dueAt, extensionProblem, isOverdue, paymentDue, relatedDiagnoses, reviewDue } from "../src/incapacity/incapacity.rules.js";

const previous = { memberId: "m1", endDate: "2026-03-10", type: IncapacityType.ENFERMEDAD_GENERAL, diagnosis: { code: "M545", system: "CIE-10" as const, cie11Code: null }, state: ClaimState.PAGADA };
const next = (overrides: Partial<{ memberId: string; startDate: string; type: string; diagnosisCode: string }> = {}) => ({ memberId: "m1", startDate: "2026-03-11", type: "ENFERMEDAD_GENERAL", diagnosisCode: "M544", ...overrides });

describe("extensions (prórrogas)", () => {
  it("continue a chain with a related diagnosis up to 30 days after", () => {
    expect(extensionProblem(previous, next())).toBeNull();
    expect(extensionProblem(previous, next({ startDate: "2026-04-09" }))).toBeNull(); // 29 days between
    expect(extensionProblem(previous, next({ startDate: "2026-04-10" }))).toBeNull(); // 30 days between
    expect(extensionProblem(previous, next({ startDate: "2026-04-11" }))?.field).toBe("input.startDate"); // 31
  });

  it("refuse an unrelated diagnosis, another type, another member, an overlap, or a denied one", () => {
    expect(extensionProblem(previous, next({ diagnosisCode: "J189" }))?.field).toBe("input.diagnosis.code");
    expect(extensionProblem(previous, next({ type: "ACCIDENTE_TRABAJO" }))?.field).toBe("input.type");
    expect(extensionProblem(previous, next({ memberId: "m2" }))?.field).toBe("input.extensionOf");
    expect(extensionProblem(previous, next({ startDate: "2026-03-10" }))?.field).toBe("input.startDate");
    expect(extensionProblem({ ...previous, state: ClaimState.NEGADA }, next())?.field).toBe("input.extensionOf");
  });

  it("judge the dates before the diagnosis, so a request that fails anyway tells nothing of the earlier diagnosis", () => {
    // An employer may not learn a diagnosis: with an impossible date, related and unrelated codes get the same answer.
    const overlapping = { startDate: "2026-03-01" };
    expect(extensionProblem(previous, next({ ...overlapping, diagnosisCode: "J189" }))).toEqual(extensionProblem(previous, next({ ...overlapping, diagnosisCode: "M544" })));
  });

  it("relate diagnoses of the same CIE-10 block", () => {
    expect(relatedDiagnoses("M545", "M511")).toBe(true);
    expect(relatedDiagnoses("M545", "M179")).toBe(false);
    expect(relatedDiagnoses("J189", "J180")).toBe(true);
    expect(relatedDiagnoses("M431", "M545")).toBe(true); // both dorsopathies (M40–M54)
    expect(relatedDiagnoses("J069", "J09X")).toBe(false); // upper respiratory (J00–J06) vs influenza (J09–J18)
    expect(relatedDiagnoses("K297", "K358")).toBe(false); // stomach (K20–K31) vs appendix (K35–K38)
    expect(relatedDiagnoses("I219", "I269")).toBe(false); // ischaemic vs pulmonary heart disease
    expect(relatedDiagnoses("Z348", "Z349")).toBe(true); // outside the table: the same category only
  });
});

describe("deadlines (Decreto 1427 de 2022)", () => {
  // Filed Monday 2026-03-02 10:00 in Colombia: 15 business days skip weekends and the 23 March holiday.
  const filed = new Date("2026-03-02T15:00:00Z");

  it("review and settlement within 15 business days of filing; payment within 5 of recognition", () => {
    expect(reviewDue(filed).toISOString()).toBe("2026-03-24T15:00:00.000Z");
    expect(paymentDue(new Date("2026-03-27T15:00:00Z")).toISOString()).toBe("2026-04-07T15:00:00.000Z"); // Holy Thursday and Friday skipped
  });

  it("is overdue only past the deadline the EPS faces in its state", () => {
    const claim = { state: ClaimState.RADICADA, reviewDueAt: reviewDue(filed), paymentDueAt: null };
    expect(isOverdue(claim, new Date("2026-03-24T15:00:00Z"))).toBe(false);
    expect(isOverdue(claim, new Date("2026-03-24T15:00:01Z"))).toBe(true);
    expect(dueAt({ ...claim, state: ClaimState.PAGADA })).toBeNull();
    // Recognised: the settlement is still owed by the review deadline, which comes first here.
    expect(dueAt({ ...claim, state: ClaimState.RECONOCIDA, paymentDueAt: new Date("2026-04-06T15:00:00Z") })?.toISOString()).toBe("2026-03-24T15:00:00.000Z");
    expect(dueAt({ ...claim, state: ClaimState.LIQUIDADA, paymentDueAt: new Date("2026-04-06T15:00:00Z") })?.toISOString()).toBe("2026-04-06T15:00:00.000Z");
  });
});
