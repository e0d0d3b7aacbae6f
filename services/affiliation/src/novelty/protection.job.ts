import { DURABLE } from "@sos/kit";
import type { Models } from "../context.js";
import { AffiliationState } from "../member/member.enums.js";

export const SYSTEM = "sistema";

/**
 * Ends the protections whose last day is before `today`: the members (cotizantes and the beneficiaries
 * that followed them, who carry the same last day) become RETIRADO, with the novedad in their history.
 * Idempotent: a protection ends once, whoever runs the job and however often.
 */
export async function endLaborProtections(models: Models, today: string, at: Date = new Date()): Promise<number> {
  const ended = await models.members
    .updateMany(
      // The (state, protectionUntil) index: the protected members, then the range of their last days.
      { state: AffiliationState.PROTECCION_LABORAL, protectionUntil: { $lt: today } },
      {
        $set: { state: AffiliationState.RETIRADO, protectionUntil: null, retirement: { reason: "FIN_PROTECCION_LABORAL", at, by: SYSTEM } },
        $push: { stateHistory: { state: AffiliationState.RETIRADO, at, reason: "FIN_PROTECCION_LABORAL", by: SYSTEM } },
      },
      DURABLE,
    )
    .exec();
  return ended.modifiedCount;
}
