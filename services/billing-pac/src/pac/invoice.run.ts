import { durableTransaction, isDuplicateKeyError } from "@sos/kit";
import { addDays } from "@sos/kit/seed";
import { createHash } from "node:crypto";
import type { Connection } from "mongoose";
import type { Models } from "../context.js";
import type { BillingSettings } from "../settings.js";
import { ContractState, InvoiceState, type ContractDoc, type InvoiceDoc } from "./pac.model.js";

/** S.O.S.'s NIT, the seller of every PAC invoice. */
export const SELLER_NIT = "805001157";
/** Days from issue to due date. */
export const PAYMENT_TERM_DAYS = 15;
/** An invoice this many days past due suspends its contract for arrears. */
export const SUSPENSION_AFTER_DAYS = 30;
const SEQUENCE = "pac-invoice";

export const invoiceNumber = (prefix: string, consecutive: number): string => `${prefix}-${String(consecutive).padStart(7, "0")}`;

/** The CUFE's shape (SHA-384 over the invoice's number, date, amounts, parties and the technical key). */
export function cufeOf(invoice: Pick<InvoiceDoc, "_id" | "issuedOn" | "amount" | "holderId">, technicalKey: string): string {
  const amount = `${invoice.amount}.00`;
  return createHash("sha384").update(`${invoice._id}${invoice.issuedOn}${amount}01${"0.00"}04${"0.00"}03${"0.00"}${amount}${SELLER_NIT}${invoice.holderId}${technicalKey}1`).digest("hex");
}

/** The last day of a period "YYYY-MM": a contract that starts by then is invoiced for it. */
export const lastDayOf = (period: string): string => addDays(`${addMonth(period)}-01`, -1);
function addMonth(period: string): string {
  const [year, month] = period.split("-").map(Number) as [number, number];
  return month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, "0")}`;
}

/** A contract's invoice for a month, as issued: EMITIDA, owed by the holder, due PAYMENT_TERM_DAYS later, with its CUFE. */
export function newInvoice(
  contract: Pick<ContractDoc, "_id" | "holderId" | "monthlyFee">,
  period: string,
  issuedOn: string,
  consecutive: number,
  settings: Pick<BillingSettings, "invoicePrefix" | "dianTechnicalKey">,
): InvoiceDoc {
  const number = invoiceNumber(settings.invoicePrefix, consecutive);
  const dueDate = addDays(issuedOn, PAYMENT_TERM_DAYS);
  const invoice: InvoiceDoc = {
    _id: number,
    consecutive,
    contractId: contract._id,
    holderId: contract.holderId,
    period,
    amount: contract.monthlyFee,
    issuedOn,
    dueDate,
    cufe: "",
    state: InvoiceState.EMITIDA,
    paidAt: null,
    payment: null,
    openPayment: null,
    owedBy: contract.holderId,
    sortKey: `${dueDate}:${number}`,
  };
  return { ...invoice, cufe: cufeOf(invoice, settings.dianTechnicalKey) };
}

export interface InvoiceRunReport {
  period: string;
  created: number;
  existing: number;
}

/**
 * The month's invoices, one per contract in force: idempotent (a contract that has its invoice for the
 * month is skipped; the unique index settles a race) and gap-free — the consecutive is taken inside the
 * transaction that inserts the invoice, so an insert that fails gives its number back.
 */
export async function generateInvoices(connection: Connection, models: Models, settings: BillingSettings, period: string, today: string): Promise<InvoiceRunReport> {
  const first = `${period}-01`;
  // Issued today, never backdated (the DIAN does not accept it): a run for last month is issued now.
  const issuedOn = today;
  const report: InvoiceRunReport = { period, created: 0, existing: 0 };
  const inForce = models.contracts
    // A contract suspended for arrears is not invoiced again until it is paid up and active.
    .find({ state: ContractState.ACTIVO, startDate: { $lte: lastDayOf(period) } })
    .sort({ state: 1, _id: 1 })
    .lean<ContractDoc[]>()
    .cursor();
  for await (const contract of inForce) {
    if (contract.endDate && contract.endDate < first) continue;
    if (await models.invoices.exists({ contractId: contract._id, period })) {
      report.existing += 1;
      continue;
    }
    try {
      await durableTransaction(connection, async (session) => {
        const sequence = await models.sequences.findOneAndUpdate({ _id: SEQUENCE }, { $inc: { value: 1 } }, { upsert: true, returnDocument: "after", session }).lean<{ value: number }>().exec();
        const invoice = newInvoice(contract, period, issuedOn, (sequence as { value: number }).value, settings);
        await models.invoices.create([invoice], { session });
      });
      report.created += 1;
    } catch (error) {
      // Another run made this contract's invoice meanwhile: its transaction gave the number back. Any
      // other clash (a number taken twice) is a fault to see, not a contract to leave uninvoiced.
      if (!isDuplicateKeyError(error) || !(error as { keyPattern?: Record<string, unknown> }).keyPattern?.["contractId"]) throw error;
      report.existing += 1;
    }
  }
  return report;
}

/**
 * Unpaid invoices past due become VENCIDA; a contract with one more than 30 days late is suspended for
 * arrears, and a suspended one with nothing overdue left (paid meanwhile) is active again.
 */
export async function sweepArrears(models: Models, today: string): Promise<{ overdue: number; suspended: number; reactivated: number }> {
  const overdue = await models.invoices.updateMany({ state: InvoiceState.EMITIDA, dueDate: { $lt: today } }, { $set: { state: InvoiceState.VENCIDA } });
  const late = await models.invoices.distinct("contractId", { state: InvoiceState.VENCIDA, dueDate: { $lt: addDays(today, -SUSPENSION_AFTER_DAYS) } });
  const suspended = late.length
    ? await models.contracts.updateMany({ _id: { $in: late }, state: ContractState.ACTIVO }, { $set: { state: ContractState.SUSPENDIDO_MORA, stateSince: new Date() } })
    : { modifiedCount: 0 };
  const stillOverdue = await models.invoices.distinct("contractId", { state: InvoiceState.VENCIDA });
  const reactivated = await models.contracts.updateMany({ state: ContractState.SUSPENDIDO_MORA, _id: { $nin: stillOverdue } }, { $set: { state: ContractState.ACTIVO, stateSince: new Date() } });
  return { overdue: overdue.modifiedCount, suspended: suspended.modifiedCount, reactivated: reactivated.modifiedCount };
}
