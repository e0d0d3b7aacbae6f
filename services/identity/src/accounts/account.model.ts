import type { Role } from "@sos/kit";
import { Schema, type Connection, type Model } from "mongoose";

/** A role the account may act as, with what scopes it (a member's id; an employer's NIT). */
export interface Profile {
  role: Role;
  memberId?: string | null;
  employerNit?: string | null;
}

export const AccountStatus = { PENDIENTE: "PENDIENTE", ACTIVA: "ACTIVA", DESHABILITADA: "DESHABILITADA" } as const;
export type AccountStatus = (typeof AccountStatus)[keyof typeof AccountStatus];

/**
 * A person's account. PENDIENTE until the e-mail code confirms it (a staff account: until its first
 * password is set); DESHABILITADA by an administrator. The e-mail, lower-case, is the user name.
 */
export interface AccountDoc {
  _id: string;
  email: string;
  /** Argon2id (PHC string); null until a staff member sets their first password. */
  passwordHash: string | null;
  status: AccountStatus;
  profiles: Profile[];
  createdAt: Date;
  /** Who created it: "self" (registration) or the administrator's subject. */
  createdBy: string;
  /** A member account's member, to find "the account of this member". */
  memberId: string | null;
  /** While PENDIENTE: when the unconfirmed account is removed (null once confirmed). */
  pendingUntil?: Date | null;
}

/** How long an account may wait for its confirmation before the server removes it. */
export const PENDING_DAYS = 7;
export const pendingUntil = (now = new Date()): Date => new Date(now.getTime() + PENDING_DAYS * 24 * 3600_000);

const accountSchema = new Schema<AccountDoc>(
  {
    _id: String,
    email: { type: String, required: true },
    passwordHash: { type: String, default: null },
    status: { type: String, enum: Object.values(AccountStatus), required: true },
    profiles: [{ _id: false, role: { type: String, required: true }, memberId: { type: String, default: null }, employerNit: { type: String, default: null } }],
    createdAt: { type: Date, required: true },
    createdBy: { type: String, required: true },
    memberId: { type: String, default: null },
    pendingUntil: { type: Date, default: null },
  },
  { collection: "accounts", versionKey: false, writeConcern: { w: "majority", j: true } },
);
accountSchema.index({ email: 1 }, { unique: true });
// A member's account. (One per member follows from the unique e-mail: registration needs the e-mail on file.)
accountSchema.index({ memberId: 1 });
// Unconfirmed accounts are removed a week on (MongoDB's TTL monitor skips documents whose date is null).
accountSchema.index({ pendingUntil: 1 }, { expireAfterSeconds: 0 });

export type AccountModel = Model<AccountDoc>;
export const accountModel = (connection: Connection): AccountModel =>
  connection.models["Account"] ?? connection.model<AccountDoc>("Account", accountSchema);

export const normalEmail = (email: string): string => email.trim().toLowerCase();
