import { durableTransaction } from "@sos/kit";
import type { Connection } from "mongoose";
import type { Models } from "../context.js";
import { AffiliationState, MemberType } from "../member/member.enums.js";
import type { MemberDoc } from "../member/member.model.js";
import { notify, outboxMessage } from "../outbox/outbox.model.js";

export const SYSTEM = "sistema";
/** Members ended per run: a bounded batch; the next run (an hour later) takes the rest. */
export const PROTECTION_BATCH = 500;

/**
 * Ends the protections whose last day is before `today`: each member (cotizantes and the beneficiaries
 * that followed them, who carry the same last day) becomes RETIRADO with the novedad in their history,
 * and a cotizante is told — one transaction each, guarded by the state, so a protection ends once
 * whichever replica runs the job and however often. Returns how many ended.
 */
export async function endLaborProtections(connection: Connection, models: Models, today: string, at: Date = new Date()): Promise<number> {
  const due = await models.members
    // The (state, protectionUntil) index: the protected members, then the range of their last days.
    .find({ state: AffiliationState.PROTECCION_LABORAL, protectionUntil: { $lt: today } })
    .limit(PROTECTION_BATCH)
    .lean<MemberDoc[]>()
    .exec();
  let ended = 0;
  for (const member of due) {
    ended += await durableTransaction(connection, async (session) => {
      const moved = await models.members.updateOne(
        { _id: member._id, state: AffiliationState.PROTECCION_LABORAL, protectionUntil: member.protectionUntil },
        {
          $set: { state: AffiliationState.RETIRADO, protectionUntil: null, retirement: { reason: "FIN_PROTECCION_LABORAL", at, by: SYSTEM } },
          $push: { stateHistory: { state: AffiliationState.RETIRADO, at, reason: "FIN_PROTECCION_LABORAL", by: SYSTEM } },
        },
        { session },
      );
      if (moved.modifiedCount !== 1) return 0;
      if (member.memberType === MemberType.COTIZANTE) {
        await notify(models.outbox, session, outboxMessage(member, { memberId: member._id }, "Terminó su protección laboral", `Su protección laboral terminó el ${member.protectionUntil}: su afiliación a S.O.S. y la de su grupo familiar quedan retiradas. Si tiene un nuevo empleo o contrato, su empleador lo afilia; también puede afiliarse con «Quiero afiliarme».`, at));
      }
      return 1;
    });
  }
  return ended;
}
