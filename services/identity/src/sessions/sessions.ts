import { durableTransaction, newId, unauthenticated, type Viewer } from "@sos/kit";
import { createHash, randomBytes } from "node:crypto";
import type { ClientSession, Connection } from "mongoose";
import type { AccountDoc, Profile } from "../accounts/account.model.js";
import type { Models } from "../context.js";
import { keyringOf } from "../keys/keyring.js";
import type { IdentitySettings } from "../settings.js";
import type { RefreshTokenDoc } from "./refresh-token.model.js";

export interface IssuedSession {
  accessToken: string;
  expiresAt: Date;
  refreshToken: string;
  profile: Profile;
  profiles: Profile[];
}

const DAY_MS = 24 * 3600_000;
const hashToken = (token: string): string => createHash("sha256").update(token).digest("hex");

export const viewerOf = (subject: string, profile: Profile): Viewer => ({
  subject,
  role: profile.role,
  ...(profile.memberId && { memberId: profile.memberId }),
  ...(profile.employerNit && { employerNit: profile.employerNit }),
});

/** An access token for `viewer`, signed with the current key, and when it expires. */
export async function accessToken(models: Models, settings: IdentitySettings, viewer: Viewer, minutes: number, now = new Date()): Promise<{ token: string; expiresAt: Date }> {
  const key = await keyringOf(models.signingKeys, settings.signingKeyDays).currentKey(now);
  const token = await key.signer.sign(viewer, `${minutes}m`);
  return { token, expiresAt: new Date(now.getTime() + minutes * 60_000) };
}

/** Writes a refresh token of `familyId` (a new family when absent) and signs its access token. */
async function issue(models: Models, settings: IdentitySettings, account: AccountDoc, profile: Profile, familyId: string, session?: ClientSession): Promise<IssuedSession> {
  const now = new Date();
  const refreshToken = randomBytes(32).toString("base64url");
  const doc: RefreshTokenDoc = {
    _id: hashToken(refreshToken),
    familyId,
    accountId: account._id,
    profile,
    issuedAt: now,
    expiresAt: new Date(now.getTime() + settings.refreshTokenDays * DAY_MS),
    usedAt: null,
    revokedAt: null,
  };
  await models.refreshTokens.create([doc], session ? { session } : {});
  const access = await accessToken(models, settings, viewerOf(account._id, profile), settings.accessTokenMinutes, now);
  return { accessToken: access.token, expiresAt: access.expiresAt, refreshToken, profile, profiles: account.profiles };
}

/** A new session (a new token family) for an account that just proved who it is. */
export const startSession = (models: Models, settings: IdentitySettings, account: AccountDoc, profile: Profile = account.profiles[0] as Profile): Promise<IssuedSession> =>
  issue(models, settings, account, profile, newId());

const ended = () => unauthenticated("Su sesión terminó. Inicie sesión de nuevo.");

export const revokeFamily = (models: Models, familyId: string, now = new Date()): Promise<unknown> =>
  models.refreshTokens.updateMany({ familyId, revokedAt: null }, { $set: { revokedAt: now } }).exec();

/**
 * Spends a refresh token and issues the next of its family — in one transaction, so a crash leaves either
 * the old token usable or the new one issued. A token already spent (or spent by a concurrent request)
 * was copied: the whole family is revoked and both holders must sign in again. `role` switches the
 * session to another of the account's profiles.
 */
export async function rotateSession(connection: Connection, models: Models, settings: IdentitySettings, refreshToken: string, role?: string | null): Promise<IssuedSession> {
  const now = new Date();
  const id = hashToken(refreshToken);
  const current = await models.refreshTokens.findById(id).lean<RefreshTokenDoc>().exec();
  if (!current || current.revokedAt || current.expiresAt <= now) throw ended();
  if (current.usedAt) {
    await revokeFamily(models, current.familyId, now);
    throw unauthenticated("Su sesión se usó desde otro lugar: por seguridad la cerramos. Inicie sesión de nuevo.");
  }
  const account = await models.accounts.findById(current.accountId).lean<AccountDoc>().exec();
  if (!account || account.status !== "ACTIVA") {
    await revokeFamily(models, current.familyId, now);
    throw ended();
  }
  // The profile as the account has it now (a profile an administrator removed is not kept alive by a session).
  const same = (candidate: Profile) => candidate.role === current.profile.role && (candidate.memberId ?? null) === (current.profile.memberId ?? null) && (candidate.employerNit ?? null) === (current.profile.employerNit ?? null);
  const profile = role ? account.profiles.find((candidate) => candidate.role === role) : account.profiles.find(same);
  if (!profile) {
    if (!role) await revokeFamily(models, current.familyId, now);
    throw unauthenticated(role ? `Su cuenta no tiene el perfil ${role}.` : "Su sesión terminó. Inicie sesión de nuevo.");
  }
  const next = await durableTransaction(connection, async (session) => {
    const spent = await models.refreshTokens.updateOne({ _id: id, usedAt: null, revokedAt: null }, { $set: { usedAt: now } }, { session }).exec();
    if (spent.modifiedCount !== 1) return null;
    return issue(models, settings, account, profile, current.familyId, session);
  });
  if (!next) {
    await revokeFamily(models, current.familyId, now);
    throw unauthenticated("Su sesión se usó desde otro lugar: por seguridad la cerramos. Inicie sesión de nuevo.");
  }
  return next;
}

/** Ends the session the refresh token belongs to (its whole family). Unknown tokens change nothing. */
export async function endSession(models: Models, refreshToken: string): Promise<void> {
  const current = await models.refreshTokens.findById(hashToken(refreshToken)).lean<RefreshTokenDoc>().exec();
  if (current) await revokeFamily(models, current.familyId);
}

/** Every session of an account (a password reset, a disabled account). */
export const endAllSessions = (models: Models, accountId: string): Promise<unknown> =>
  models.refreshTokens.updateMany({ accountId, revokedAt: null }, { $set: { revokedAt: new Date() } }).exec();
