import { describe, expect, it } from "vitest";
import { DeliveryPlaceKind, PendingDeliveryState, PrescriptionState, SupplyState, TechnologyType } from "../src/mipres/mipres.enums.js";
import type { PrescriptionDoc, TechnologyDoc } from "../src/mipres/mipres.model.js";
import {
  PENDING_DELIVERY_HOURS,
  addMonths,
  colombianDateTime,
  isPendingOverdue,
  isPrescriptionNumber,
  isVigente,
  pendingDueAt,
  pendingRefusal,
  pendingStatusText,
  prescriptionDateOf,
  remaining,
  supplyState,
  wasDeliveredLate,
  windowEnd,
} from "../src/mipres/mipres.rules.js";

const technology = (over: Partial<TechnologyDoc> = {}): TechnologyDoc => ({
  index: 1,
  type: TechnologyType.MEDICAMENTO,
  code: "19954521-03",
  description: "LOSARTAN 50 MG TABLETA",
  quantity: 30,
  deliveries: 1,
  delivered: 0,
  dispenserIpsCode: "760010000101",
  latestDeliveryDate: null,
  ...over,
});

const prescription = (over: Partial<PrescriptionDoc> = {}): PrescriptionDoc => ({
  _id: "20260115000000000101",
  memberId: "5e05a0000000000000000001",
  prescribedAt: "2026-01-15",
  settingCode: "11" as PrescriptionDoc["settingCode"],
  state: PrescriptionState.ACTIVA,
  prescriberIpsCode: "760010000401",
  professional: { name: "Profesional", specialty: null },
  diagnosis: { code: "I10X", system: "CIE-10", description: "HIPERTENSION ESENCIAL (PRIMARIA)" },
  technologies: [technology()],
  sortKey: "2026-01-15:20260115000000000101",
  ...over,
});

const HOUR = 3_600_000;

describe("addMonths", () => {
  it.each([
    ["2026-01-15", 3, "2026-04-15"],
    ["2025-11-30", 3, "2026-02-28"],
    ["2023-11-30", 3, "2024-02-29"],
    ["2024-02-29", 12, "2025-02-28"],
    ["2025-10-31", 12, "2026-10-31"],
    ["2026-04-15", -12, "2025-04-15"],
  ])("%s + %i months = %s", (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });
});

describe("vigente: active, not fully delivered, within its window", () => {
  it("a single delivery is vigente up to exactly 3 months after the prescription date, not a day later", () => {
    const single = prescription();
    expect(windowEnd(single)).toBe("2026-04-15");
    expect(isVigente(single, "2026-01-15")).toBe(true);
    expect(isVigente(single, "2026-04-15")).toBe(true);
    expect(isVigente(single, "2026-04-16")).toBe(false);
  });

  it("successive deliveries are vigente up to exactly 1 year after the prescription date, not a day later", () => {
    const successive = prescription({ technologies: [technology({ quantity: 180, deliveries: 6, delivered: 30 })] });
    expect(windowEnd(successive)).toBe("2027-01-15");
    expect(isVigente(successive, "2026-04-16")).toBe(true);
    expect(isVigente(successive, "2027-01-15")).toBe(true);
    expect(isVigente(successive, "2027-01-16")).toBe(false);
  });

  it("a month-end prescription's window ends on the last day of the shorter month", () => {
    const endOfMonth = prescription({ prescribedAt: "2025-11-30" });
    expect(isVigente(endOfMonth, "2026-02-28")).toBe(true);
    expect(isVigente(endOfMonth, "2026-03-01")).toBe(false);
  });

  it("a fully delivered prescription is not vigente, even inside its window", () => {
    const delivered = prescription({ technologies: [technology({ delivered: 30 })] });
    expect(remaining(delivered.technologies[0] as TechnologyDoc)).toBe(0);
    expect(isVigente(delivered, "2026-01-20")).toBe(false);
  });

  it("one technology still to deliver keeps it vigente", () => {
    const mixed = prescription({ technologies: [technology({ delivered: 30 }), technology({ index: 2, quantity: 60, delivered: 30 })] });
    expect(isVigente(mixed, "2026-01-20")).toBe(true);
  });

  it("an annulled prescription (MIPRES state 2) is never vigente", () => {
    expect(isVigente(prescription({ state: PrescriptionState.ANULADA }), "2026-01-15")).toBe(false);
  });

  it("the window counts only what remains: a delivered successive technology no longer extends a pending single one", () => {
    const mixed = prescription({
      technologies: [technology({ quantity: 90, deliveries: 3, delivered: 90 }), technology({ index: 2, quantity: 30, deliveries: 1, delivered: 0 })],
    });
    expect(windowEnd(mixed)).toBe("2026-04-15");
    expect(isVigente(mixed, "2026-05-01")).toBe(false);
  });
});

describe("remaining and supply state", () => {
  it("what remains is never negative", () => {
    expect(remaining({ quantity: 30, delivered: 10 })).toBe(20);
    expect(remaining({ quantity: 30, delivered: 40 })).toBe(0);
  });

  it("follows direccionamiento → entrega parcial → entrega completa", () => {
    expect(supplyState(technology({ dispenserIpsCode: null }))).toBe(SupplyState.SIN_DIRECCIONAR);
    expect(supplyState(technology())).toBe(SupplyState.DIRECCIONADA);
    expect(supplyState(technology({ delivered: 10 }))).toBe(SupplyState.ENTREGA_PARCIAL);
    expect(supplyState(technology({ delivered: 30 }))).toBe(SupplyState.ENTREGA_COMPLETA);
  });
});

describe("pendientes: 48 hours", () => {
  const registeredAt = new Date("2026-03-10T15:00:00.000Z");
  const dueAt = pendingDueAt(registeredAt);
  const open = { state: PendingDeliveryState.PENDIENTE, dueAt };

  it("are due 48 hours after their registration", () => {
    expect(PENDING_DELIVERY_HOURS).toBe(48);
    expect(dueAt.toISOString()).toBe("2026-03-12T15:00:00.000Z");
  });

  it("are on time up to the deadline itself and overdue a millisecond later", () => {
    expect(isPendingOverdue(open, new Date(dueAt.getTime() - 1))).toBe(false);
    expect(isPendingOverdue(open, dueAt)).toBe(false);
    expect(isPendingOverdue(open, new Date(dueAt.getTime() + 1))).toBe(true);
  });

  it("are never overdue once delivered or annulled", () => {
    const later = new Date(dueAt.getTime() + 100 * HOUR);
    expect(isPendingOverdue({ state: PendingDeliveryState.ENTREGADA, dueAt }, later)).toBe(false);
    expect(isPendingOverdue({ state: PendingDeliveryState.ANULADA, dueAt }, later)).toBe(false);
  });

  it("tell a late delivery from one in time", () => {
    expect(wasDeliveredLate({ state: PendingDeliveryState.ENTREGADA, dueAt, deliveredAt: dueAt })).toBe(false);
    expect(wasDeliveredLate({ state: PendingDeliveryState.ENTREGADA, dueAt, deliveredAt: new Date(dueAt.getTime() + HOUR) })).toBe(true);
  });

  it("say their state and deadline in Colombian time", () => {
    const place = { kind: DeliveryPlaceKind.DOMICILIO, ipsCode: null, address: "Carrera 66 # 9-45" };
    expect(colombianDateTime(dueAt)).toBe("12/03/2026 10:00");
    expect(pendingStatusText({ ...open, place }, registeredAt)).toBe("Pendiente: se entregará a más tardar el 12/03/2026 10:00 (hora de Colombia) en el domicilio indicado.");
    expect(pendingStatusText({ ...open, place }, new Date(dueAt.getTime() + 1))).toMatch(/^Vencido: debía entregarse a más tardar el 12\/03\/2026 10:00/);
    const late = { state: PendingDeliveryState.ENTREGADA, dueAt, deliveredAt: new Date(dueAt.getTime() + 2 * HOUR), receivedBy: "El afiliado", place };
    expect(pendingStatusText(late, new Date())).toBe("Entregado el 12/03/2026 12:00, lo recibió El afiliado (fuera del plazo de 48 horas, que vencía el 12/03/2026 10:00).");
  });
});

describe("registering a pendiente", () => {
  const vigente = prescription({ technologies: [technology({ quantity: 180, deliveries: 6, delivered: 30 })] });
  const ask = (over: Partial<{ technologyIndex: number; quantity: number; openPendingQuantity: number }> = {}) => ({ technologyIndex: 1, quantity: 30, openPendingQuantity: 0, ...over });

  it("accepts up to what remains less what is already pending", () => {
    expect(pendingRefusal(vigente, ask({ quantity: 150 }), "2026-02-20")).toBeNull();
    expect(pendingRefusal(vigente, ask({ quantity: 151 }), "2026-02-20")?.field).toBe("quantity");
    expect(pendingRefusal(vigente, ask({ quantity: 121, openPendingQuantity: 30 }), "2026-02-20")?.message).toContain("como máximo 120");
  });

  it("refuses what is not a medicine or nutritional product, an annulled or expired prescription, an unrouted or unknown technology", () => {
    expect(pendingRefusal(prescription({ technologies: [technology({ type: TechnologyType.DISPOSITIVO })] }), ask(), "2026-01-20")?.field).toBe("technologyIndex");
    expect(pendingRefusal(prescription({ technologies: [technology({ type: TechnologyType.PRODUCTO_NUTRICIONAL })] }), ask(), "2026-01-20")).toBeNull();
    expect(pendingRefusal(prescription({ state: PrescriptionState.ANULADA }), ask(), "2026-01-20")?.field).toBe("prescriptionNumber");
    expect(pendingRefusal(prescription(), ask(), "2026-04-16")?.message).toContain("2026-04-15");
    expect(pendingRefusal(prescription({ technologies: [technology({ dispenserIpsCode: null })] }), ask(), "2026-01-20")?.field).toBe("technologyIndex");
    expect(pendingRefusal(prescription(), ask({ technologyIndex: 2 }), "2026-01-20")?.field).toBe("technologyIndex");
    expect(pendingRefusal(prescription({ technologies: [technology({ delivered: 30 })] }), ask(), "2026-01-20")?.message).toContain("entregó completa");
  });
});

describe("prescription numbers", () => {
  it("are 20 digits starting with a real date", () => {
    expect(prescriptionDateOf("20260115000000000101")).toBe("2026-01-15");
    expect(isPrescriptionNumber("20260230000000000101")).toBe(false);
    expect(isPrescriptionNumber("2026011500000000010")).toBe(false);
    expect(isPrescriptionNumber("2026011500000000010A")).toBe(false);
  });
});
