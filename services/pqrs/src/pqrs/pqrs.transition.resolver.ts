import { badUserInput, conflict, durableTransaction, forbidden, newId, requirePurpose, requireRole, type Viewer } from "@sos/kit";
import { Length } from "class-validator";
import type { ClientSession } from "mongoose";
import { Arg, Args, ArgsType, Ctx, Field, ID, Mutation, Resolver } from "type-graphql";
import type { Context } from "../context.js";
import { authorizedPqrs, pqrsWritten } from "./pqrs.access.js";
import type { OutboxDoc, PqrsDoc, PqrsTransition } from "./pqrs.model.js";
import { IPS_VISIBLE_TYPES, OPEN, PqrsState, TRANSITIONS, dueAtFor, extendedDueAt } from "./pqrs.rules.js";
import { Pqrs } from "./pqrs.type.js";

@ArgsType()
class TextArgs {
  @Field(() => ID, { description: "Número de radicado (PQRS-AAAA-NNNNNNN)" })
  @Length(1, 40)
  number!: string;

  @Field(() => String, {
    description:
      "Texto (5 a 4000 caracteres): la respuesta en answerPqrs, el motivo en reopenPqrs, el aviso al solicitante en extendPqrsDeadline, el resumen sin nombres ni datos de salud en releasePqrsToIps",
  })
  @Length(5, 4000, { message: "Escriba el texto (5 a 4000 caracteres)." })
  text!: string;
}

const DAY_MS = 86_400_000;

/** Every step: one update guarded by the state and version it was decided on, and a line of history. */
@Resolver(() => Pqrs)
export class PqrsTransitionResolver {
  @Mutation(() => Pqrs, { description: "Asigna una PQRS radicada a un responsable (agentes)" })
  async assignPqrs(@Arg("number", () => ID, { description: "Número de radicado (PQRS-AAAA-NNNNNNN)" }) number: string, @Arg("assignee", () => String, { description: "Usuario responsable (3 a 80 letras, dígitos, punto, guion o arroba)" }) assignee: string, @Ctx() ctx: Context): Promise<PqrsDoc> {
    const viewer = agent(ctx);
    if (!/^[A-Za-z0-9._@-]{3,80}$/.test(assignee)) throw badUserInput({ field: "assignee", message: "Indique el usuario responsable (3 a 80 letras, dígitos, punto, guion o arroba)." });
    // The history shows the member that it was assigned, not to which staff account.
    return this.move(ctx, viewer, await this.current(ctx, number), PqrsState.ASIGNADA, { assignedTo: assignee }, "Asignada a un responsable");
  }

  @Mutation(() => Pqrs, { description: "El responsable empieza el trámite (agentes)" })
  async startPqrs(@Arg("number", () => ID, { description: "Número de radicado (PQRS-AAAA-NNNNNNN)" }) number: string, @Ctx() ctx: Context): Promise<PqrsDoc> {
    const viewer = agent(ctx);
    const current = await this.current(ctx, number);
    // Only from ASIGNADA: back to work from an answer is the member's reopening, not this.
    if (current.state !== PqrsState.ASIGNADA) throw conflict(`La PQRS ${number} está ${current.state}: solo se empieza una asignada.`, { state: current.state });
    return this.move(ctx, viewer, current, PqrsState.EN_TRAMITE, {}, null);
  }

  @Mutation(() => Pqrs, { description: "Responde una PQRS en trámite: la respuesta sale al canal registrado de quien la presentó (agentes)" })
  async answerPqrs(@Args(() => TextArgs) args: TextArgs, @Ctx() ctx: Context): Promise<PqrsDoc> {
    const viewer = agent(ctx);
    const current = await this.current(ctx, args.number);
    const at = new Date();
    const recipient = await recipientOf(ctx, current);
    // The answer and its message to the filer, together: never one without the other.
    return this.move(ctx, viewer, current, PqrsState.RESPONDIDA, { answer: { text: args.text, at, by: viewer.subject }, answeredAt: at }, null, at, (session) =>
      tell(ctx, session, recipient, current, args.text, at),
    );
  }

  @Mutation(() => Pqrs, { description: "Cierra una PQRS respondida (agentes)" })
  async closePqrs(@Arg("number", () => ID, { description: "Número de radicado (PQRS-AAAA-NNNNNNN)" }) number: string, @Ctx() ctx: Context): Promise<PqrsDoc> {
    const viewer = agent(ctx);
    return this.move(ctx, viewer, await this.current(ctx, number), PqrsState.CERRADA, {}, null);
  }

  @Mutation(() => Pqrs, { description: "El afiliado reabre su PQRS respondida o cerrada, dentro del plazo configurado desde la respuesta: vuelve a trámite con un plazo nuevo" })
  async reopenPqrs(@Args(() => TextArgs) args: TextArgs, @Ctx() ctx: Context): Promise<PqrsDoc> {
    const viewer = requireRole(ctx.viewer, "MEMBER");
    const current = await this.current(ctx, args.number);
    if (current.memberId !== viewer.memberId) throw forbidden("Solo quien presentó la PQRS puede reabrirla.");
    const window = ctx.settings.reopenDays * DAY_MS;
    if (!current.answeredAt || Date.now() - current.answeredAt.getTime() > window) {
      throw conflict(`Una PQRS se puede reabrir hasta ${ctx.settings.reopenDays} días después de la respuesta; presente una nueva.`);
    }
    const now = new Date();
    return this.move(ctx, viewer, current, PqrsState.EN_TRAMITE, { dueAt: dueAtFor(now, current.term), answeredAt: null }, args.text, now);
  }

  @Mutation(() => Pqrs, { description: "Prorroga una vez, con aviso, el plazo de una solicitud de datos personales (10 + 5 o 15 + 8 días hábiles; agentes)" })
  async extendPqrsDeadline(@Args(() => TextArgs) args: TextArgs, @Ctx() ctx: Context): Promise<PqrsDoc> {
    const viewer = agent(ctx);
    const current = await this.current(ctx, args.number);
    if (!current.term.extension || current.term.extended) throw conflict("Solo las solicitudes de datos personales se prorrogan, y una sola vez.");
    if (!OPEN.includes(current.state)) throw conflict(`La PQRS está ${current.state}: ya no corre su plazo.`);
    // Ley 1581: the notice goes before the first term ends; an overdue request cannot be extended after the fact.
    if (Date.now() > current.dueAt.getTime()) throw conflict("El plazo ya venció: la prórroga debía avisarse antes del vencimiento.");
    const at = new Date();
    const recipient = await recipientOf(ctx, current);
    return this.move(
      ctx,
      viewer,
      current,
      current.state,
      { dueAt: extendedDueAt(current.dueAt, current.term.extension), term: { ...current.term, extended: true } },
      args.text,
      at,
      (session) => tell(ctx, session, recipient, current, `Su solicitud ${current._id} se prorrogó ${current.term.extension} días hábiles: ${args.text}`, at, `Prórroga del plazo de su solicitud ${current._id}`),
      true,
    );
  }

  @Mutation(() => Pqrs, { description: "Publica a la IPS una queja, reclamo, sugerencia o felicitación que la concierne, con un resumen sin nombres ni datos de salud que escribe el agente (agentes)" })
  async releasePqrsToIps(@Args(() => TextArgs) args: TextArgs, @Ctx() ctx: Context): Promise<PqrsDoc> {
    const viewer = agent(ctx);
    const current = await this.current(ctx, args.number);
    if (!current.ipsCode || !IPS_VISIBLE_TYPES.includes(current.type)) {
      throw badUserInput({ field: "number", message: "Solo se publican a la IPS quejas, reclamos, sugerencias y felicitaciones que se refieren a ella." });
    }
    return this.move(ctx, viewer, current, current.state, { summaryForIps: args.text, ipsFeedKey: current.ipsCode }, "Publicada a la IPS", new Date(), undefined, true);
  }

  private async current(ctx: Context, number: string): Promise<PqrsDoc> {
    return authorizedPqrs(ctx, await ctx.models.pqrs.findById(number).lean<PqrsDoc>().exec(), "PQRS_PROCESS");
  }

  private async move(
    ctx: Context,
    viewer: Viewer,
    current: PqrsDoc,
    to: PqrsState,
    set: Partial<PqrsDoc>,
    note: string | null,
    at = new Date(),
    alsoWrite?: (session: ClientSession) => Promise<void>,
    /** A change that keeps the state (an extension, a release): only where the caller says so. */
    sameState = false,
  ): Promise<PqrsDoc> {
    const allowed = sameState ? to === current.state : TRANSITIONS[current.state].includes(to);
    if (!allowed) throw conflict(`La PQRS ${current._id} está ${current.state}: no puede pasar a ${to}.`, { state: current.state });
    const entry: PqrsTransition = { from: current.state, to, at, by: viewer.subject, role: viewer.role, note };
    const next = { ...current, ...set, state: to };
    const queueKey = OPEN.includes(to) ? `${next.dueAt.toISOString()}:${current._id}` : null;
    const updated = await durableTransaction(ctx.connection, async (session) => {
      const done = await ctx.models.pqrs
        .findOneAndUpdate({ _id: current._id, state: current.state, version: current.version }, { $set: { ...set, state: to, queueKey }, $push: { history: entry }, $inc: { version: 1 } }, { session, returnDocument: "after" })
        .lean<PqrsDoc>()
        .exec();
      if (!done) throw conflict(`Otra persona cambió la PQRS ${current._id} mientras usted la revisaba: consúltela de nuevo.`, { number: current._id });
      await alsoWrite?.(session);
      return done;
    });
    return pqrsWritten(ctx, updated);
  }
}

function agent(ctx: Context): Viewer {
  const viewer = requireRole(ctx.viewer, "AGENT");
  requirePurpose(ctx);
  return viewer;
}

interface Recipient {
  channel: "EMAIL" | "SMS";
  to: string;
}

/**
 * The filer's registered channel, found now (while the agent's request can ask): a member's e-mail (else
 * mobile) on file in affiliation, asked with the agent's own credentials; an anonymous filer's contact.
 * Null when there is none: the change stands, untold, as with a beneficiary who has no contact of their own.
 */
async function recipientOf(ctx: Context, pqrs: PqrsDoc): Promise<Recipient | null> {
  let contact: { email: string | null; mobile: string | null } | null | undefined = pqrs.contact;
  if (pqrs.memberId) {
    const { member } = await ctx.peers.query<{ member: { contact: { email: string | null; mobile: string | null } | null } | null }>(
      "affiliation",
      `query($id: ID!) { member(id: $id) { contact { email mobile } } }`,
      { id: pqrs.memberId },
    );
    contact = member?.contact;
  }
  if (contact?.email) return { channel: "EMAIL", to: contact.email };
  if (contact?.mobile) return { channel: "SMS", to: contact.mobile };
  return null;
}

/** Queues the message to the filer (in the transaction of the change it tells of), when they can be reached. */
async function tell(ctx: Context, session: ClientSession, recipient: Recipient | null, pqrs: PqrsDoc, text: string, at: Date, subject = `Respuesta a su ${pqrs.type.toLowerCase()} ${pqrs._id}`): Promise<void> {
  if (!recipient) return;
  const id = newId();
  const message: OutboxDoc = { _id: id, pqrsNumber: pqrs._id, channel: recipient.channel, to: recipient.to, subject, body: text, createdAt: at, sentAt: null, pendingKey: `${at.toISOString()}:${id}` };
  await ctx.models.outbox.create([message], { session });
}
