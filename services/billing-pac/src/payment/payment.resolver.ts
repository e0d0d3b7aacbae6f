import { conflict, durableTransaction, newId, notYours, requirePurpose, requireRole, type Viewer } from "@sos/kit";
import { IsOptional, Length, Matches } from "class-validator";
import { Arg, Ctx, Field, FieldResolver, ID, InputType, Mutation, ObjectType, Int, Query, Resolver, Root } from "type-graphql";
import { PAC, authorize } from "../access.js";
import type { Context } from "../context.js";
import { Member } from "../member/member.type.js";
import { InvoiceState, type InvoiceDoc } from "../pac/pac.model.js";
import { bankUnavailable } from "../settings.js";
import { close } from "./payment.apply.js";
import { PaymentState, type PaymentDoc } from "./payment.model.js";
import { PseBank, PsePayment } from "./payment.type.js";
import { createTransaction, listBanks } from "./pse.client.js";
import { reconcilePayments } from "./pse.reconcile.js";

@InputType({ description: "Pago de una factura PAC por PSE" })
class StartPacPaymentInput {
  @Field(() => ID, { description: "Número de la factura" })
  @Length(3, 30, { message: "Indique el número de la factura." })
  invoiceNumber!: string;

  @Field(() => String, { description: "Código del banco elegido (pseBanks)" })
  @Matches(/^\d{4}$/, { message: "El código del banco debe tener 4 dígitos (vea pseBanks)." })
  bankCode!: string;

  @Field(() => String, { description: "Clave del cliente para reintentos: la misma clave devuelve el mismo pago, sin un segundo cargo" })
  @Length(8, 64, { message: "La clave de idempotencia debe tener de 8 a 64 caracteres." })
  idempotencyKey!: string;

  @Field(() => String, { nullable: true, description: "Descripción para el extracto del banco" })
  @IsOptional()
  @Length(0, 80)
  description?: string | null;
}

@ObjectType({ description: "Resultado de una conciliación con el banco" })
class ReconcileResult {
  @Field(() => Int, { description: "Pagos que tocaba revisar" })
  checked!: number;

  @Field(() => Int, { description: "Facturas liberadas de un pago que ya no estaba en curso" })
  freedClaims!: number;

  @Field(() => Int, { description: "Pagos cerrados en esta conciliación (aprobados y aplicados, o rechazados)" })
  applied!: number;

  @Field(() => Int, { description: "Pagos que el banco aún no decide: se revisan de nuevo más tarde" })
  stillPending!: number;

  @Field(() => Int, { description: "Pagos sin una respuesta útil del banco: se revisan de nuevo más tarde" })
  failed!: number;
}

const UNPAID: InvoiceState[] = [InvoiceState.EMITIDA, InvoiceState.VENCIDA];

/** The invoice is claimed by another payment or no longer owed (inside the start's transaction). */
class InvoiceBusy extends Error {}

@Resolver(() => PsePayment)
export class PaymentResolver {
  @Query(() => [PseBank], { description: "Bancos disponibles en PSE" })
  async pseBanks(@Ctx() ctx: Context): Promise<PseBank[]> {
    requireRole(ctx.viewer, "MEMBER", "AGENT");
    return listBanks(ctx.settings).catch(() => {
      throw bankUnavailable();
    });
  }

  @Query(() => PsePayment, { description: "Un pago PSE por su referencia (el titular de la factura, el cotizante del grupo, agentes)" })
  async psePayment(@Arg("reference", () => ID, { description: "Referencia del pago (la que devolvió startPacPayment)" }) reference: string, @Ctx() ctx: Context): Promise<PaymentDoc> {
    const payment = await ctx.models.payments.findById(reference).lean<PaymentDoc>().exec();
    if (!payment) throw notYours();
    await authorize(ctx, payment.holderId, PAC, "PSE_PAYMENT_READ");
    return payment;
  }

  @FieldResolver(() => Member, { description: "Titular de la factura pagada" })
  holder(@Root() payment: PaymentDoc): Member {
    return { id: payment.holderId };
  }

  @Mutation(() => PsePayment, {
    description: "Inicia el pago PSE de una factura PAC y devuelve la dirección del banco. Con la misma idempotencyKey devuelve el mismo pago; una factura admite un solo pago en curso",
  })
  async startPacPayment(@Arg("input", () => StartPacPaymentInput, { description: "La factura, el banco y la clave de idempotencia" }) input: StartPacPaymentInput, @Ctx() ctx: Context): Promise<PaymentDoc> {
    const viewer = requireRole(ctx.viewer, "MEMBER", "AGENT");
    const invoice = await ctx.models.invoices.findById(input.invoiceNumber).lean<InvoiceDoc>().exec();
    if (!invoice) throw notYours();
    await authorize(ctx, invoice.holderId, PAC, "PSE_PAYMENT_START");
    const key = `${viewer.subject}:${input.idempotencyKey}`;
    const earlier = await this.byKey(ctx, key, input.invoiceNumber);
    if (earlier) return earlier;
    if (!UNPAID.includes(invoice.state)) throw conflict(`La factura ${invoice._id} ya está ${invoice.state}: no hay nada que pagar.`, { state: invoice.state });

    const now = new Date();
    const reference = `PSE-${newId()}`;
    const payment: PaymentDoc = {
      _id: reference,
      invoiceNumber: invoice._id,
      holderId: invoice.holderId,
      amount: invoice.amount,
      bankCode: input.bankCode,
      state: PaymentState.PENDIENTE,
      transactionId: null,
      redirectUrl: null,
      cus: null,
      createdAt: now,
      resolvedAt: null,
      resolvedBy: null,
      review: null,
      idempotencyKey: key,
      startedBy: { subject: viewer.subject, role: viewer.role },
      pendingKey: `${new Date(now.getTime() + ctx.settings.reconcileAfterMs).toISOString()}:${reference}`,
    };
    try {
      // The payment and the invoice's claim, together: one payment under way per invoice, and no claim
      // without its payment. The same key sent twice at once: the unique index lets one through.
      await durableTransaction(ctx.connection, async (session) => {
        const claimed = await ctx.models.invoices.updateOne({ _id: invoice._id, owedBy: { $ne: null }, openPayment: null }, { $set: { openPayment: reference } }, { session });
        if (claimed.modifiedCount !== 1) throw new InvoiceBusy();
        await ctx.models.payments.create([payment], { session });
      });
    } catch (error) {
      const same = await this.byKey(ctx, key, input.invoiceNumber);
      if (same) return same;
      if (error instanceof InvoiceBusy) {
        const open = await ctx.models.invoices.findById(invoice._id).select({ openPayment: 1, state: 1 }).lean<InvoiceDoc>().exec();
        throw conflict(open?.openPayment ? "Ya hay un pago en curso para esta factura: espere su resultado." : `La factura ya está ${open?.state ?? "pagada"}.`, { openPayment: open?.openPayment ?? null });
      }
      throw error;
    }
    return this.openAtBank(ctx, viewer, payment, input.description ?? `Factura PAC ${invoice._id}`);
  }

  /** A retry (same user, same key) gets the payment it started; the same key for another invoice is a mistake. */
  private async byKey(ctx: Context, key: string, invoiceNumber: string): Promise<PaymentDoc | null> {
    const earlier = await ctx.models.payments.findOne({ idempotencyKey: key }).lean<PaymentDoc>().exec();
    if (earlier && earlier.invoiceNumber !== invoiceNumber) {
      throw conflict("Esa clave de idempotencia ya se usó para pagar otra factura: use una clave nueva para cada pago.", { reference: earlier._id });
    }
    return earlier;
  }

  @Mutation(() => ReconcileResult, { description: "Pregunta al banco por los pagos pendientes sin respuesta y los aplica (agentes; la operación lo hace cada minuto)" })
  reconcilePsePayments(@Ctx() ctx: Context): Promise<ReconcileResult> {
    requireRole(ctx.viewer, "AGENT");
    requirePurpose(ctx);
    return reconcilePayments({ models: ctx.models, connection: ctx.connection, logger: ctx.logger, settings: ctx.settings, service: ctx.service });
  }

  /** The bank opens the transaction; if it cannot, the payment is closed and the invoice freed at once. */
  private async openAtBank(ctx: Context, viewer: Viewer, payment: PaymentDoc, description: string): Promise<PaymentDoc> {
    try {
      const callbackUrl = ctx.settings.pseCallbackUrl ?? `${ctx.service.url}/pse/callback`;
      const opened = await createTransaction(ctx.settings, { reference: payment._id, amount: payment.amount, bankCode: payment.bankCode, description, callbackUrl });
      // Only while still pending: a reconciliation that closed it meanwhile must not hand out a live URL.
      const updated = await ctx.models.payments
        .findOneAndUpdate({ _id: payment._id, state: PaymentState.PENDIENTE }, { $set: { transactionId: opened.transactionId, redirectUrl: opened.redirectUrl } }, { returnDocument: "after" })
        .lean<PaymentDoc>()
        .exec();
      if (!updated) throw new Error("closed while the bank opened it");
      ctx.logger.info({ reference: payment._id, by: viewer.role }, "PSE payment started");
      return updated;
    } catch (error) {
      ctx.logger.warn({ err: error, reference: payment._id }, "PSE did not open the transaction");
      await durableTransaction(ctx.connection, (session) => close(ctx.models, session, payment._id, PaymentState.RECHAZADO, { resolvedBy: "BANCO_NO_RESPONDIO" }));
      throw bankUnavailable();
    }
  }
}
