import { MemberRelation, RecordAudience, forbidden, notYours, requireRole, requireViewer, type RecordPolicy } from "@sos/kit";
import type { Context } from "../context.js";
import type { PendingDeliveryDoc, PrescriptionDoc } from "./mipres.model.js";

/** The clinic asking: an IPS viewer with its REPS code, FORBIDDEN for anyone else. */
export function viewerIpsCode(ctx: Context): string {
  const viewer = requireRole(ctx.viewer, "IPS");
  if (!viewer.ipsCode) throw forbidden();
  return viewer.ipsCode;
}

/**
 * Who reads a prescription (docs/access.md): the member, the carer of a minor, staff with a purpose, and
 * the clinics it is routed to (its dispensers). Not the prescribing clinic: the rule of the graph gives a
 * clinic "MIPRES routed to it", and what happens to a prescription after it is written (deliveries, state)
 * is news the prescriber has no need of. It is health data: every read goes to the ledger.
 */
export const prescriptionPolicy = (prescription: PrescriptionDoc, action = "MIPRES_READ"): RecordPolicy => ({
  allowed: RecordAudience.CLINICAL_WITH_CONCERNED_IPS,
  action,
  sensitive: true,
  concernedIps: prescription.technologies.map((technology) => technology.dispenserIpsCode),
});

/**
 * A pendiente names a medicine, so it is health data too: read by the same people, and by the dispenser
 * the prescription is routed to, who owes the delivery. Not by the dispensing point the member chose:
 * that code comes from a caller, and only the record's own routing may grant a clinic anything.
 */
export const pendingPolicy = (pending: PendingDeliveryDoc, action = "MIPRES_PENDING_READ"): RecordPolicy => ({
  allowed: RecordAudience.CLINICAL_WITH_CONCERNED_IPS,
  action,
  sensitive: true,
  concernedIps: [pending.dispenserIpsCode],
});

/** Who registers and delivers pendientes: the dispenser, or staff; never the member. */
export const DELIVERERS: readonly MemberRelation[] = [MemberRelation.CONCERNED_IPS, MemberRelation.AGENT];

/** A pendiente by id, before its access check; not there answers like not yours. */
export async function loadPending(ctx: Context, id: string): Promise<PendingDeliveryDoc> {
  requireViewer(ctx.viewer);
  const pending = await ctx.loaders.pendingDeliveryById.load(id);
  if (!pending) throw notYours();
  return pending;
}

/** After a write: the request's loaders answer what the database now holds. */
export function pendingWritten(ctx: Context, pending: PendingDeliveryDoc): PendingDeliveryDoc {
  ctx.loaders.pendingDeliveryById.clear(pending._id).prime(pending._id, pending);
  ctx.loaders.pendingDeliveriesOfMember.clear(pending.memberId);
  return pending;
}

export function prescriptionWritten(ctx: Context, prescription: PrescriptionDoc): void {
  ctx.loaders.prescriptionByNumber.clear(prescription._id).prime(prescription._id, prescription);
  ctx.loaders.prescriptionsOfMember.clear(prescription.memberId);
}
