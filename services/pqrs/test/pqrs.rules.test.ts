import { describe, expect, it } from "vitest";
import { dueAtFor, extendedDueAt, isOverdue, termFor } from "../src/pqrs/pqrs.rules.js";

// Instants in Colombia (UTC-5).
const co = (local: string) => new Date(`${local}-05:00`);
const due = (type: Parameters<typeof termFor>[0], filed: string, options: Parameters<typeof termFor>[1] = {}) => dueAtFor(co(filed), termFor(type, options));

describe("deadlines", () => {
  it("gives a vital-risk health complaint filed at 16:00 until 16:00 the next day; 48 h prioritised; 72 h simple", () => {
    expect(due("QUEJA", "2026-12-01T16:00:00", { risk: "VITAL" })).toEqual(co("2026-12-02T16:00:00"));
    expect(due("RECLAMO", "2026-12-01T16:00:00", { risk: "PRIORIZADO" })).toEqual(co("2026-12-03T16:00:00"));
    expect(due("QUEJA", "2026-12-01T16:00:00", { risk: "SIMPLE" })).toEqual(co("2026-12-04T16:00:00"));
  });

  it("raises a simple complaint of a special-protection member to prioritised", () => {
    expect(termFor("QUEJA", { risk: "SIMPLE", specialProtection: true })).toMatchObject({ amount: 48, unit: "HORAS" });
  });

  it("gives an ordinary petition filed on 2026-12-01 until the end of 2026-12-23 (15 business days, 8 December skipped)", () => {
    expect(due("PETICION", "2026-12-01T10:00:00")).toEqual(co("2026-12-23T23:59:59.999"));
  });

  it("gives information 10 and consultations 30 business days", () => {
    expect(due("PETICION", "2026-12-01T10:00:00", { petitionKind: "INFORMACION" })).toEqual(co("2026-12-16T23:59:59.999"));
    expect(termFor("PETICION", { petitionKind: "CONSULTA" })).toMatchObject({ amount: 30 });
  });

  it("counts from a Friday afternoon before a Monday holiday: the holiday is skipped", () => {
    // Friday 2026-11-13, 16:30; Monday 2026-11-16 is a holiday (Independencia de Cartagena).
    expect(due("PETICION", "2026-11-13T16:30:00", { petitionKind: "INFORMACION" })).toEqual(co("2026-11-30T23:59:59.999"));
  });

  it("counts across the year end: 25 December and 1 January skipped", () => {
    // Wed 2026-12-23 + 10 business days: 24, 28, 29, 30, 31 December; 4, 5, 6, 7, 8 January 2027 (Reyes moves to Monday the 11th).
    expect(due("PETICION", "2026-12-23T09:00:00", { petitionKind: "INFORMACION" })).toEqual(co("2027-01-08T23:59:59.999"));
  });

  it("gives data-protection requests 10 (+5) and 15 (+8) business days", () => {
    const consulta = due("CONSULTA_DATOS", "2026-12-01T10:00:00");
    expect(consulta).toEqual(co("2026-12-16T23:59:59.999"));
    expect(extendedDueAt(consulta, 5)).toEqual(co("2026-12-23T23:59:59.999"));
    expect(termFor("RECLAMO_DATOS", {})).toMatchObject({ amount: 15, extension: 8 });
  });

  it("is overdue only while unanswered", () => {
    const dueAt = co("2026-12-02T16:00:00");
    expect(isOverdue("EN_TRAMITE", dueAt, co("2026-12-02T16:00:01"))).toBe(true);
    expect(isOverdue("EN_TRAMITE", dueAt, co("2026-12-02T16:00:00"))).toBe(false);
    expect(isOverdue("RESPONDIDA", dueAt, co("2026-12-09T00:00:00"))).toBe(false);
  });
});
