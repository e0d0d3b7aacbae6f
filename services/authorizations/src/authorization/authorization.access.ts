import { RecordAudience, authorizeMemberRecord, notYours } from "@sos/kit";
import type { Context } from "../context.js";
import type { AuthorizationDoc } from "./authorization.model.js";

/**
 * Who sees an authorization (docs/access.md): the member, the carer of a minor, the clinics it names
 * (requesting and destination) and agents with a purpose; never the employer or an analyst. It holds
 * diagnoses: every read is written to the access ledger.
 */
export const AUTHORIZATION_POLICY = { allowed: RecordAudience.CLINICAL_WITH_CONCERNED_IPS, action: "AUTHORIZATION_READ", sensitive: true } as const;

/** Who may ask for one for a member: the member, the carer of a minor, agents (clinics: see requestAuthorization). */
export const REQUEST_POLICY = { allowed: RecordAudience.CLINICAL, action: "AUTHORIZATION_REQUEST", sensitive: true } as const;

export const concernedIpsOf = (authorization: AuthorizationDoc): string[] =>
  [authorization.requestingIpsCode, authorization.destinationIpsCode].filter((code): code is string => !!code);

/** The gate for one authorization: found and yours, or the same FORBIDDEN either way. */
export async function authorizedAuthorization(ctx: Context, authorization: AuthorizationDoc | null, action: string = AUTHORIZATION_POLICY.action): Promise<AuthorizationDoc> {
  if (!authorization) throw notYours();
  await authorizeMemberRecord(ctx, authorization.memberId, { ...AUTHORIZATION_POLICY, action, concernedIps: concernedIpsOf(authorization) });
  return authorization;
}

/** After a write: the request's loaders answer what the database now holds. */
export function authorizationWritten(ctx: Context, authorization: AuthorizationDoc): void {
  ctx.loaders.authorizationByNumber.clear(authorization._id).prime(authorization._id, authorization);
  ctx.loaders.authorizationsOfMember.clear(authorization.memberId);
}
