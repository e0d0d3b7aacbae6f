import { IssueCertificateArgs, IssuedCertificateView, conflict, todayInColombia, type IssuedCertificate } from "@sos/kit";
import { addDays } from "@sos/kit/seed";
import { Args, Ctx, Mutation, Resolver } from "type-graphql";
import { CONTRIBUTIONS } from "../access.js";
import type { Context } from "../context.js";
import { ContributionState, type ContributionDoc } from "../contribution/contribution.model.js";
import { certificateSubject, issueToHolder, pesos } from "./issue.js";

const VALID_DAYS = 30;
/** The last 12 months: the periods from a year before the current one, the 12 most recent on record. */
const MONTHS = 12;

/** "YYYY-MM", `count` months before the period of `today`. */
const periodBefore = (today: string, count: number): string => {
  const index = Number(today.slice(0, 4)) * 12 + Number(today.slice(5, 7)) - 1 - count;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
};

const paymentOf = (row: ContributionDoc): string =>
  row.state === ContributionState.NO_PAGADO ? "sin pagar" : `pagado ${row.state === ContributionState.PAGADO_TARDE ? "con mora " : ""}${row.paidOn ?? "—"}`;

@Resolver()
export class PbsPaymentHistoryResolver {
  @Mutation(() => IssuedCertificateView, {
    description:
      "Expide la historia de aportes al PBS de los últimos 12 meses (periodo, aportante, IBC, aporte, pago o estado) como PDF con código de verificación: el afiliado, su cotizante, su empleador (los periodos que pagó), agentes. Se niega (CONFLICT) sin aportes en esos meses",
  })
  async issuePbsPaymentHistory(
    @Args(() => IssueCertificateArgs) { memberId, sendByEmail, idempotencyKey }: IssueCertificateArgs,
    @Ctx() ctx: Context,
  ): Promise<IssuedCertificate> {
    // An employer sees only the periods it paid as aportante, as in Member.contributions.
    const subject = await certificateSubject(ctx, { memberId, sendByEmail, idempotencyKey, policy: CONTRIBUTIONS, action: "PBS_PAYMENT_HISTORY_ISSUE" });
    const { id, aportanteNit } = subject;
    const today = todayInColombia();
    const page = await ctx.loaders
      .contributionsOfMember({ from: periodBefore(today, MONTHS), to: periodBefore(today, 0), aportanteNit, page: { first: MONTHS }, withTotal: false })
      .load(id);
    const rows = [...page.nodes].reverse();
    const first = rows[0];
    const last = rows.at(-1);
    if (!first || !last) {
      throw conflict(`No se puede expedir la historia de aportes: no hay aportes al PBS registrados ${aportanteNit !== null ? "a cargo de su empresa " : ""}a nombre del afiliado en los últimos ${MONTHS} meses.`);
    }
    const unpaid = rows.filter((row) => row.state === ContributionState.NO_PAGADO).map((row) => row.period);
    // One aportante: named once. Several (a change of employer): each once, and each period by its NIT.
    const aportantes = [...new Map(rows.map((row) => [row.aportanteNit, row.aportanteNit ? `${row.aportanteName} (NIT ${row.aportanteNit})` : `${row.aportanteName} (independiente)`])).values()];
    const oneAportante = aportantes.length === 1;
    return issueToHolder(ctx, subject, sendByEmail, {
      type: "HISTORIA_APORTES_PBS",
      certifies: `Historia de aportes al PBS, periodos ${first.period} a ${last.period}: ${rows.length} registrados, ${unpaid.length ? `${unpaid.length} sin pagar` : "ninguno sin pagar"}${aportanteNit !== null ? " (solo los del aportante que la pidió)" : ""}`,
      validUntil: addDays(today, VALID_DAYS),
      title: "Historia de aportes al Plan de Beneficios en Salud (PBS)",
      statement: `registra los aportes al PBS que siguen en los periodos de ${first.period} a ${last.period}${aportanteNit !== null ? ", a cargo del aportante que la solicita" : ""}, según las planillas PILA recibidas a la fecha de expedición.`,
      lines: [
        { label: "Periodos", value: `${first.period} a ${last.period} (${rows.length})` },
        { label: oneAportante ? "Aportante" : "Aportantes", value: aportantes.join("; ") },
        { label: "Periodos sin pagar", value: unpaid.length ? unpaid.join(", ") : "Ninguno" },
        ...rows.map((row) => ({
          label: oneAportante ? `Periodo ${row.period}` : `${row.period}, ${row.aportanteNit ? `NIT ${row.aportanteNit}` : "independiente"}`,
          value: `IBC ${pesos(row.ibc)}, aporte ${pesos(row.amount)}, ${paymentOf(row)}`,
        })),
      ],
      mail: { subject: "Historia de aportes al PBS", filename: "historia-aportes-pbs" },
    });
  }
}
