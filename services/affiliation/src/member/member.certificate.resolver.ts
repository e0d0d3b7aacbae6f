import { IssueCertificateArgs, IssuedCertificateView, badUserInput, sendCertificate, forbidden, municipalityName, notFound, recordAccess, requireAgentPurpose, requireRole, todayInColombia, type IssuedCertificate } from "@sos/kit";
import { addDays } from "@sos/kit/seed";
import { Args, Ctx, Mutation, Resolver } from "type-graphql";
import type { Context } from "../context.js";
import { AFFILIATION_DETAIL, accessTo } from "./member.access.js";
import type { MemberDoc } from "./member.model.js";

/** An affiliation certificate speaks of today: banks and employers take it for 30 days. */
const VALID_DAYS = 30;

const fullName = (member: MemberDoc): string => [member.firstName, member.middleName, member.firstSurname, member.secondSurname].filter(Boolean).join(" ");

@Resolver()
export class AffiliationCertificateResolver {
  @Mutation(() => IssuedCertificateView, {
    description:
      "Expide el certificado de afiliación al PBS (estado, régimen, tipo de afiliado, fecha de afiliación) como PDF con código de verificación: el afiliado, el cotizante para su grupo, agentes. Sin memberId, el propio",
  })
  async issueAffiliationCertificate(
    @Args(() => IssueCertificateArgs) { memberId, sendByEmail, idempotencyKey }: IssueCertificateArgs,
    @Ctx() ctx: Context,
  ): Promise<IssuedCertificate> {
    const viewer = requireRole(ctx.viewer, "MEMBER", "AGENT");
    requireAgentPurpose(ctx);
    const key = idempotencyKey ?? null;
    const id = memberId ?? viewer.memberId;
    if (!id) throw badUserInput({ field: "memberId", message: "Indique el afiliado (memberId)." });
    const member = await ctx.loaders.memberById.load(id);
    if (!member && viewer.role === "AGENT") throw notFound("No existe un afiliado con ese identificador.");
    const access = member ? accessTo(viewer, member) : "NONE";
    // Who may ask for it: the member, the cotizante of their group, staff (as for the affiliation's detail).
    if (!member || !AFFILIATION_DETAIL.includes(access)) throw forbidden("No puede pedir el certificado de ese afiliado.");
    const email = member.contact.email ?? null;
    if (sendByEmail && !email) throw badUserInput({ field: "sendByEmail", message: "El afiliado no tiene un correo registrado: actualice sus datos de contacto, o descargue el certificado." });
    const name = fullName(member);
    const today = todayInColombia();
    const issued = await ctx.certificates.issue({
      type: "AFILIACION_PBS",
      memberId: member._id,
      certifies: `Afiliación al PBS: ${member.state}, régimen ${member.regime}, ${member.memberType}`,
      validUntil: addDays(today, VALID_DAYS),
      idempotency: { requester: viewer.subject, key },
      content: {
        title: "Certificado de afiliación al Plan de Beneficios en Salud (PBS)",
        holder: { name, documentType: member.documentType, documentNumber: member.documentNumber },
        statement: `S.O.S. EPS certifica que ${name}, identificado(a) con ${member.documentType} ${member.documentNumber}, figura en su base de afiliados con los datos que siguen, a la fecha de expedición.`,
        lines: [
          { label: "Estado de la afiliación", value: member.state },
          { label: "Régimen", value: member.regime },
          { label: "Tipo de afiliado", value: member.memberType },
          { label: "Fecha de afiliación", value: member.affiliationDate },
          { label: "Municipio", value: municipalityName(member.municipalityCode) ?? member.municipalityCode },
        ],
      },
    });
    // Someone else's certificate (their cotizante, an agent): in the access ledger.
    if (access !== "SELF") recordAccess(ctx, "AFFILIATION_CERTIFICATE_ISSUE", member._id);
    return sendCertificate(ctx.connection, issued, { memberId: member._id, name, email, sendByEmail }, { subject: "Certificado de afiliación", filename: "certificado-afiliacion" });
  }
}
