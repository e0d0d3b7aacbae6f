import type { SubgraphRuntime } from "@sos/kit";
import type { Models } from "../context.js";
import type { BillingSettings } from "../settings.js";
import { applyBankResult } from "./payment.apply.js";
import { PaymentState, type PaymentDoc } from "./payment.model.js";
import { getTransaction } from "./pse.client.js";

/** At most this many payments are asked of the bank per run: a run is bounded whatever the backlog. */
const BATCH = 50;

export interface ReconcileReport {
  checked: number;
  applied: number;
  stillPending: number;
  failed: number;
}

/**
 * Payments still PENDIENTE after the bank had time to call back are asked of the bank and applied as
 * a callback would be (exactly once, the same code). A payment the bank never opened is closed as
 * rejected. The oldest first; the bank being down leaves them for the next run.
 */
export async function reconcilePayments(runtime: SubgraphRuntime<Models, BillingSettings>, now = new Date()): Promise<ReconcileReport> {
  const { models, connection, logger, settings } = runtime;
  const cutoff = new Date(now.getTime() - settings.reconcileAfterMs).toISOString();
  const stale = await models.payments.find({ pendingKey: { $gt: "", $lt: cutoff } }).sort({ pendingKey: 1 }).limit(BATCH).lean<PaymentDoc[]>().exec();
  const report: ReconcileReport = { checked: stale.length, applied: 0, stillPending: 0, failed: 0 };
  for (const payment of stale) {
    if (!payment.transactionId) {
      await models.payments.updateOne(
        { _id: payment._id, state: PaymentState.PENDIENTE },
        { $set: { state: PaymentState.RECHAZADO, resolvedAt: now, resolvedBy: "RECONCILIACION", pendingKey: null } },
      );
      await models.invoices.updateOne({ _id: payment.invoiceNumber, openPayment: payment._id }, { $set: { openPayment: null } });
      report.applied += 1;
      continue;
    }
    try {
      const transaction = await getTransaction(settings, payment.transactionId);
      if (transaction.status === "PENDIENTE") {
        report.stillPending += 1;
        continue;
      }
      const outcome = await applyBankResult(connection, models, { ...transaction, reference: payment._id }, "RECONCILIACION", logger);
      if (outcome === "APPLIED" || outcome === "REJECTED") report.applied += 1;
    } catch (error) {
      report.failed += 1;
      logger.warn({ err: error, reference: payment._id }, "PSE reconciliation: the bank did not answer; next run");
    }
  }
  if (report.checked) logger.info(report, "PSE reconciliation");
  return report;
}
