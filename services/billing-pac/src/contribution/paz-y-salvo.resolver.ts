import { IssueCertificateArgs, IssuedCertificateView, conflict, todayInColombia, type IssuedCertificate } from "@sos/kit";
import { addDays } from "@sos/kit/seed";
import { Args, Ctx, Mutation, Resolver } from "type-graphql";
import { CONTRIBUTIONS } from "../access.js";
import { certificateSubject, issueToHolder } from "../certificates/issue.js";
import type { Context } from "../context.js";

/** A paz y salvo speaks of the periods due today: it holds for the rest of the month's cycle, 30 days. */
const VALID_DAYS = 30;

@Resolver()
export class PazYSalvoResolver {
  @Mutation(() => IssuedCertificateView, {
    description:
      "Expide el paz y salvo de aportes al PBS como PDF con código de verificación: el afiliado, su cotizante, su empleador, agentes. Se niega (CONFLICT) mientras haya un periodo sin pagar",
  })
  async issuePazYSalvo(
    @Args(() => IssueCertificateArgs) { memberId, sendByEmail, idempotencyKey }: IssueCertificateArgs,
    @Ctx() ctx: Context,
  ): Promise<IssuedCertificate> {
    const subject = await certificateSubject(ctx, { memberId, sendByEmail, idempotencyKey, policy: CONTRIBUTIONS, action: "PAZ_Y_SALVO_ISSUE" });
    const { id } = subject;
    const status = await ctx.loaders.paymentStatusOf.load(id);
    if (!status.pazYSalvo) {
      // An employer is told that periods are owed, not which: some may be owed to another aportante.
      const periods = subject.aportanteNit ? "" : `: ${status.unpaidPeriods.join(", ")}`;
      const why = status.unpaidPeriods.length ? `Hay periodos sin pagar${periods}.` : "No hay aportes registrados a su nombre.";
      throw conflict(`No se puede expedir el paz y salvo. ${why}`);
    }
    return issueToHolder(ctx, subject, sendByEmail, {
      type: "PAZ_Y_SALVO_PBS",
      certifies: "Paz y salvo de aportes al PBS: sin periodos pendientes a la fecha de expedición",
      validUntil: addDays(todayInColombia(), VALID_DAYS),
      title: "Paz y salvo de aportes al Plan de Beneficios en Salud (PBS)",
      statement: "no tiene periodos de aportes al PBS pendientes de pago a la fecha de expedición.",
      lines: [
        { label: "Situación de aportes", value: status.standing },
        { label: "Al día desde", value: status.since ?? "—" },
      ],
      mail: { subject: "Paz y salvo de aportes al PBS", filename: "paz-y-salvo" },
    });
  }
}
