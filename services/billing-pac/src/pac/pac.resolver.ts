import { badUserInput, notYours, requirePurpose, requireRole, suppressSmallCells, todayInColombia } from "@sos/kit";
import { addDays } from "@sos/kit/seed";
import { Arg, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from "type-graphql";
import { PAC, authorize } from "../access.js";
import type { Context } from "../context.js";
import { Member } from "../member/member.type.js";
import { generateInvoices, sweepArrears } from "./invoice.run.js";
import { InvoiceState, type InvoiceDoc } from "./pac.model.js";
import { AGING_BUCKETS } from "./pac.rules.js";
import { PacArrearsCell, PacInvoice } from "./pac.type.js";

@ObjectType({ description: "Resultado de la facturación PAC de un mes" })
class InvoiceRunResult {
  @Field(() => String, { description: "Periodo facturado (AAAA-MM)" })
  period!: string;

  @Field(() => Int, { description: "Facturas creadas en esta ejecución" })
  created!: number;

  @Field(() => Int, { description: "Contratos que ya tenían su factura del mes (nada se duplica)" })
  existing!: number;

  @Field(() => Int, { description: "Facturas que pasaron a VENCIDA" })
  overdue!: number;

  @Field(() => Int, { description: "Contratos suspendidos por mora" })
  suspended!: number;

  @Field(() => Int, { description: "Contratos suspendidos que ya no deben nada vencido: activos de nuevo" })
  reactivated!: number;
}

const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;

@Resolver(() => PacInvoice)
export class PacInvoiceResolver {
  @Query(() => PacInvoice, { description: "Una factura PAC por su número (su titular, el cotizante del grupo, agentes)" })
  async pacInvoice(@Arg("number", () => ID, { description: "Número de la factura (prefijo y consecutivo)" }) number: string, @Ctx() ctx: Context): Promise<InvoiceDoc> {
    const invoice = await ctx.loaders.invoiceByNumber.load(number);
    if (!invoice) throw notYours();
    await authorize(ctx, invoice.holderId, PAC, "PAC_INVOICE_READ");
    return invoice;
  }

  @FieldResolver(() => InvoiceState, { description: "Estado; una factura emitida cuyo plazo pasó se muestra VENCIDA" })
  state(@Root() invoice: InvoiceDoc): InvoiceState {
    return invoice.state === InvoiceState.EMITIDA && invoice.dueDate < todayInColombia() ? InvoiceState.VENCIDA : invoice.state;
  }

  @FieldResolver(() => Member, { description: "Titular del contrato" })
  holder(@Root() invoice: InvoiceDoc): Member {
    return { id: invoice.holderId };
  }

  @Mutation(() => InvoiceRunResult, { description: "Factura el mes a todos los contratos PAC vigentes y aplica la mora (agentes; la operación diaria lo ejecuta). Repetirla no crea nada nuevo" })
  async generatePacInvoices(@Arg("period", () => String, { description: "AAAA-MM" }) period: string, @Ctx() ctx: Context): Promise<InvoiceRunResult> {
    requireRole(ctx.viewer, "AGENT");
    requirePurpose(ctx);
    if (!PERIOD.test(period)) throw badUserInput({ field: "period", message: "El periodo debe tener el formato AAAA-MM." });
    const today = todayInColombia();
    const current = today.slice(0, 7);
    const previous = addDays(`${current}-01`, -1).slice(0, 7);
    if (period !== current && period !== previous) throw badUserInput({ field: "period", message: `Solo se factura el mes en curso (${current}) o el anterior (${previous}); las facturas se expiden con la fecha de hoy.` });
    const run = await generateInvoices(ctx.connection, ctx.models, ctx.settings, period, today);
    const sweep = await sweepArrears(ctx.models, today);
    ctx.loaders.invoiceByNumber.clearAll();
    ctx.loaders.unpaidInvoicesOf.clearAll();
    return { ...run, ...sweep };
  }

  @Query(() => [PacArrearsCell], { description: "Cartera PAC vencida por edad, para analistas: conteos redondeados a 5 y celdas de menos de 5 facturas suprimidas" })
  async pacArrearsSummary(@Ctx() ctx: Context): Promise<PacArrearsCell[]> {
    requireRole(ctx.viewer, "ANALYST", "AGENT");
    const today = todayInColombia();
    const boundary = (days: number) => addDays(today, -days);
    // One aggregation: each unpaid invoice past due falls in the bucket its due date says.
    const rows = await ctx.models.invoices
      .aggregate<{ _id: string; count: number; amount: number }>([
        { $match: { state: { $in: [InvoiceState.EMITIDA, InvoiceState.VENCIDA] }, dueDate: { $lt: today } } },
        {
          $group: {
            _id: {
              $switch: {
                branches: [
                  { case: { $gte: ["$dueDate", boundary(30)] }, then: "0-30" },
                  { case: { $gte: ["$dueDate", boundary(60)] }, then: "31-60" },
                  { case: { $gte: ["$dueDate", boundary(90)] }, then: "61-90" },
                ],
                default: "90+",
              },
            },
            count: { $sum: 1 },
            amount: { $sum: "$amount" },
          },
        },
      ])
      .exec();
    const cells = AGING_BUCKETS.map(({ bucket }) => ({ bucket, count: rows.find((row) => row._id === bucket)?.count ?? 0, amount: rows.find((row) => row._id === bucket)?.amount ?? 0 }));
    const published = suppressSmallCells(cells).cells;
    return cells.map((cell) => {
      const shown = published.find((candidate) => candidate.bucket === cell.bucket);
      return shown ? { bucket: cell.bucket, count: shown.count, amount: cell.amount } : { bucket: cell.bucket, count: null, amount: null };
    });
  }
}
