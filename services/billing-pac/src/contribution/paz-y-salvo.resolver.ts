import { IssuedCertificateView, badUserInput, conflict, enqueueEmail, maskEmail, requireAgentPurpose, requireRole, todayInColombia, type IssuedCertificate } from "@sos/kit";
import { addDays } from "@sos/kit/seed";
import { Arg, Ctx, ID, Mutation, Resolver } from "type-graphql";
import { CONTRIBUTIONS, authorize } from "../access.js";
import type { Context } from "../context.js";

/** A paz y salvo speaks of the periods due today: it holds for the rest of the month's cycle, 30 days. */
const VALID_DAYS = 30;

/** The holder as affiliation knows them, asked with the caller's own credentials (its rules apply). */
const HOLDER = `query($id: ID!) { member(id: $id) { fullName documentType documentNumber } }`;
/** And their e-mail, when it is to be sent there (an employer may not read it: it downloads instead). */
const HOLDER_WITH_EMAIL = `query($id: ID!) { member(id: $id) { fullName documentType documentNumber contact { email } } }`;

interface Holder {
  fullName: string;
  documentType: string;
  documentNumber: string;
  contact?: { email: string | null } | null;
}

@Resolver()
export class PazYSalvoResolver {
  @Mutation(() => IssuedCertificateView, {
    description:
      "Expide el paz y salvo de aportes al PBS como PDF con código de verificación: el afiliado, su cotizante, su empleador, agentes. Se niega (CONFLICT) mientras haya un periodo sin pagar",
  })
  async issuePazYSalvo(
    @Arg("memberId", () => ID, { nullable: true }) memberId: string | null,
    @Arg("sendByEmail", () => Boolean, { defaultValue: false, description: "Enviarlo también al correo registrado del afiliado (no para el empleador: lo descarga)" }) sendByEmail: boolean,
    @Ctx() ctx: Context,
  ): Promise<IssuedCertificate> {
    const viewer = requireRole(ctx.viewer, "MEMBER", "EMPLOYER", "AGENT");
    if (sendByEmail && viewer.role === "EMPLOYER") throw badUserInput({ field: "sendByEmail", message: "El paz y salvo se envía solo al correo del afiliado: descárguelo, o pídale que lo solicite." });
    const id = memberId ?? viewer.memberId;
    if (!id) throw badUserInput({ field: "memberId", message: "Indique el afiliado (memberId)." });
    await authorize(ctx, id, CONTRIBUTIONS, "PAZ_Y_SALVO_ISSUE");
    requireAgentPurpose(ctx);
    const status = await ctx.loaders.paymentStatusOf.load(id);
    if (!status.pazYSalvo) {
      const why = status.unpaidPeriods.length ? `Hay periodos sin pagar: ${status.unpaidPeriods.join(", ")}.` : "No hay aportes registrados a su nombre.";
      throw conflict(`No se puede expedir el paz y salvo. ${why}`);
    }
    const { member } = await ctx.peers.query<{ member: Holder | null }>("affiliation", sendByEmail ? HOLDER_WITH_EMAIL : HOLDER, { id });
    if (!member) throw conflict("El afiliado no está en la base de afiliados.");
    const email = member.contact?.email ?? null;
    if (sendByEmail && !email) throw badUserInput({ field: "sendByEmail", message: "El afiliado no tiene un correo registrado: actualice sus datos de contacto, o descargue el paz y salvo." });
    const issued = await ctx.certificates.issue({
      type: "PAZ_Y_SALVO_PBS",
      memberId: id,
      certifies: "Paz y salvo de aportes al PBS: sin periodos pendientes a la fecha de expedición",
      validUntil: addDays(todayInColombia(), VALID_DAYS),
      content: {
        title: "Paz y salvo de aportes al Plan de Beneficios en Salud (PBS)",
        holder: { name: member.fullName, documentType: member.documentType, documentNumber: member.documentNumber },
        statement: `S.O.S. EPS certifica que ${member.fullName}, identificado(a) con ${member.documentType} ${member.documentNumber}, no tiene periodos de aportes al PBS pendientes de pago a la fecha de expedición.`,
        lines: [
          { label: "Situación de aportes", value: status.standing },
          { label: "Al día desde", value: status.since ?? "—" },
        ],
      },
    });
    if (!sendByEmail || !email) return issued;
    await enqueueEmail(ctx.connection, {
      to: email,
      memberId: id,
      subject: "Su paz y salvo de aportes · S.O.S. EPS",
      body: `Adjuntamos el paz y salvo de aportes al PBS de ${member.fullName}, expedido hoy. Código de verificación: ${issued.code}.`,
      attachments: [{ filename: `paz-y-salvo-${issued.code}.pdf`, certificateCode: issued.code }],
    });
    return { ...issued, emailedTo: maskEmail(email) };
  }
}
