import { IssueCertificateArgs, IssuedCertificateView, conflict, todayInColombia, type IssuedCertificate } from "@sos/kit";
import { addDays } from "@sos/kit/seed";
import { Args, ArgsType, Ctx, Field, Int, Mutation, Resolver } from "type-graphql";
import { PAC } from "../access.js";
import type { Context } from "../context.js";
import { pacWithholdingOf } from "../pac/pac.accounts.js";
import { PAC_WITHHOLDING_CAP_UVT } from "../pac/pac.rules.js";
import { MONTHS, certificateSubject, issueToHolder, pesos } from "./issue.js";

/** The year still running: its figure grows with each payment, so it holds 30 days; a closed year's does not expire. */
const VALID_DAYS = 30;

@ArgsType()
class WithholdingCertificateArgs extends IssueCertificateArgs {
  @Field(() => Int, { description: "Año gravable: uno cerrado, o el actual hasta la fecha de expedición" })
  year!: number;
}

@Resolver()
export class PacWithholdingCertificateResolver {
  @Mutation(() => IssuedCertificateView, {
    description:
      "Expide el certificado de pagos PAC para la retención en la fuente de un año (lo pagado cada mes y lo deducible, hasta 16 UVT al mes, art. 387 E.T.) como PDF con código de verificación: el titular, su cotizante, agentes. BAD_USER_INPUT para un año futuro; se niega (CONFLICT) sin pagos PAC ese año",
  })
  async issuePacWithholdingCertificate(
    @Args(() => WithholdingCertificateArgs) { memberId, sendByEmail, idempotencyKey, year }: WithholdingCertificateArgs,
    @Ctx() ctx: Context,
  ): Promise<IssuedCertificate> {
    const subject = await certificateSubject(ctx, { memberId, sendByEmail, idempotencyKey, policy: PAC, action: "PAC_WITHHOLDING_CERTIFICATE_ISSUE" });
    const { id } = subject;
    // The key names one year's certificate: the same key for another year issues that year's.
    const scoped = { ...subject, idempotency: { ...subject.idempotency, key: subject.idempotency.key && `${year}:${subject.idempotency.key}` } };
    const today = todayInColombia();
    const figure = await pacWithholdingOf(ctx, id, year, today);
    if (!figure.paid) throw conflict(`No se puede expedir el certificado de retención PAC: no hay pagos de facturas PAC del afiliado como titular en ${year}.`);
    const running = year === Number(today.slice(0, 4));
    const span = running ? `entre el ${year}-01-01 y la fecha de expedición` : `durante el año gravable ${year}`;
    return issueToHolder(ctx, scoped, sendByEmail, {
      type: "RETENCION_PAC",
      certifies: `Pagos PAC para la retención en la fuente, año gravable ${year}${running ? " (hasta la fecha de expedición)" : ""}`,
      validUntil: running ? addDays(today, VALID_DAYS) : null,
      title: "Certificado de pagos al Plan de Atención Complementaria (PAC) para retención en la fuente",
      statement: `pagó ${span}, como titular de contratos del Plan de Atención Complementaria en salud, los valores que siguen. Disminuyen la base de retención en la fuente hasta ${PAC_WITHHOLDING_CAP_UVT} UVT por mes (Estatuto Tributario, art. 387).`,
      lines: [
        { label: "Año gravable", value: String(year) },
        { label: "Valor de la UVT", value: pesos(figure.uvt) },
        { label: `Tope mensual (${PAC_WITHHOLDING_CAP_UVT} UVT)`, value: pesos(figure.monthlyCap) },
        ...figure.months
          .filter((month) => month.paid > 0)
          .map((month) => ({ label: MONTHS[month.month - 1] as string, value: `pagado ${pesos(month.paid)}, deducible ${pesos(month.deductible)}` })),
        { label: "Total pagado", value: pesos(figure.paid) },
        { label: "Total deducible", value: pesos(figure.deductible) },
      ],
      mail: { subject: `Certificado de retención PAC ${year}`, filename: `retencion-pac-${year}` },
    });
  }
}
