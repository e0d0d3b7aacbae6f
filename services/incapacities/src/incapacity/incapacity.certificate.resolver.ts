import { IssueCertificateArgs, IssuedCertificateView, MemberRelation, authorizeMemberRecord, badUserInput, certificateHolder, conflict, forbidden, requireRole, sendCertificate, todayInColombia, type IssuedCertificate } from "@sos/kit";
import { addDays } from "@sos/kit/seed";
import { Args, ArgsType, Ctx, Field, Int, Mutation, Resolver } from "type-graphql";
import type { Context } from "../context.js";
import { INCAPACITY_POLICY } from "./incapacity.access.js";
import type { IncapacityDoc } from "./incapacity.model.js";

/** At most this many certificates on one history (a page holds them; a longer history asks by year). */
const MAX_ROWS = 24;
const FIRST_YEAR = 2000;

@ArgsType()
class IncapacityHistoryArgs extends IssueCertificateArgs {
  @Field(() => Int, { nullable: true, description: "Año calendario; sin él, los últimos 12 meses" })
  year?: number | null;
}

@Resolver()
export class IncapacityCertificateResolver {
  @Mutation(() => IssuedCertificateView, {
    description:
      "Expide la historia de incapacidades y licencias (número, tipo, fechas, días, estado; nunca el diagnóstico) como PDF con código de verificación: el afiliado, su empleador (las que radicó), agentes. De un año, o de los últimos 12 meses",
  })
  async issueIncapacityHistory(
    @Args(() => IncapacityHistoryArgs) { memberId, sendByEmail, idempotencyKey, year }: IncapacityHistoryArgs,
    @Ctx() ctx: Context,
  ): Promise<IssuedCertificate> {
    const viewer = requireRole(ctx.viewer, "MEMBER", "EMPLOYER", "AGENT");
    const key = idempotencyKey ?? null;
    const id = memberId ?? viewer.memberId;
    if (!id) throw badUserInput({ field: "memberId", message: "Indique el afiliado (memberId)." });
    const today = todayInColombia();
    if (year != null && (year < FIRST_YEAR || year > Number(today.slice(0, 4)))) throw badUserInput({ field: "year", message: `El año debe estar entre ${FIRST_YEAR} y el actual.` });
    if (sendByEmail && viewer.role === "EMPLOYER") throw badUserInput({ field: "sendByEmail", message: "La historia se envía solo al correo del afiliado: descárguela." });
    const relation = await authorizeMemberRecord(ctx, id, { ...INCAPACITY_POLICY, action: "INCAPACITY_HISTORY_ISSUE" });
    // An employer sees the claims it filed: by its NIT, which its token must carry.
    if (relation === MemberRelation.EMPLOYER && !viewer.employerNit) throw forbidden("Su sesión de empleador no indica el NIT.");
    const [from, to] = year != null ? [`${year}-01-01`, `${year}-12-31`] : [addDays(today, -365), today];
    const rows = await ctx.models.incapacities
      .find({ memberId: id, sortKey: { $gte: from, $lte: `${to}:~` }, ...(relation === MemberRelation.EMPLOYER && { employerNit: viewer.employerNit }) })
      .sort({ sortKey: 1 })
      .limit(MAX_ROWS + 1)
      .lean<IncapacityDoc[]>()
      .exec();
    if (!rows.length) throw conflict(`No hay incapacidades ni licencias registradas entre ${from} y ${to}.`);
    if (rows.length > MAX_ROWS) throw conflict(`Hay más de ${MAX_ROWS} incapacidades en el periodo: pida la historia año por año.`);
    const holder = await certificateHolder(ctx.peers, id, { sendByEmail });
    const totalDays = rows.reduce((sum, row) => sum + row.days, 0);
    const issued = await ctx.certificates.issue({
      type: "HISTORIA_INCAPACIDADES",
      memberId: id,
      certifies: `Historia de incapacidades y licencias del ${from} al ${to}`,
      validUntil: null,
      // The same key for another period is another certificate.
      idempotency: { requester: viewer.subject, key: key && `${from}:${to}:${key}` },
      content: {
        title: "Historia de incapacidades y licencias",
        holder: { name: holder.fullName, documentType: holder.documentType, documentNumber: holder.documentNumber },
        statement: `S.O.S. EPS certifica que a nombre de ${holder.fullName} se registraron, entre el ${from} y el ${to}, las incapacidades y licencias que siguen${relation === MemberRelation.EMPLOYER ? ", radicadas por el aportante que lo solicita" : ""}.`,
        lines: [
          ...rows.map((row) => ({ label: row._id, value: `${row.type}, ${row.startDate} a ${row.endDate}, ${row.days} días, ${row.state}` })),
          { label: "Total de días", value: String(totalDays) },
        ],
      },
    });
    return sendCertificate(ctx.connection, issued, { memberId: id, name: holder.fullName, email: holder.email, sendByEmail }, { subject: "Historia de incapacidades", filename: "historia-incapacidades" });
  }
}
