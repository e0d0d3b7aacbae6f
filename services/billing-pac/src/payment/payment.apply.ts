import { durableTransaction, todayInColombia, type Logger } from "@sos/kit";
import type { ClientSession, Connection } from "mongoose";
import { ContractState, InvoiceState, type ContractModel, type InvoiceDoc, type InvoiceModel } from "../pac/pac.model.js";
import type { BankTransaction } from "./pse.client.js";
import { PaymentState, type PaymentDoc, type PaymentModel } from "./payment.model.js";

export interface BillingModels {
  payments: PaymentModel;
  invoices: InvoiceModel;
  contracts: ContractModel;
}

export type ApplyOutcome = "APPLIED" | "REJECTED" | "ALREADY_DECIDED" | "UNKNOWN_PAYMENT" | "REVIEW";

/** Closed by us without the bank's answer: a later approval from the bank still applies. */
const GAVE_UP: readonly string[] = ["BANCO_NO_RESPONDIO", "VENCIDO"];

/**
 * Applies the bank's decision on a payment exactly once, however many times, in whatever order and
 * however concurrently it arrives: the payment leaves PENDIENTE (or a closure of ours the bank overrules)
 * in one guarded update, and only the call that moved it goes on — in the same journaled transaction —
 * to mark the invoice PAGADA, free it, and reactivate a contract suspended for arrears once nothing
 * overdue remains. A crash half-way leaves nothing half-done; what needs a person is marked EN_REVISION.
 */
export async function applyBankResult(
  connection: Connection,
  models: BillingModels,
  result: Pick<BankTransaction, "reference" | "status" | "cus" | "amount" | "bankCode">,
  via: "CALLBACK" | "RECONCILIACION",
  logger: Logger,
): Promise<ApplyOutcome> {
  if (result.status === "PENDIENTE") return "ALREADY_DECIDED";
  const known = await models.payments.findById(result.reference).lean<PaymentDoc>().exec();
  if (!known) return "UNKNOWN_PAYMENT";
  const outcome = await durableTransaction(connection, async (session): Promise<ApplyOutcome> => {
    const now = new Date();
    if (known.amount !== result.amount) {
      const held = await close(models, session, result.reference, PaymentState.EN_REVISION, { resolvedBy: via, review: `MONTO_DISTINTO: el banco informó ${result.amount}` }, now);
      return held ? "REVIEW" : "ALREADY_DECIDED";
    }
    const decide = (guard: object) =>
      models.payments
        .findOneAndUpdate({ _id: result.reference, ...guard }, { $set: { state: result.status, cus: result.cus, resolvedAt: now, resolvedBy: via, pendingKey: null } }, { session, returnDocument: "after" })
        .lean<PaymentDoc>()
        .exec();
    // Pending, or — for an approval — closed by us without the bank's answer: the money did arrive.
    const payment =
      (await decide({ state: PaymentState.PENDIENTE })) ??
      (result.status === PaymentState.APROBADO ? await decide({ state: PaymentState.RECHAZADO, resolvedBy: { $in: GAVE_UP } }) : null);
    if (!payment) return "ALREADY_DECIDED";
    if (result.status !== PaymentState.APROBADO) {
      await release(models, session, payment);
      return "REJECTED";
    }
    const invoice = await models.invoices
      .findOneAndUpdate(
        { _id: payment.invoiceNumber, owedBy: { $ne: null } },
        { $set: { state: InvoiceState.PAGADA, paidAt: now, openPayment: null, owedBy: null, payment: { reference: payment._id, cus: result.cus ?? "", bank: result.bankCode } } },
        { session, returnDocument: "after" },
      )
      .lean<InvoiceDoc>()
      .exec();
    if (!invoice) {
      // Approved for an invoice another payment already paid: money to give back, never to lose.
      await models.payments.updateOne({ _id: payment._id }, { $set: { state: PaymentState.EN_REVISION, review: "DEVOLUCION: la factura ya estaba pagada" } }, { session });
      await release(models, session, payment);
      return "REVIEW";
    }
    // Touching the contract makes two payments of one contract at once conflict, so the later one
    // (retried by the driver) sees the other's invoice paid before it counts what is still overdue.
    await models.contracts.updateOne({ _id: invoice.contractId }, { $set: { lastPaymentAt: now } }, { session });
    // Reactivated once nothing overdue is owed (this month's invoice, not yet due, does not count).
    const overdue = await models.invoices.countDocuments({ contractId: invoice.contractId, owedBy: { $ne: null }, dueDate: { $lt: todayInColombia(now) } }, { session });
    if (overdue === 0) {
      await models.contracts.updateOne({ _id: invoice.contractId, state: ContractState.SUSPENDIDO_MORA }, { $set: { state: ContractState.ACTIVO, stateSince: now } }, { session });
    }
    return "APPLIED";
  });
  // Logged once, after the commit (the transaction may run more than once).
  if (outcome === "REVIEW") logger.error({ reference: result.reference, status: result.status, amount: result.amount }, "PSE result needs a person: payment EN_REVISION");
  return outcome;
}

/** Closes a pending payment and frees its invoice, together. Null when it was no longer pending. */
export async function close(
  models: BillingModels,
  session: ClientSession,
  reference: string,
  state: PaymentState,
  fields: { resolvedBy: string; review?: string },
  now = new Date(),
): Promise<PaymentDoc | null> {
  const payment = await models.payments
    .findOneAndUpdate({ _id: reference, state: PaymentState.PENDIENTE }, { $set: { state, resolvedAt: now, pendingKey: null, ...fields } }, { session, returnDocument: "after" })
    .lean<PaymentDoc>()
    .exec();
  if (payment) await release(models, session, payment);
  return payment;
}

const release = async (models: BillingModels, session: ClientSession, payment: Pick<PaymentDoc, "_id" | "invoiceNumber">): Promise<void> => {
  await models.invoices.updateOne({ _id: payment.invoiceNumber, openPayment: payment._id }, { $set: { openPayment: null } }, { session });
};
