import { describe, expect, it } from "vitest";
import { AuthorizationState, CareSetting, DeadlineRule, DeadlineUnit, Holder, RequestClass } from "../src/authorization/authorization.enums.js";
import { TRANSITIONS, classify, deadlineFor, holderOf, isOverdue, statesLeadingTo } from "../src/authorization/authorization.rules.js";

const S = AuthorizationState;
const at = (iso: string) => new Date(iso);

describe("answer deadlines", () => {
  const cases: [string, string, RequestClass, string, DeadlineRule, DeadlineUnit, string][] = [
    // service date, filed at (UTC), class → rule, unit, due (UTC)
    ["2026-04-01", "2026-04-01T15:00:00Z", RequestClass.POST_URGENCIA, "2026-04-01T17:00:00Z", DeadlineRule.RES_2335_2023, DeadlineUnit.HORAS, "2 hours after a post-emergency request"],
    ["2026-04-01", "2026-04-01T15:00:00Z", RequestClass.PRIORIZADA, "2026-04-03T15:00:00Z", DeadlineRule.RES_2335_2023, DeadlineUnit.DIAS_CALENDARIO, "2 calendar days when prioritised"],
    ["2026-04-01", "2026-04-01T15:00:00Z", RequestClass.ELECTIVA, "2026-04-06T15:00:00Z", DeadlineRule.RES_2335_2023, DeadlineUnit.DIAS_CALENDARIO, "5 calendar days, weekends included, from the first day of Res 2335"],
    // The day before Res 2335: Res 3047, 5 business days. 2026-03-31 is a Tuesday; 2 and 3 April are Holy Thursday and Good Friday.
    ["2026-03-31", "2026-03-31T15:00:00Z", RequestClass.ELECTIVA, "2026-04-09T15:00:00Z", DeadlineRule.RES_3047_2008, DeadlineUnit.DIAS_HABILES, "5 business days skip the weekend and Holy Week's holidays"],
    ["2026-03-31", "2026-03-31T15:00:00Z", RequestClass.POST_URGENCIA, "2026-03-31T17:00:00Z", DeadlineRule.RES_3047_2008, DeadlineUnit.HORAS, "2 hours under the older rule too"],
    // Filed on a Friday evening in Colombia (Saturday 01:00 UTC): business days count from Colombia's Friday.
    ["2026-01-09", "2026-01-10T01:00:00Z", RequestClass.ELECTIVA, "2026-01-20T01:00:00Z", DeadlineRule.RES_3047_2008, DeadlineUnit.DIAS_HABILES, "Colombia's date decides, and the 12 January holiday is skipped"],
  ];
  for (const [serviceDate, filed, requestClass, due, rule, unit, why] of cases) {
    it(why, () => {
      const deadline = deadlineFor(serviceDate, requestClass, at(filed));
      expect(deadline.rule).toBe(rule);
      expect(deadline.unit).toBe(unit);
      expect(deadline.dueAt.toISOString()).toBe(new Date(due).toISOString());
    });
  }

  it("classifies post-emergency, prioritised and special-protection requests", () => {
    expect(classify({ setting: CareSetting.URGENCIAS, afterEmergency: true, prioritised: false, specialProtection: [] })).toBe(RequestClass.POST_URGENCIA);
    expect(classify({ setting: CareSetting.AMBULATORIO, afterEmergency: false, prioritised: true, specialProtection: [] })).toBe(RequestClass.PRIORIZADA);
    expect(classify({ setting: CareSetting.AMBULATORIO, afterEmergency: false, prioritised: false, specialProtection: ["GESTANTE"] })).toBe(RequestClass.PRIORIZADA);
    expect(classify({ setting: CareSetting.HOSPITALARIO, afterEmergency: false, prioritised: false, specialProtection: [] })).toBe(RequestClass.ELECTIVA);
  });

  it("is overdue only while unanswered and past the moment it was due", () => {
    const due = at("2026-05-01T12:00:00Z");
    expect(isOverdue(S.EN_AUDITORIA, due, at("2026-05-01T12:00:00Z"))).toBe(false);
    expect(isOverdue(S.EN_AUDITORIA, due, at("2026-05-01T12:00:01Z"))).toBe(true);
    expect(isOverdue(S.RADICADA, due, at("2026-05-02T00:00:00Z"))).toBe(true);
    expect(isOverdue(S.APROBADA, due, at("2026-06-01T00:00:00Z"))).toBe(false);
    expect(isOverdue(S.PENDIENTE_DOCS, due, at("2026-06-01T00:00:00Z"))).toBe(false);
  });
});

describe("life cycle", () => {
  it("allows only the transitions of the domain", () => {
    expect(TRANSITIONS[S.RADICADA]).toEqual([S.EN_AUDITORIA, S.ANULADA]);
    expect(TRANSITIONS[S.EN_AUDITORIA]).toEqual(expect.arrayContaining([S.APROBADA, S.APROBADA_PARCIAL, S.NEGADA, S.PENDIENTE_DOCS]));
    expect(TRANSITIONS[S.RADICADA]).not.toContain(S.APROBADA);
    for (const final of [S.NEGADA, S.UTILIZADA, S.VENCIDA, S.ANULADA]) expect(TRANSITIONS[final]).toEqual([]);
    expect(statesLeadingTo(S.UTILIZADA).sort()).toEqual([S.APROBADA, S.APROBADA_PARCIAL].sort());
  });

  it("says who holds the request in each state", () => {
    expect(holderOf(S.RADICADA)).toBe(Holder.EPS);
    expect(holderOf(S.EN_AUDITORIA)).toBe(Holder.EPS);
    expect(holderOf(S.PENDIENTE_DOCS)).toBe(Holder.IPS_SOLICITANTE);
    expect(holderOf(S.APROBADA_PARCIAL)).toBe(Holder.IPS_DESTINO);
    expect(holderOf(S.NEGADA)).toBe(Holder.NADIE);
  });
});
