import { addDays, type Random } from "@sos/kit/seed";
import { PERSONA_FAMILY_IDS, type SyntheticMember } from "@sos/personas";
import { PAYMENT_TERM_DAYS, newInvoice } from "../pac/invoice.run.js";
import { ContractState, InvoiceState, type ContractDoc, type InvoiceDoc } from "../pac/pac.model.js";
import { previousPeriods } from "./contributions.seed.js";

/** PAC plans and their monthly fee per person covered (synthetic figures). */
export const PAC_PLANS = [
  { plan: "PAC Familiar Plata", perPerson: 89_000 },
  { plan: "PAC Familiar Oro", perPerson: 142_000 },
] as const;
const INVOICE_MONTHS = 6;
const BANKS = ["BANCOLOMBIA", "BANCO DAVIVIENDA", "BANCO DE BOGOTA", "NEQUI"];

/**
 * PAC contracts for a share of the contributivo cotizantes (more in the higher income bands), covering
 * the holder and their family group; six months of invoices each: paid ones, this month's to pay, and for
 * a contract suspended for arrears, the unpaid ones that suspended it. María Fernanda holds a contract
 * for herself and her two children, with this month's invoice still to pay.
 */
export function buildPac(rng: Random, members: readonly SyntheticMember[], today: string, prefix: string, technicalKey: string): { contracts: ContractDoc[]; invoices: InvoiceDoc[]; lastConsecutive: number } {
  const family = new Map<string, string[]>();
  for (const member of members) if (member.cotizanteId && member.state === "ACTIVO") family.set(member.cotizanteId, [...(family.get(member.cotizanteId) ?? []), member._id]);
  const contracts: ContractDoc[] = [];
  for (const member of members) {
    const persona = member._id === PERSONA_FAMILY_IDS.member;
    const share = member.incomeBand === "RANGO_3" ? 0.45 : member.incomeBand === "RANGO_2" ? 0.2 : 0.04;
    if (!persona && (member.memberType !== "COTIZANTE" || member.regime !== "CONTRIBUTIVO" || member.state !== "ACTIVO" || !rng.chance(share))) continue;
    const { plan, perPerson } = persona ? PAC_PLANS[0] : rng.pick(PAC_PLANS);
    const covered = persona ? [member._id, PERSONA_FAMILY_IDS.olderChild, PERSONA_FAMILY_IDS.youngerChild] : [member._id, ...(family.get(member._id) ?? []).slice(0, 3)];
    const state = persona ? ContractState.ACTIVO : rng.weighted([[ContractState.ACTIVO, 90], [ContractState.SUSPENDIDO_MORA, 6], [ContractState.CANCELADO, 4]] as const);
    contracts.push({
      _id: `PAC-${String(contracts.length + 1).padStart(6, "0")}`,
      holderId: member._id,
      beneficiaryIds: covered,
      plan,
      monthlyFee: perPerson * covered.length,
      startDate: addDays(today, -rng.int(200, 2000)),
      endDate: state === ContractState.CANCELADO ? addDays(today, -rng.int(40, 120)) : null,
      state,
      stateSince: new Date(`${addDays(today, -rng.int(10, 60))}T14:00:00Z`),
      seeded: true,
    });
  }
  // Invoices month by month, the consecutive in issue order across contracts, as the monthly runs gave them.
  const invoices: InvoiceDoc[] = [];
  let consecutive = 0;
  const periods = [...previousPeriods(today, INVOICE_MONTHS - 1), today.slice(0, 7)];
  periods.forEach((period, monthIndex) => {
    const current = monthIndex === periods.length - 1;
    for (const contract of contracts) {
      if (contract.endDate && contract.endDate < `${period}-01`) continue;
      const persona = contract.holderId === PERSONA_FAMILY_IDS.member;
      // This month's invoice of the persona is fresh (issued five days ago): a person trying the graph pays it.
      const issuedOn = current && persona ? addDays(today, -5) : `${period}-01`;
      const unpaid = current || (contract.state === ContractState.SUSPENDIDO_MORA && monthIndex >= periods.length - 3);
      const issued = newInvoice(contract, period, issuedOn, ++consecutive, { invoicePrefix: prefix, dianTechnicalKey: technicalKey });
      const paidAt = unpaid ? null : new Date(`${addDays(issuedOn, rng.int(1, PAYMENT_TERM_DAYS + 5))}T15:00:00Z`);
      invoices.push({
        ...issued,
        state: unpaid ? (issued.dueDate < today ? InvoiceState.VENCIDA : InvoiceState.EMITIDA) : InvoiceState.PAGADA,
        paidAt,
        payment: paidAt ? { reference: `PSE-SEED-${consecutive}`, cus: rng.digits(9), bank: rng.pick(BANKS) } : null,
        owedBy: unpaid ? contract.holderId : null,
        seeded: true,
      });
    }
  });
  return { contracts, invoices, lastConsecutive: consecutive };
}
