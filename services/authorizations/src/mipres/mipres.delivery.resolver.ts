import {
  type AppError,
  PageArgs,
  RecordAudience,
  authorizeMemberRecord,
  badUserInput,
  conflict,
  durableTransaction,
  findPage,
  isDuplicateKeyError,
  newId,
  notYours,
  requirePurpose,
  requireRole,
  requireViewer,
  selectsField,
  todayInColombia,
  type Viewer,
} from "@sos/kit";
import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../context.js";
import { Ips, ipsRef } from "../ips/ips.type.js";
import { Member } from "../member/member.type.js";
import { DELIVERERS, loadPending, pendingPolicy, pendingWritten, prescriptionWritten, viewerIpsCode } from "./mipres.access.js";
import { DeliveryPlaceKind, PendingDeliveryState } from "./mipres.enums.js";
import { DeliveryPlaceInput, RegisterPendingDeliveryInput } from "./mipres.input.js";
import type { DeliveryPlaceDoc, PendingDeliveryDoc, PrescriptionDoc } from "./mipres.model.js";
import { isPendingOverdue, isPrescriptionNumber, pendingDueAt, pendingQueueKey, pendingRefusal, pendingSortKey, pendingStatusText, wasDeliveredLate } from "./mipres.rules.js";
import { DeliveryPlace, PendingDelivery, PendingDeliveryConnection } from "./mipres.type.js";

const OPEN = PendingDeliveryState.PENDIENTE;

/** Only what the chosen kind uses is kept: a stale address must not travel with a dispensary delivery. */
const toPlace = (place: DeliveryPlaceInput): DeliveryPlaceDoc =>
  place.kind === DeliveryPlaceKind.DISPENSARIO
    ? { kind: place.kind, ipsCode: place.ipsCode ?? null, address: null }
    : { kind: place.kind, ipsCode: null, address: place.address?.trim() ?? null };

/** The CONFLICT of a change to a pendiente that is no longer open, saying what happened to it. */
function closed(pending: PendingDeliveryDoc | null): AppError {
  if (pending?.state === PendingDeliveryState.ANULADA) return conflict("Este pendiente fue anulado: ya no se puede cambiar.");
  return conflict("Este pendiente ya fue entregado: ya no se puede cambiar.");
}

const transition = (viewer: Viewer, from: PendingDeliveryState | null, to: PendingDeliveryState, at: Date, note: string) => ({ from, to, at, by: viewer.subject, role: viewer.role, note });

/**
 * Medicines left pending (pendientes): what members complain about most, so each one shows its state and
 * its 48-hour deadline, overdue ones queue for agents, and every change is one guarded update with history.
 */
@Resolver(() => PendingDelivery)
export class PendingDeliveryResolver {
  @Query(() => PendingDelivery, { description: "Un pendiente por su identificador: el afiliado, su cuidador, las IPS que deben entregarlo y agentes" })
  async pendingDelivery(@Arg("id", () => ID, { description: "Identificador del pendiente" }) id: string, @Ctx() ctx: Context): Promise<PendingDeliveryDoc> {
    const pending = await loadPending(ctx, id);
    await authorizeMemberRecord(ctx, pending.memberId, pendingPolicy(pending));
    return pending;
  }

  @Query(() => PendingDeliveryConnection, {
    description: "Pendientes vencidos (más de 48 horas sin entregar), el más atrasado primero. Agentes, con propósito declarado; cada uno queda registrado",
  })
  async overduePendingDeliveries(@Args(() => PageArgs) page: PageArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    requireRole(ctx.viewer, "AGENT");
    requirePurpose(ctx);
    // queueKey = dueAt + ":" + id: below "now" is exactly "due before now"; findPage keeps the cursor inside
    // this range. A range over strings also leaves out the delivered, whose queueKey is null.
    const result = await findPage<PendingDeliveryDoc>({
      model: ctx.models.pendingDeliveries,
      filter: { queueKey: { $gt: "", $lt: new Date().toISOString() } },
      sortField: "queueKey",
      args: page,
      withTotal: selectsField(info, "totalCount"),
    });
    await Promise.all(result.nodes.map((pending) => authorizeMemberRecord(ctx, pending.memberId, pendingPolicy(pending))));
    return result;
  }

  @Query(() => PendingDeliveryConnection, { description: "Pendientes a cargo de mi IPS (dispensador), del más reciente al más antiguo. Solo IPS; cada uno queda registrado" })
  async pendingDeliveriesForMe(@Args(() => PageArgs) page: PageArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    const ipsCode = viewerIpsCode(ctx);
    const result = await findPage<PendingDeliveryDoc>({
      model: ctx.models.pendingDeliveries,
      filter: { dispenserIpsCode: ipsCode },
      sortField: "sortKey",
      direction: -1,
      args: page,
      withTotal: selectsField(info, "totalCount"),
    });
    await Promise.all(result.nodes.map((pending) => authorizeMemberRecord(ctx, pending.memberId, pendingPolicy(pending))));
    return result;
  }

  @Mutation(() => PendingDelivery, {
    description:
      "Registra un medicamento o producto nutricional que no se entregó completo (pendiente): debe entregarse dentro de 48 horas donde el afiliado elija. Lo registra la IPS dispensadora a la que está direccionado, o un agente. Repetir con la misma clave devuelve el mismo pendiente",
  })
  async registerPendingDelivery(@Arg("input", () => RegisterPendingDeliveryInput, { description: "La prescripción, la tecnología, la cantidad pendiente, el motivo y dónde entregarla" }) input: RegisterPendingDeliveryInput, @Ctx() ctx: Context): Promise<PendingDeliveryDoc> {
    const viewer = requireRole(ctx.viewer, "IPS", "AGENT");
    if (!isPrescriptionNumber(input.prescriptionNumber)) {
      throw badUserInput({ field: "input.prescriptionNumber", message: "El número de prescripción no empieza con una fecha válida (AAAAMMDD)." });
    }
    const prescription = await ctx.loaders.prescriptionByNumber.load(input.prescriptionNumber);
    if (!prescription) throw notYours();
    const technology = prescription.technologies.find((candidate) => candidate.index === input.technologyIndex);
    // Only the dispenser this technology is routed to: another clinic of the same prescription may not.
    await authorizeMemberRecord(ctx, prescription.memberId, { allowed: DELIVERERS, action: "MIPRES_PENDING_REGISTER", sensitive: true, concernedIps: [technology?.dispenserIpsCode] });

    const { pendingDeliveries } = ctx.models;
    const byKey = input.idempotencyKey ? { "registeredBy.subject": viewer.subject, idempotencyKey: input.idempotencyKey } : null;
    // A retry is answered before the rules: the first attempt's pendiente now counts against what remains.
    const earlier = byKey ? await pendingDeliveries.findOne(byKey).lean<PendingDeliveryDoc>().exec() : null;
    if (earlier) {
      // The same key for another medicine is a client's mistake, not a retry.
      if (earlier.prescriptionNumber !== prescription._id || earlier.technologyIndex !== input.technologyIndex) {
        throw conflict("Esa clave de idempotencia ya se usó para otro pendiente: use una clave nueva para cada registro.", { id: earlier._id });
      }
      return earlier;
    }

    // Unreachable after the rules (they refuse an unknown or unrouted technology): it narrows the types.
    if (!technology?.dispenserIpsCode) throw notYours();
    const id = newId();
    const registeredAt = new Date();
    const dueAt = pendingDueAt(registeredAt);
    const pending: PendingDeliveryDoc = {
      _id: id,
      prescriptionNumber: prescription._id,
      memberId: prescription.memberId,
      technologyIndex: technology.index,
      description: technology.description,
      quantity: input.quantity,
      dispenserIpsCode: technology.dispenserIpsCode,
      reason: input.reason,
      place: toPlace(input.place),
      registeredAt,
      dueAt,
      state: OPEN,
      deliveredAt: null,
      receivedBy: null,
      registeredBy: { subject: viewer.subject, role: viewer.role },
      history: [transition(viewer, null, OPEN, registeredAt, input.reason)],
      idempotencyKey: input.idempotencyKey ?? null,
      sortKey: pendingSortKey(registeredAt, id),
      queueKey: pendingQueueKey(dueAt, id),
      version: 1,
    };
    try {
      await durableTransaction(ctx.connection, async (session) => {
        // Two registrations for one prescription at once conflict on this write, so the later one (retried
        // by the driver) counts the other's pendiente before deciding: never more owed than remains.
        await ctx.models.prescriptions.updateOne({ _id: prescription._id }, { $inc: { registrations: 1 } }, { session });
        // The member's open pendientes (a handful) on the (memberId, state) index prefix, this technology's
        // picked here: a filter on fields outside the index sends SecantusDB to a collection scan.
        const open = await pendingDeliveries
          .find({ memberId: prescription.memberId, state: OPEN })
          .session(session)
          .select({ prescriptionNumber: 1, technologyIndex: 1, quantity: 1 })
          .lean<Pick<PendingDeliveryDoc, "prescriptionNumber" | "technologyIndex" | "quantity">[]>()
          .exec();
        const openPendingQuantity = open
          .filter((other) => other.prescriptionNumber === prescription._id && other.technologyIndex === input.technologyIndex)
          .reduce((sum, other) => sum + other.quantity, 0);
        const refusal = pendingRefusal(prescription, { technologyIndex: input.technologyIndex, quantity: input.quantity, openPendingQuantity }, todayInColombia());
        if (refusal) throw badUserInput({ field: `input.${refusal.field}`, message: refusal.message });
        await pendingDeliveries.create([pending], { session });
      });
    } catch (error) {
      // A concurrent retry with the same key won the unique index: its pendiente is the answer.
      const winner = byKey && isDuplicateKeyError(error) ? await pendingDeliveries.findOne(byKey).lean<PendingDeliveryDoc>().exec() : null;
      if (!winner) throw error;
      return winner;
    }
    return pendingWritten(ctx, pending);
  }

  @Mutation(() => PendingDelivery, {
    description: "Registra la entrega de un pendiente (IPS dispensadora o agente): lo marca ENTREGADA y suma la cantidad a lo entregado de la prescripción, en una sola transacción",
  })
  async completePendingDelivery(
    @Arg("id", () => ID, { description: "Identificador del pendiente" }) id: string,
    @Arg("receivedBy", () => String, { description: "Quién recibió (nombre; 3 a 120 caracteres)" }) receivedBy: string,
    @Ctx() ctx: Context,
  ): Promise<PendingDeliveryDoc> {
    const viewer = requireRole(ctx.viewer, "IPS", "AGENT");
    const receiver = receivedBy.trim();
    if (receiver.length < 3 || receiver.length > 120) throw badUserInput({ field: "receivedBy", message: "Indique quién recibió (3 a 120 caracteres)." });
    const pending = await loadPending(ctx, id);
    await authorizeMemberRecord(ctx, pending.memberId, { ...pendingPolicy(pending, "MIPRES_PENDING_DELIVER"), allowed: DELIVERERS });
    if (pending.state !== OPEN) throw closed(pending);
    const prescription = await ctx.loaders.prescriptionByNumber.load(pending.prescriptionNumber);
    const technology = prescription?.technologies.find((candidate) => candidate.index === pending.technologyIndex);
    if (!prescription || !technology) throw conflict("La prescripción de este pendiente ya no tiene esa tecnología. Comuníquese con la EPS.");

    const at = new Date();
    const { pendingDeliveries, prescriptions } = ctx.models;
    // Both or neither: a pendiente marked delivered whose quantity the prescription never counted (or the reverse) would misstate what the member is owed.
    const [delivered, updatedPrescription] = await durableTransaction(ctx.connection, async (session) => {
        const done = await pendingDeliveries
          .findOneAndUpdate(
            { _id: pending._id, state: OPEN },
            {
              $set: { state: PendingDeliveryState.ENTREGADA, deliveredAt: at, receivedBy: receiver, queueKey: null },
              $push: { history: transition(viewer, OPEN, PendingDeliveryState.ENTREGADA, at, `Recibió: ${receiver}`) },
              $inc: { version: 1 },
            },
            { session, returnDocument: "after" },
          )
          .lean<PendingDeliveryDoc>()
          .exec();
        if (!done) throw closed(await pendingDeliveries.findById(pending._id).session(session).lean<PendingDeliveryDoc>().exec());
        // Guarded on what remains: never more delivered than prescribed.
        const counted = await prescriptions
          .findOneAndUpdate(
            { _id: prescription._id, technologies: { $elemMatch: { index: technology.index, delivered: { $lte: technology.quantity - pending.quantity } } } },
            // arrayFilters, not the positional "$": SecantusDB rejects "$" after an $elemMatch query.
            { $inc: { "technologies.$[t].delivered": pending.quantity }, $set: { "technologies.$[t].lastDelivery": { quantity: pending.quantity, at, receivedBy: receiver } } },
            { session, returnDocument: "after", arrayFilters: [{ "t.index": technology.index }] },
          )
          .lean<PrescriptionDoc>()
          .exec();
        if (!counted) throw conflict("La entrega superaría la cantidad prescrita: revise lo ya entregado de esta prescripción.");
        return [done, counted] as const;
    });
    prescriptionWritten(ctx, updatedPrescription);
    return pendingWritten(ctx, delivered);
  }

  @Mutation(() => PendingDelivery, {
    description: "Cambia dónde se entrega un pendiente abierto (el afiliado, su cuidador o un agente). El plazo de 48 horas no cambia",
  })
  async choosePendingDeliveryPlace(@Arg("id", () => ID, { description: "Identificador del pendiente" }) id: string, @Arg("place", () => DeliveryPlaceInput, { description: "Nuevo lugar de entrega" }) place: DeliveryPlaceInput, @Ctx() ctx: Context): Promise<PendingDeliveryDoc> {
    const viewer = requireViewer(ctx.viewer);
    const pending = await loadPending(ctx, id);
    await authorizeMemberRecord(ctx, pending.memberId, { allowed: RecordAudience.CLINICAL, action: "MIPRES_PENDING_PLACE_CHANGE", sensitive: true });
    if (pending.state !== OPEN) throw closed(pending);
    const at = new Date();
    const next = toPlace(place);
    const note = next.kind === DeliveryPlaceKind.DOMICILIO ? "Entrega en el domicilio" : `Entrega en el punto de dispensación ${next.ipsCode}`;
    const updated = await ctx.models.pendingDeliveries
      .findOneAndUpdate({ _id: pending._id, state: OPEN }, { $set: { place: next }, $push: { history: transition(viewer, OPEN, OPEN, at, note) }, $inc: { version: 1 } }, { returnDocument: "after" })
      .lean<PendingDeliveryDoc>()
      .exec();
    if (!updated) throw closed(await ctx.models.pendingDeliveries.findById(pending._id).lean<PendingDeliveryDoc>().exec());
    return pendingWritten(ctx, updated);
  }

  @FieldResolver(() => Member, { description: "Afiliado a quien se debe el medicamento" })
  member(@Root() pending: PendingDeliveryDoc): Member {
    return { id: pending.memberId };
  }

  @FieldResolver(() => DeliveryPlace, { description: "Dónde se entrega, según eligió el afiliado" })
  place(@Root() pending: PendingDeliveryDoc): DeliveryPlace {
    return { kind: pending.place.kind, ips: ipsRef(pending.place.ipsCode), address: pending.place.address ?? null };
  }

  @FieldResolver(() => Ips, { description: "IPS dispensadora responsable de la entrega" })
  dispenser(@Root() pending: PendingDeliveryDoc): Ips {
    return { habilitationCode: pending.dispenserIpsCode };
  }

  @FieldResolver(() => Boolean, { description: "Vencido: sigue pendiente y ya pasaron las 48 horas" })
  overdue(@Root() pending: PendingDeliveryDoc): boolean {
    return isPendingOverdue(pending, new Date());
  }

  @FieldResolver(() => Boolean, { description: "Se entregó, pero después de las 48 horas" })
  deliveredLate(@Root() pending: PendingDeliveryDoc): boolean {
    return wasDeliveredLate(pending);
  }

  @FieldResolver(() => String, { description: "El estado y el plazo en una frase, para mostrar al afiliado" })
  statusText(@Root() pending: PendingDeliveryDoc): string {
    return pendingStatusText(pending, new Date());
  }
}
