import { conflict } from "@sos/kit";
import type { ClientSession } from "mongoose";
import type { Context } from "../context.js";
import { LEFT_GROUP_STATES } from "../member/member.access.js";
import { type AffiliationState } from "../member/member.enums.js";
import type { MemberDoc, StateChange } from "../member/member.model.js";

export interface StateMove {
  state: AffiliationState;
  reason: string;
  detail?: string;
  protectionUntil?: string | null;
  /** The job ended: the member is no longer the employer's dependent. */
  endsEmployment?: boolean;
}

/** $set and $push of one member's move, with its history entry and, for those leaving, why. */
function moveUpdate(move: StateMove, by: string, at: Date) {
  const change: StateChange = { state: move.state, at, reason: move.reason, by, ...(move.detail && { detail: move.detail }) };
  const leaves = LEFT_GROUP_STATES.includes(move.state);
  return {
    $set: {
      state: move.state,
      protectionUntil: move.protectionUntil ?? null,
      ...(leaves && { retirement: { reason: move.reason, at, by } }),
      ...(move.endsEmployment && { employerNit: null }),
    },
    $push: { stateHistory: change },
  };
}

/**
 * One member's novedad inside the caller's transaction, guarded by the state it was decided on: a
 * concurrent novedad on the same member makes this one a CONFLICT instead of both applying.
 */
export async function moveMember(ctx: Context, session: ClientSession, member: MemberDoc, move: StateMove, by: string, at: Date): Promise<void> {
  const moved = await ctx.models.members.updateOne({ _id: member._id, state: member.state }, moveUpdate(move, by, at), { session }).exec();
  if (moved.modifiedCount !== 1) throw conflict("El afiliado cambió mientras se registraba la novedad: consúltelo de nuevo.");
}

/**
 * The beneficiaries still in a cotizante's group follow the cotizante's novedad (protection, transfer,
 * retirement): one update, inside the caller's transaction (whose group version guards it). Returns who moved.
 */
export async function moveBeneficiaries(ctx: Context, session: ClientSession, group: MemberDoc[], move: StateMove, by: string, at: Date): Promise<string[]> {
  const ids = group.filter((member) => !LEFT_GROUP_STATES.includes(member.state)).map((member) => member._id);
  if (ids.length === 0) return [];
  await ctx.models.members.updateMany({ _id: { $in: ids }, state: { $nin: [...LEFT_GROUP_STATES] } }, moveUpdate(move, by, at), { session }).exec();
  return ids;
}
