import { durableTransaction, type SubgraphRuntime } from "@sos/kit";
import type { Models } from "../context.js";
import type { InvoiceDoc } from "../pac/pac.model.js";
import type { BillingSettings } from "../settings.js";
import { applyBankResult, close } from "./payment.apply.js";
import { PaymentState, type PaymentDoc } from "./payment.model.js";
import { getTransaction } from "./pse.client.js";

/** At most this many payments are asked of the bank per run: a run is bounded whatever the backlog. */
const BATCH = 50;
/** A payment the bank has not decided in a day is closed (PSE sessions expire long before). */
export const MAX_PENDING_MS = 24 * 3_600_000;

export interface ReconcileReport {
  checked: number;
  applied: number;
  stillPending: number;
  failed: number;
  freedClaims: number;
}

/**
 * Payments due for a check (their callback did not come in time) are asked of the bank and applied as a
 * callback would be — the same code, exactly once — but only when the bank's transaction is the one we
 * opened (same reference). One still undecided is checked again later, behind the others; after a day it
 * is closed as VENCIDO (a late approval still applies). A claim left on an invoice by a payment that is no
 * longer pending is freed.
 */
export async function reconcilePayments(runtime: SubgraphRuntime<Models, BillingSettings>, now = new Date()): Promise<ReconcileReport> {
  const { models, connection, logger, settings } = runtime;
  const due = await models.payments.find({ pendingKey: { $gt: "", $lt: now.toISOString() } }).sort({ pendingKey: 1 }).limit(BATCH).lean<PaymentDoc[]>().exec();
  const report: ReconcileReport = { checked: due.length, applied: 0, stillPending: 0, failed: 0, freedClaims: 0 };
  const later = async (payment: PaymentDoc) => {
    if (now.getTime() - payment.createdAt.getTime() > MAX_PENDING_MS) {
      await durableTransaction(connection, (session) => close(models, session, payment._id, PaymentState.RECHAZADO, { resolvedBy: "VENCIDO" }, now));
      return;
    }
    const next = new Date(now.getTime() + Math.max(settings.reconcileAfterMs, 60_000)).toISOString();
    await models.payments.updateOne({ _id: payment._id, state: PaymentState.PENDIENTE }, { $set: { pendingKey: `${next}:${payment._id}` } });
  };
  for (const payment of due) {
    if (!payment.transactionId) {
      await durableTransaction(connection, (session) => close(models, session, payment._id, PaymentState.RECHAZADO, { resolvedBy: "BANCO_NO_RESPONDIO" }, now));
      report.applied += 1;
      continue;
    }
    try {
      const transaction = await getTransaction(settings, payment.transactionId);
      if (transaction.reference !== payment._id) throw new Error(`the bank's transaction ${payment.transactionId} belongs to ${transaction.reference}`);
      if (transaction.status === "PENDIENTE") {
        report.stillPending += 1;
        await later(payment);
        continue;
      }
      const outcome = await applyBankResult(connection, models, transaction, "RECONCILIACION", logger);
      if (outcome !== "ALREADY_DECIDED" && outcome !== "UNKNOWN_PAYMENT") report.applied += 1;
    } catch (error) {
      report.failed += 1;
      logger.warn({ err: error, reference: payment._id }, "PSE reconciliation: no usable answer from the bank; checked again later");
      await later(payment);
    }
  }
  report.freedClaims = await freeStaleClaims(runtime);
  if (report.checked || report.freedClaims) logger.info(report, "PSE reconciliation");
  return report;
}

/** Invoices claimed by a payment that is gone or no longer pending (a crash between two writes): freed. */
async function freeStaleClaims({ models }: SubgraphRuntime<Models, BillingSettings>): Promise<number> {
  const claimed = await models.invoices.find({ openPayment: { $gt: "" } }).select({ openPayment: 1 }).limit(200).lean<Pick<InvoiceDoc, "_id" | "openPayment">[]>().exec();
  if (!claimed.length) return 0;
  const pending = new Set(
    (await models.payments.find({ _id: { $in: claimed.map((invoice) => invoice.openPayment as string) }, state: PaymentState.PENDIENTE }).select({ _id: 1 }).lean<{ _id: string }[]>().exec()).map((payment) => payment._id),
  );
  let freed = 0;
  for (const invoice of claimed) {
    if (pending.has(invoice.openPayment as string)) continue;
    const result = await models.invoices.updateOne({ _id: invoice._id, openPayment: invoice.openPayment }, { $set: { openPayment: null } });
    freed += result.modifiedCount;
  }
  return freed;
}
