import { badUserInput, conflict, forbidden, isDuplicateKeyError, notFound, recordAgentAccess, requireAgentPurpose, requireRole, todayInColombia } from "@sos/kit";
import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import { LEFT_GROUP_STATES, authorizeMember } from "../member/member.access.js";
import type { Context } from "../context.js";
import { memberForChange } from "../member/member.change.js";
import { AffiliationState } from "../member/member.enums.js";
import { familyWritten } from "../member/member.loader.js";
import { initialsOf, type MemberDoc } from "../member/member.model.js";
import { Member } from "../member/member.type.js";
import { notify } from "../outbox/outbox.model.js";
import { AddBeneficiaryInput, BeneficiaryRetirementReason, RetireBeneficiaryInput } from "./family.input.js";
import { FamilyGroup } from "./family.type.js";
import { beneficiaryOf, candidateOf, changeFamilyGroup, groupNotice } from "./family.group.js";
import { beneficiaryViolation } from "./family.rules.js";

// The same words whatever the reason the document is taken, so adding a beneficiary is no way to learn
// whether a stranger is a member. The group rules are checked first, for the same reason.
const CANNOT_ENROL = "No es posible inscribir a esta persona como beneficiario. Si cree que es un error, comuníquese con la línea 01 8000 938 777.";

@Resolver()
export class FamilyResolver {
  @Mutation(() => Member, {
    description:
      "Inscribe un beneficiario en el grupo familiar del cotizante. Reglas: un cónyuge o compañero(a); hijos menores de 25 que dependan del cotizante, o de cualquier edad con incapacidad permanente; padres solo sin cónyuge ni hijos y si dependen del cotizante.",
  })
  async addBeneficiary(@Arg("input", () => AddBeneficiaryInput, { description: "El beneficiario y el cotizante en cuyo grupo se inscribe" }) input: AddBeneficiaryInput, @Ctx() ctx: Context): Promise<MemberDoc> {
    const target = await memberForChange(ctx, input.cotizanteId, "input.cotizanteId");
    try {
      const created = await changeFamilyGroup(ctx, target._id, async (cotizante, group, session) => {
        const violation = beneficiaryViolation(cotizante, group, candidateOf(input, todayInColombia()));
        if (violation?.kind === "input") throw badUserInput({ field: violation.field, message: violation.message });
        if (violation?.kind === "conflict") throw conflict(violation.message);
        const now = new Date();
        const doc = beneficiaryOf(cotizante, input, ctx.viewer?.subject ?? "", now);
        await ctx.models.members.create([doc], { session });
        await notify(ctx.models.outbox, session, groupNotice(cotizante, `Se inscribió a ${initialsOf(doc)} como beneficiario de su grupo familiar.`, now));
        return doc;
      });
      familyWritten(ctx.loaders, target._id, ctx.memberAccess, created._id);
      recordAgentAccess(ctx, "BENEFICIARY_ADD", target._id);
      return created;
    } catch (error) {
      // The unique index on the document is the duplicate check: no read-then-insert race.
      if (isDuplicateKeyError(error)) throw conflict(CANNOT_ENROL);
      throw error;
    }
  }

  @Mutation(() => FamilyGroup, {
    description:
      "Retira a un beneficiario del grupo familiar (el cotizante del grupo o un agente). Devuelve el grupo como queda. Un beneficiario retirado deja de ser visible para el cotizante.",
  })
  async retireBeneficiary(
    @Arg("input", () => RetireBeneficiaryInput, { description: "El beneficiario y el motivo del retiro" }) input: RetireBeneficiaryInput,
    @Ctx() ctx: Context,
  ): Promise<{ cotizante: MemberDoc; beneficiaries: MemberDoc[]; size: number }> {
    const viewer = requireRole(ctx.viewer, "MEMBER", "AGENT");
    requireAgentPurpose(ctx);
    const beneficiary = await ctx.loaders.memberById.load(input.memberId);
    const inGroup = beneficiary?.cotizanteId && (viewer.role === "AGENT" || beneficiary.cotizanteId === viewer.memberId);
    if (!beneficiary || !inGroup) {
      if (viewer.role === "AGENT") throw notFound("No existe un beneficiario con ese identificador.");
      throw forbidden("Solo el cotizante del grupo familiar puede retirar a sus beneficiarios.");
    }
    const cotizanteId = beneficiary.cotizanteId as string;
    const state = input.reason === BeneficiaryRetirementReason.FALLECIMIENTO ? AffiliationState.AFILIADO_FALLECIDO : AffiliationState.RETIRADO;
    await changeFamilyGroup(ctx, cotizanteId, async (cotizante, _group, session) => {
      const at = new Date();
      const retired = await ctx.models.members
        .updateOne(
          { _id: beneficiary._id, cotizanteId, state: { $nin: [...LEFT_GROUP_STATES] } },
          { $set: { state, retirement: { reason: input.reason, at, by: viewer.subject } }, $push: { stateHistory: { state, at, reason: input.reason, by: viewer.subject } } },
          { session },
        )
        .exec();
      if (retired.modifiedCount !== 1) throw conflict("Este beneficiario ya no hace parte del grupo familiar.");
      await notify(ctx.models.outbox, session, groupNotice(cotizante, `Se retiró a ${initialsOf(beneficiary)} de su grupo familiar (${input.reason}).`, at));
    });
    recordAgentAccess(ctx, "BENEFICIARY_RETIRE", beneficiary._id);
    // The group as it is now: this request's loaders cached it before the change.
    familyWritten(ctx.loaders, cotizanteId, ctx.memberAccess, beneficiary._id);
    const [cotizante, beneficiaries] = await Promise.all([ctx.loaders.memberById.load(cotizanteId), ctx.loaders.beneficiariesOf.load(cotizanteId)]);
    if (!cotizante) throw notFound("El cotizante ya no existe.");
    for (const member of beneficiaries) authorizeMember(ctx, member);
    return { cotizante: authorizeMember(ctx, cotizante), beneficiaries, size: beneficiaries.length };
  }
}
