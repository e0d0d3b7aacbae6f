import { badUserInput, conflict, documentTypeAgeProblem, ageOn, durableTransaction, forbidden, isDuplicateKeyError, notFound, recordAgentAccess, requireAgentPurpose, requireRole, todayInColombia, type Viewer } from "@sos/kit";
import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import type { Context } from "../context.js";
import { changeFamilyGroup } from "../family/family.group.js";
import { LEFT_GROUP_STATES } from "../member/member.access.js";
import { AffiliationState, CotizanteKind, MemberType, Regime } from "../member/member.enums.js";
import { familyWritten, memberWritten } from "../member/member.loader.js";
import { initialsOf, type MemberDoc } from "../member/member.model.js";
import { Member } from "../member/member.type.js";
import { notify, outboxMessage } from "../outbox/outbox.model.js";
import { DeathInput, DocumentChangeInput, EmploymentEndInput, TransferOutInput } from "./novelty.input.js";
import { moveBeneficiaries, moveMember, type StateMove } from "./novelty.group.js";
import { laborProtection } from "./novelty.rules.js";
import { NoveltyResult } from "./novelty.type.js";

/**
 * Novedades of affiliation (agents with a purpose; an employer for the end of its dependent's job). Each
 * is one transaction guarded by the member's state and the family group's version, recorded in the
 * member's state history; a cotizante's novedad carries the beneficiaries still in the group with it.
 */
@Resolver()
export class NoveltyResolver {
  @Mutation(() => NoveltyResult, {
    description:
      "Retiro laboral de un cotizante (agentes; el empleador para sus dependientes). Con 12 meses o más en la EPS queda en protección laboral 1 mes, con 5 años o más 3 meses (solo servicios de salud), con su grupo familiar; con menos, queda retirado",
  })
  async reportEmploymentEnd(@Arg("input", () => EmploymentEndInput, { description: "El cotizante y su último día laborado" }) input: EmploymentEndInput, @Ctx() ctx: Context): Promise<NoveltyResult> {
    const viewer = requireRole(ctx.viewer, "AGENT", "EMPLOYER");
    requireAgentPurpose(ctx);
    const member = await ctx.loaders.memberById.load(input.memberId);
    const ownDependent = viewer.role === "AGENT" || (member?.employerNit && member.employerNit === viewer.employerNit && member.cotizanteKind === CotizanteKind.DEPENDIENTE);
    if (!member || !ownDependent) throw missing(viewer, "No puede registrar el retiro de ese afiliado: no es su trabajador dependiente.");
    if (member.memberType !== MemberType.COTIZANTE || member.regime !== Regime.CONTRIBUTIVO) throw conflict("El retiro laboral se registra sobre un cotizante del régimen contributivo.");
    if (member.cotizanteKind === CotizanteKind.PENSIONADO) throw conflict("Un pensionado no tiene retiro laboral: su mesada sigue cotizando.");
    const today = todayInColombia();
    if (input.lastWorkDay > today) throw badUserInput({ field: "input.lastWorkDay", message: "El último día laborado no puede ser posterior a hoy." });
    if (input.lastWorkDay < member.affiliationDate) throw badUserInput({ field: "input.lastWorkDay", message: `El último día laborado no puede ser anterior a la afiliación (${member.affiliationDate}).` });
    const protection = laborProtection(member.affiliationDate, input.lastWorkDay);
    // Reported after the protection would have ended: the affiliation simply ends.
    const protectedNow = protection.until !== null && protection.until >= today;
    const move: StateMove = protectedNow
      ? { state: AffiliationState.PROTECCION_LABORAL, reason: "RETIRO_LABORAL", protectionUntil: protection.until, endsEmployment: true, ...(member.employerNit && { detail: `Empleador ${member.employerNit}` }) }
      : { state: AffiliationState.RETIRADO, reason: "RETIRO_LABORAL", endsEmployment: true, ...(member.employerNit && { detail: `Empleador ${member.employerNit}` }) };
    const message = protectedNow
      ? `Queda en protección laboral hasta el ${protection.until} (${protection.months} ${protection.months === 1 ? "mes" : "meses"}), con su grupo familiar: solo servicios de salud.`
      : "La afiliación termina con el empleo: no cumple el tiempo en la EPS para la protección laboral, o ya terminó.";
    // A suspended worker (arrears) also loses the job: the novedad is recorded the same way.
    return this.cotizanteNovelty(ctx, viewer, member, [AffiliationState.ACTIVO, AffiliationState.SUSPENDIDO], move, move, message, "NOVELTY_EMPLOYMENT_END");
  }

  @Mutation(() => NoveltyResult, { description: "Traslado de un cotizante y su grupo familiar a otra EPS (agentes): quedan retirados de S.O.S." })
  async reportTransferOut(@Arg("input", () => TransferOutInput, { description: "El cotizante, la EPS de destino y la fecha efectiva" }) input: TransferOutInput, @Ctx() ctx: Context): Promise<NoveltyResult> {
    const viewer = agent(ctx);
    const member = await ctx.loaders.memberById.load(input.memberId);
    if (!member) throw notFound("No existe un afiliado con ese identificador.");
    if (member.memberType !== MemberType.COTIZANTE) throw conflict("El traslado es del grupo familiar: regístrelo sobre el cotizante.");
    if (input.effectiveDate > todayInColombia()) throw badUserInput({ field: "input.effectiveDate", message: "Registre el traslado cuando se haga efectivo: la fecha no puede ser posterior a hoy." });
    if (input.effectiveDate < member.affiliationDate) throw badUserInput({ field: "input.effectiveDate", message: `El traslado no puede ser anterior a la afiliación (${member.affiliationDate}).` });
    const move: StateMove = { state: AffiliationState.RETIRADO, reason: "TRASLADO_SALIDA", detail: `EPS destino ${input.destinationEps}, efectivo ${input.effectiveDate}` };
    const open = [AffiliationState.ACTIVO, AffiliationState.SUSPENDIDO, AffiliationState.PROTECCION_LABORAL];
    return this.cotizanteNovelty(ctx, viewer, member, open, move, move, `El grupo familiar queda trasladado a ${input.destinationEps}.`, "NOVELTY_TRANSFER_OUT");
  }

  @Mutation(() => NoveltyResult, {
    description: "Fallecimiento de un afiliado (agentes, con el certificado de defunción). Los beneficiarios de un cotizante fallecido quedan retirados y pueden afiliarse de nuevo",
  })
  async reportDeath(@Arg("input", () => DeathInput, { description: "El afiliado y la fecha de defunción" }) input: DeathInput, @Ctx() ctx: Context): Promise<NoveltyResult> {
    const viewer = agent(ctx);
    const member = await ctx.loaders.memberById.load(input.memberId);
    if (!member) throw notFound("No existe un afiliado con ese identificador.");
    if (input.dateOfDeath > todayInColombia() || input.dateOfDeath < member.birthDate) {
      throw badUserInput({ field: "input.dateOfDeath", message: "La fecha de defunción debe estar entre la fecha de nacimiento y hoy." });
    }
    const death: StateMove = { state: AffiliationState.AFILIADO_FALLECIDO, reason: "FALLECIMIENTO", detail: `Fecha de defunción ${input.dateOfDeath}` };
    const alive: AffiliationState[] = Object.values(AffiliationState).filter((state) => state !== AffiliationState.AFILIADO_FALLECIDO);
    if (member.memberType === MemberType.COTIZANTE) {
      const beneficiaries: StateMove = { state: AffiliationState.RETIRADO, reason: "FALLECIMIENTO_COTIZANTE" };
      return this.cotizanteNovelty(ctx, viewer, member, alive, death, beneficiaries, "Se registró el fallecimiento; los beneficiarios del grupo quedan retirados.", "NOVELTY_DEATH");
    }
    if (!alive.includes(member.state)) throw conflict("El fallecimiento de este afiliado ya está registrado.");
    const cotizanteId = member.cotizanteId;
    if (!cotizanteId) {
      // A member outside any group (an afiliado adicional): only themself.
      await durableTransaction(ctx.connection, (session) => moveMember(ctx, session, member, death, viewer.subject, new Date()));
      memberWritten(ctx.loaders, { ...member, state: AffiliationState.AFILIADO_FALLECIDO }, ctx.memberAccess);
      recordAgentAccess(ctx, "NOVELTY_DEATH", member._id);
      return { memberId: member._id, state: AffiliationState.AFILIADO_FALLECIDO, protectionUntil: null, beneficiariesAffected: 0, message: "Se registró el fallecimiento." };
    }
    await changeFamilyGroup(ctx, cotizanteId, async (cotizante, _group, session) => {
      const at = new Date();
      await moveMember(ctx, session, member, death, viewer.subject, at);
      if (!LEFT_GROUP_STATES.includes(member.state)) {
        await notify(ctx.models.outbox, session, outboxMessage(cotizante, { memberId: cotizante._id }, "Cambio en su grupo familiar", `Se registró el fallecimiento de ${initialsOf(member)}, beneficiario de su grupo familiar. Lo acompañamos.`, at));
      }
    });
    familyWritten(ctx.loaders, cotizanteId, ctx.memberAccess, member._id);
    recordAgentAccess(ctx, "NOVELTY_DEATH", member._id);
    return { memberId: member._id, state: AffiliationState.AFILIADO_FALLECIDO, protectionUntil: null, beneficiariesAffected: 0, message: "Se registró el fallecimiento." };
  }

  @Mutation(() => Member, {
    description:
      "Cambio del documento de identidad de un afiliado (agentes), p. ej. de TI a CC al cumplir 18 años: sigue siendo el mismo afiliado, con su historia, su grupo familiar y sus registros; el documento anterior queda en documentHistory",
  })
  async changeMemberDocument(@Arg("input", () => DocumentChangeInput, { description: "El afiliado y su nuevo documento" }) input: DocumentChangeInput, @Ctx() ctx: Context): Promise<MemberDoc> {
    const viewer = agent(ctx);
    const member = await ctx.loaders.memberById.load(input.memberId);
    if (!member) throw notFound("No existe un afiliado con ese identificador.");
    if (member.documentType === input.documentType && member.documentNumber === input.documentNumber) {
      throw badUserInput({ field: "input.documentNumber", message: "Es el documento que el afiliado ya tiene." });
    }
    const ageProblem = documentTypeAgeProblem(input.documentType, ageOn(member.birthDate, todayInColombia()));
    if (ageProblem) throw badUserInput({ field: "input.documentType", message: ageProblem });
    const at = new Date();
    let changed: MemberDoc | null;
    try {
      changed = await durableTransaction(ctx.connection, async (session) => {
        const updated = await ctx.models.members
          .findOneAndUpdate(
            // Guarded by the document it had: two changes at once cannot both apply.
            { _id: member._id, documentType: member.documentType, documentNumber: member.documentNumber },
            {
              $set: { documentType: input.documentType, documentNumber: input.documentNumber },
              $push: { documentHistory: { documentType: member.documentType, documentNumber: member.documentNumber, until: at, by: viewer.subject } },
            },
            { returnDocument: "after", session },
          )
          .lean<MemberDoc>()
          .exec();
        if (updated) await notify(ctx.models.outbox, session, outboxMessage(updated, { memberId: member._id }, "Actualizamos su documento de identidad", `Su afiliación a S.O.S. queda con ${input.documentType} terminado en ${input.documentNumber.slice(-3)}. Si usted no lo pidió, comuníquese con la línea 01 8000 938 777.`, at));
        return updated;
      });
    } catch (error) {
      if (isDuplicateKeyError(error)) throw conflict(`Otro afiliado tiene el documento ${input.documentType} ${input.documentNumber}.`);
      throw error;
    }
    if (!changed) throw conflict("El documento del afiliado cambió mientras se registraba: consúltelo de nuevo.");
    ctx.loaders.memberByDocument.clear({ documentType: member.documentType, documentNumber: member.documentNumber });
    memberWritten(ctx.loaders, changed, ctx.memberAccess);
    recordAgentAccess(ctx, "NOVELTY_DOCUMENT_CHANGE", member._id);
    return changed;
  }

  /**
   * A cotizante's novedad: the cotizante moves from one of `from`, the beneficiaries still in the group
   * follow, the cotizante is told — all in one transaction guarded by the group's version.
   */
  private async cotizanteNovelty(ctx: Context, viewer: Viewer, member: MemberDoc, from: readonly AffiliationState[], move: StateMove, beneficiaryMove: StateMove, message: string, action: string): Promise<NoveltyResult> {
    if (!from.includes(member.state)) throw conflict(`El afiliado está ${member.state}: esta novedad no aplica.`, { state: member.state });
    const moved = await changeFamilyGroup(ctx, member._id, async (_cotizante, group, session) => {
      const at = new Date();
      // Guarded by the state the decision was taken on (the loader's), not the one read now: a concurrent
      // novedad that committed first makes this one a CONFLICT, also when the transaction is retried.
      await moveMember(ctx, session, member, move, viewer.subject, at);
      const ids = await moveBeneficiaries(ctx, session, group, { ...beneficiaryMove, endsEmployment: false }, viewer.subject, at);
      if (move.state !== AffiliationState.AFILIADO_FALLECIDO) {
        await notify(ctx.models.outbox, session, outboxMessage(member, { memberId: member._id }, "Novedad en su afiliación a S.O.S.", message, at));
      } else {
        // A deceased cotizante's beneficiaries who can be reached learn they are no longer covered.
        for (const beneficiary of group.filter((candidate) => ids.includes(candidate._id))) {
          await notify(ctx.models.outbox, session, outboxMessage(beneficiary, { memberId: beneficiary._id }, "Novedad en su afiliación a S.O.S.", "Por el fallecimiento del cotizante de su grupo familiar, su afiliación como beneficiario terminó. Puede afiliarse de nuevo con «Quiero afiliarme».", at));
        }
      }
      return ids;
    });
    familyWritten(ctx.loaders, member._id, ctx.memberAccess, member._id, ...moved);
    recordAgentAccess(ctx, action, member._id);
    // An employer learns what happened to its worker, never the size of the worker's family group.
    const employer = viewer.role === "EMPLOYER";
    return { memberId: member._id, state: move.state, protectionUntil: move.protectionUntil ?? null, beneficiariesAffected: employer ? null : moved.length, message: employer ? message.replace(", con su grupo familiar", "") : message };
  }
}

function agent(ctx: Context): Viewer {
  const viewer = requireRole(ctx.viewer, "AGENT");
  requireAgentPurpose(ctx);
  return viewer;
}

/** An agent learns the member is not there; anyone else gets the same refusal for "not yours" and "not there". */
const missing = (viewer: Viewer, refusal: string) => (viewer.role === "AGENT" ? notFound("No existe un afiliado con ese identificador.") : forbidden(refusal));
