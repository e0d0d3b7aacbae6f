import { UPLOAD_ID, badUserInput, conflict, forbidden, requirePurpose, requireRole, todayInColombia, type Viewer } from "@sos/kit";
import { addDays } from "@sos/kit/seed";
import { ArrayMaxSize, ArrayMinSize, Length, Matches } from "class-validator";
import { Arg, ArgsType, Args, Ctx, Field, ID, Int, Mutation, Resolver } from "type-graphql";
import { ATTACHMENT_PURPOSE } from "../attachment/attachment.resolver.js";
import type { Context } from "../context.js";
import { memberCharge } from "../copay/copay.rules.js";
import { activeClinic } from "../ips/directory.client.js";
import { entitledMember } from "../member/member.profile.js";
import { authorizationWritten, authorizedAuthorization } from "./authorization.access.js";
import { AuthorizationState } from "./authorization.enums.js";
import { DecideAuthorizationInput } from "./authorization.input.js";
import type { AuthorizationDoc, ItemDoc, TransitionDoc } from "./authorization.model.js";
import { APPROVED, TRANSITIONS, addTerm } from "./authorization.rules.js";
import { Authorization } from "./authorization.type.js";

/** The longest validity an approval may carry. */
const MAX_VALIDITY_DAYS = 180;
/** Support documents one request may carry in all. */
const MAX_ATTACHMENTS = 20;

@ArgsType()
class DocumentsArgs {
  @Field(() => ID, { description: "Número de radicado (AUT-AAAA-NNNNNNN)" })
  @Length(1, 40)
  number!: string;

  @Field(() => [String], { description: "uploadId de los documentos soporte del paciente ya cargados (requestAuthorizationAttachmentUpload; 1 a 10)" })
  @ArrayMinSize(1, { message: "Adjunte al menos un documento." })
  @ArrayMaxSize(10, { message: "Se aceptan hasta 10 documentos." })
  @Matches(UPLOAD_ID, { each: true, message: "Cada documento soporte debe ser el uploadId que devolvió su carga (UP-…)." })
  attachments!: string[];
}

@ArgsType()
class AnnulArgs {
  @Field(() => ID, { description: "Número de radicado (AUT-AAAA-NNNNNNN)" })
  @Length(1, 40)
  number!: string;

  @Field(() => String, { description: "Motivo de la anulación" })
  @Length(5, 500, { message: "Indique el motivo de la anulación (5 a 500 caracteres)." })
  reason!: string;
}

/**
 * Every change of state: one atomic update guarded by the state and version the change was decided on,
 * so of two agents deciding at once one wins and the other gets CONFLICT; each one adds to the history.
 */
@Resolver(() => Authorization)
export class AuthorizationDecisionResolver {
  @Mutation(() => Authorization, { description: "Pasa una solicitud radicada a auditoría (agentes)" })
  async startAuthorizationAudit(@Arg("number", () => ID, { description: "Número de radicado (AUT-AAAA-NNNNNNN)" }) number: string, @Ctx() ctx: Context): Promise<AuthorizationDoc> {
    const viewer = agent(ctx);
    const current = await this.current(ctx, number, "AUTHORIZATION_AUDIT");
    // From RADICADA only: a request back from PENDIENTE_DOCS returns with its documents (and a new deadline).
    return this.move(ctx, viewer, current, AuthorizationState.EN_AUDITORIA, {}, null, new Date(), [AuthorizationState.RADICADA]);
  }

  @Mutation(() => Authorization, { description: "Decide una solicitud en auditoría: aprueba (IPS destino y vigencia), aprueba en parte, niega o pide documentos (agentes)" })
  async decideAuthorization(@Arg("input", () => DecideAuthorizationInput, { description: "La decisión y lo que requiere (IPS destino y vigencia al aprobar, motivo al negar o pedir documentos)" }) input: DecideAuthorizationInput, @Ctx() ctx: Context): Promise<AuthorizationDoc> {
    const viewer = agent(ctx);
    const current = await this.current(ctx, input.number, "AUTHORIZATION_DECISION");
    if (input.expectedVersion != null && input.expectedVersion !== current.version) throw changed(current);
    const now = new Date();
    const set: Partial<AuthorizationDoc> = { answeredAt: now, queueKey: null };
    if (input.decision === AuthorizationState.NEGADA || input.decision === AuthorizationState.PENDIENTE_DOCS) {
      set.denialReason = input.reason as string;
    } else {
      set.validUntil = checkValidity(input.validUntil as string);
      set.destinationIpsCode = await activeClinic(ctx, input.destinationIpsCode as string, "input.destinationIpsCode");
      set.items = await this.approvedItems(ctx, current, input);
      if (input.reason) set.denialReason = input.reason;
    }
    return this.move(ctx, viewer, current, input.decision, set, input.reason ?? null, now);
  }

  @Mutation(() => Authorization, {
    description: "Envía los documentos pedidos: la solicitud vuelve a auditoría con un plazo nuevo (la IPS solicitante o un agente: el trámite es entre la EPS y la IPS, no del paciente)",
  })
  async sendAuthorizationDocuments(@Args(() => DocumentsArgs) args: DocumentsArgs, @Ctx() ctx: Context): Promise<AuthorizationDoc> {
    const viewer = requireRole(ctx.viewer, "IPS", "AGENT");
    const current = await this.current(ctx, args.number, "AUTHORIZATION_DOCUMENTS");
    if (viewer.role === "IPS" && viewer.ipsCode !== current.requestingIpsCode) throw forbidden("Solo la IPS que solicitó puede enviar los documentos.");
    if (current.attachments.length + args.attachments.length > MAX_ATTACHMENTS) {
      throw badUserInput({ field: "attachments", message: `Una solicitud admite hasta ${MAX_ATTACHMENTS} documentos; ya tiene ${current.attachments.length}.` });
    }
    // Asked for documents? Said before any upload is looked at, so a call out of turn takes none.
    if (current.state !== AuthorizationState.PENDIENTE_DOCS) {
      throw conflict(`La solicitud ${current._id} está ${current.state}: no puede pasar a ${AuthorizationState.EN_AUDITORIA}.`, { state: current.state });
    }
    // The patient's own uploads, stored and in no request yet (one already in this one is not sent twice).
    const attachments = { memberId: current.memberId, purpose: ATTACHMENT_PURPOSE, field: "attachments" };
    await ctx.uploads.check(args.attachments, { ...attachments, by: "" });
    const taken = await ctx.uploads.reference(args.attachments, { ...attachments, by: current._id });
    // Taken by another call sending the same documents to this request at this moment: that call has them.
    const lost = args.attachments.findIndex((id) => !taken.includes(id));
    if (lost >= 0) {
      await ctx.uploads.release(taken, current._id);
      throw badUserInput({ field: `attachments.${lost}`, message: "El documento soporte ya está en otra solicitud: cárguelo de nuevo." });
    }
    const now = new Date();
    // The EPS owes a new answer: the same term, counted again from now.
    const dueAt = addTerm(now, current.deadline);
    const set = {
      attachments: [...current.attachments, ...args.attachments],
      answeredAt: null,
      "deadline.dueAt": dueAt,
      queueKey: `${dueAt.toISOString()}:${current._id}`,
    } as Partial<AuthorizationDoc>;
    try {
      return await this.move(ctx, viewer, current, AuthorizationState.EN_AUDITORIA, set, "Documentos enviados", now, [AuthorizationState.PENDIENTE_DOCS]);
    } catch (error) {
      // Changed meanwhile (CONFLICT): the documents are given back, to be sent again.
      await ctx.uploads.release(taken, current._id);
      throw error;
    }
  }

  @Mutation(() => Authorization, { description: "Registra que el servicio autorizado se prestó (la IPS destino o un agente)" })
  async markAuthorizationUsed(@Arg("number", () => ID, { description: "Número de radicado (AUT-AAAA-NNNNNNN)" }) number: string, @Ctx() ctx: Context): Promise<AuthorizationDoc> {
    const viewer = requireRole(ctx.viewer, "IPS", "AGENT");
    const current = await this.current(ctx, number, "AUTHORIZATION_USE");
    if (viewer.role === "IPS" && viewer.ipsCode !== current.destinationIpsCode) throw forbidden("Solo la IPS destino puede registrar el uso de la autorización.");
    if (APPROVED.includes(current.state) && (current.validUntil ?? "") < todayInColombia()) {
      throw badUserInput({ field: "number", message: `La autorización venció el ${current.validUntil}: no puede usarse.` });
    }
    return this.move(ctx, viewer, current, AuthorizationState.UTILIZADA, {}, null);
  }

  @Mutation(() => Authorization, { description: "Anula una solicitud o autorización aún no usada (el afiliado o su cuidador, la IPS solicitante, agentes)" })
  async annulAuthorization(@Args(() => AnnulArgs) args: AnnulArgs, @Ctx() ctx: Context): Promise<AuthorizationDoc> {
    const viewer = requireRole(ctx.viewer, "MEMBER", "IPS", "AGENT");
    const current = await this.current(ctx, args.number, "AUTHORIZATION_ANNUL");
    if (viewer.role === "IPS" && viewer.ipsCode !== current.requestingIpsCode) throw forbidden("Solo la IPS que solicitó puede anularla.");
    return this.move(ctx, viewer, current, AuthorizationState.ANULADA, { queueKey: null }, args.reason);
  }

  @Mutation(() => Int, { description: "Marca VENCIDA cada autorización aprobada cuya vigencia pasó sin usarse; devuelve cuántas (agentes; la operación diaria lo ejecuta)" })
  async expireAuthorizations(@Ctx() ctx: Context): Promise<number> {
    const viewer = agent(ctx);
    const today = todayInColombia();
    const at = new Date();
    let expired = 0;
    // One guarded update per state: each document's history records where it came from.
    for (const from of APPROVED) {
      const entry: TransitionDoc = { from, to: AuthorizationState.VENCIDA, at, by: viewer.subject, role: viewer.role, note: "Vigencia vencida sin uso" };
      const result = await ctx.models.authorizations.updateMany(
        { state: from, validUntil: { $lt: today } },
        { $set: { state: AuthorizationState.VENCIDA }, $push: { history: entry }, $inc: { version: 1 } },
      );
      expired += result.modifiedCount;
    }
    ctx.loaders.authorizationByNumber.clearAll();
    ctx.loaders.authorizationsOfMember.clearAll();
    return expired;
  }

  /** The record as stored now (not the request's cache: a decision must see the latest state), after the gate. */
  private async current(ctx: Context, number: string, action: string): Promise<AuthorizationDoc> {
    const doc = await ctx.models.authorizations.findById(number).lean<AuthorizationDoc>().exec();
    return authorizedAuthorization(ctx, doc, action);
  }

  /** `from`: the states this particular change starts from, when narrower than every way into `to`. */
  private async move(
    ctx: Context,
    viewer: Viewer,
    current: AuthorizationDoc,
    to: AuthorizationState,
    set: Partial<AuthorizationDoc>,
    note: string | null,
    at = new Date(),
    from: readonly AuthorizationState[] = Object.values(AuthorizationState),
  ): Promise<AuthorizationDoc> {
    if (!TRANSITIONS[current.state].includes(to) || !from.includes(current.state)) {
      throw conflict(`La solicitud ${current._id} está ${current.state}: no puede pasar a ${to}.`, { state: current.state });
    }
    const entry: TransitionDoc = { from: current.state, to, at, by: viewer.subject, role: viewer.role, note };
    const updated = await ctx.models.authorizations
      .findOneAndUpdate(
        { _id: current._id, state: current.state, version: current.version },
        { $set: { ...set, state: to }, $push: { history: entry }, $inc: { version: 1 } },
        { returnDocument: "after" },
      )
      .lean<AuthorizationDoc>()
      .exec();
    if (!updated) throw changed(current);
    authorizationWritten(ctx, updated);
    return updated;
  }

  /** Quantities per item (all of each when fully approved) with what the member pays for each. */
  private async approvedItems(ctx: Context, current: AuthorizationDoc, input: DecideAuthorizationInput): Promise<ItemDoc[]> {
    const partial = input.decision === AuthorizationState.APROBADA_PARCIAL;
    const decided = new Map((input.items ?? []).map((item) => [item.cupsCode, item]));
    if (partial && !decided.size) throw badUserInput({ field: "input.items", message: "En una aprobación parcial indique lo autorizado de cada servicio." });
    for (const [i, item] of (input.items ?? []).entries()) {
      const requested = current.items.find((candidate) => candidate.cupsCode === item.cupsCode);
      if (!requested) throw badUserInput({ field: `input.items.${i}.cupsCode`, message: `El servicio ${item.cupsCode} no está en la solicitud.` });
      if (item.approvedQuantity > requested.quantity) throw badUserInput({ field: `input.items.${i}.approvedQuantity`, message: "No se puede autorizar más de lo solicitado." });
      if (item.approvedQuantity < requested.quantity && !item.denialReason) throw badUserInput({ field: `input.items.${i}.denialReason`, message: "Indique por qué se autoriza menos de lo solicitado." });
    }
    const items = current.items.map((item) => {
      const decision = partial ? decided.get(item.cupsCode) : undefined;
      return { ...item, approvedQuantity: decision ? decision.approvedQuantity : partial ? 0 : item.quantity, denialReason: decision?.denialReason ?? (partial && !decision ? "No autorizado" : null) };
    });
    const approvedCount = items.filter((item) => (item.approvedQuantity ?? 0) > 0).length;
    if (partial && (approvedCount === 0 || items.every((item) => item.approvedQuantity === item.quantity))) {
      throw badUserInput({ field: "input.items", message: "Una aprobación parcial autoriza algo pero no todo lo solicitado: si es todo, APROBADA; si es nada, NEGADA." });
    }
    const profile = await entitledMember(ctx, current.memberId, "input.number");
    // The table in force on the date of the service, as for the deadline.
    const on = current.serviceDate;
    return items.map((item) =>
      (item.approvedQuantity ?? 0) > 0
        ? { ...item, charge: memberCharge({ ...profile, specialProtection: current.specialProtection, payer: current.payer, kind: item.kind, on }) }
        : item,
    );
  }
}

function agent(ctx: Context): Viewer {
  const viewer = requireRole(ctx.viewer, "AGENT");
  requirePurpose(ctx);
  return viewer;
}

const changed = (current: AuthorizationDoc) =>
  conflict(`Otra persona cambió la solicitud ${current._id} mientras usted la revisaba: consúltela de nuevo.`, { number: current._id });

function checkValidity(validUntil: string): string {
  const today = todayInColombia();
  if (validUntil < today || validUntil > addDays(today, MAX_VALIDITY_DAYS)) {
    throw badUserInput({ field: "input.validUntil", message: `La vigencia debe estar entre hoy y ${MAX_VALIDITY_DAYS} días.` });
  }
  return validUntil;
}
