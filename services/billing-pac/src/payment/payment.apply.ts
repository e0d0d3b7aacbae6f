import type { Logger } from "@sos/kit";
import type { Connection } from "mongoose";
import { ContractState, InvoiceState, type ContractModel, type InvoiceDoc, type InvoiceModel } from "../pac/pac.model.js";
import type { BankTransaction } from "./pse.client.js";
import { PaymentState, type PaymentDoc, type PaymentModel } from "./payment.model.js";

export interface BillingModels {
  payments: PaymentModel;
  invoices: InvoiceModel;
  contracts: ContractModel;
}

export type ApplyOutcome = "APPLIED" | "REJECTED" | "ALREADY_DECIDED" | "UNKNOWN_PAYMENT" | "MISMATCH";

const UNPAID: InvoiceState[] = [InvoiceState.EMITIDA, InvoiceState.VENCIDA];

/**
 * Applies the bank's decision on a payment exactly once, however many times, in whatever order and
 * however concurrently it arrives: the payment leaves PENDIENTE in one guarded update, and only the call
 * that moved it goes on — in the same transaction — to mark the invoice PAGADA and, when the contract was
 * suspended for arrears and nothing else is owed, to reactivate it. A crash half-way leaves nothing half-done.
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
  if (known.amount !== result.amount) {
    logger.warn({ reference: result.reference, expected: known.amount, received: result.amount }, "PSE result with another amount: not applied");
    return "MISMATCH";
  }
  return connection.transaction(async (session) => {
    const now = new Date();
    const payment = await models.payments
      .findOneAndUpdate(
        { _id: result.reference, state: PaymentState.PENDIENTE },
        { $set: { state: result.status, cus: result.cus, resolvedAt: now, resolvedBy: via, pendingKey: null } },
        { session, returnDocument: "after" },
      )
      .lean<PaymentDoc>()
      .exec();
    if (!payment) return "ALREADY_DECIDED";
    if (result.status !== PaymentState.APROBADO) {
      // The invoice may be paid again, by a new payment.
      await models.invoices.updateOne({ _id: payment.invoiceNumber, openPayment: payment._id }, { $set: { openPayment: null } }, { session });
      return "REJECTED";
    }
    const invoice = await models.invoices
      .findOneAndUpdate(
        { _id: payment.invoiceNumber, state: { $in: UNPAID } },
        { $set: { state: InvoiceState.PAGADA, paidAt: now, openPayment: null, owedBy: null, payment: { reference: payment._id, cus: result.cus ?? "", bank: result.bankCode } } },
        { session, returnDocument: "after" },
      )
      .lean<InvoiceDoc>()
      .exec();
    if (!invoice) {
      // Paid twice by two payments the bank approved: the second is money to give back, not to lose.
      logger.error({ reference: payment._id, invoice: payment.invoiceNumber }, "PSE approved a payment for an invoice already paid: refund it");
      return "APPLIED";
    }
    const stillOwed = await models.invoices.countDocuments({ contractId: invoice.contractId, state: { $in: UNPAID } }, { session });
    if (stillOwed === 0) {
      await models.contracts.updateOne({ _id: invoice.contractId, state: ContractState.SUSPENDIDO_MORA }, { $set: { state: ContractState.ACTIVO, stateSince: now } }, { session });
    }
    return "APPLIED";
  });
}
