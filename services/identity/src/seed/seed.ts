import { createLogger, type Logger, type SeedResult } from "@sos/kit";
import { PERSONAS, PERSONA_EMPLOYER_NIT, PERSONA_IDS, PERSONA_IPS_CODE } from "@sos/personas";
import type { Connection } from "mongoose";
import { AccountStatus, type AccountDoc, type Profile } from "../accounts/account.model.js";
import { hashPassword } from "../accounts/passwords.js";
import { hashSecret, type IpsClientDoc } from "../clients/ips-client.model.js";
import { createModels } from "../context.js";

/** Every development account's password (never in production: the seed runs only on development stacks). */
export const DEV_PASSWORD = "Oficina-virtual-2026";
/** The persona clinic's machine client in development. */
export const DEV_IPS_CLIENT = { clientId: `ips-${PERSONA_IPS_CODE}-dev`, clientSecret: "dev-ips-client-secret-not-for-production" } as const;

/**
 * The personas' accounts, with the subjects the dev tokens use (so a signed-in persona is the same user
 * as `npm run token -- member`), by e-mail: María Fernanda and her spouse with the e-mails affiliation
 * holds, the employer's payroll contact, and one of each staff role. Jorge Mosquera (otherMember) is left
 * unregistered, for trying registration.
 */
export const DEV_ACCOUNTS: { subject: string; email: string; profile: Profile }[] = [
  { subject: PERSONAS["member"]!.subject, email: "mariafernanda.valencia@correo.example", profile: { role: "MEMBER", memberId: PERSONA_IDS.member } },
  { subject: PERSONAS["beneficiary"]!.subject, email: "andres.rodriguez86@example.com", profile: { role: "MEMBER", memberId: PERSONA_IDS.beneficiary } },
  { subject: PERSONAS["employer"]!.subject, email: "nomina@confecciones-saman.example", profile: { role: "EMPLOYER", employerNit: PERSONA_EMPLOYER_NIT } },
  { subject: PERSONAS["agent"]!.subject, email: "agente@sos-eps.example", profile: { role: "AGENT" } },
  { subject: PERSONAS["analyst"]!.subject, email: "analista@sos-eps.example", profile: { role: "ANALYST" } },
  { subject: "user-auditor-0001", email: "auditor@sos-eps.example", profile: { role: "AUDITOR" } },
  { subject: "user-admin-0001", email: "admin@sos-eps.example", profile: { role: "ADMIN" } },
];

export async function seedIdentity(connection: Connection, options: { logger?: Logger } = {}): Promise<SeedResult> {
  const logger = options.logger ?? createLogger("seed");
  // Known passwords, an administrator among them: never where real people's data is.
  if (process.env["NODE_ENV"] === "production" && process.env["SEED_DEV_ACCOUNTS"] !== "true") {
    logger.warn("identity: not seeding the development accounts in production (SEED_DEV_ACCOUNTS=true on a trial stack)");
    return { created: false };
  }
  const models = createModels(connection);
  if (await models.accounts.exists({ _id: DEV_ACCOUNTS[0]!.subject })) return { created: false };
  const passwordHash = await hashPassword(DEV_PASSWORD);
  const now = new Date();
  const accounts: AccountDoc[] = DEV_ACCOUNTS.map(({ subject, email, profile }) => ({
    _id: subject,
    email,
    passwordHash,
    status: AccountStatus.ACTIVA,
    profiles: [profile],
    createdAt: now,
    createdBy: "seed",
    memberId: profile.memberId ?? null,
  }));
  const client: IpsClientDoc = {
    _id: DEV_IPS_CLIENT.clientId,
    ipsCode: PERSONA_IPS_CODE,
    name: "Sistema de admisiones (desarrollo)",
    secretHash: hashSecret(DEV_IPS_CLIENT.clientSecret),
    previousSecretHash: null,
    previousValidUntil: null,
    createdAt: now,
    createdBy: "seed",
    rotatedAt: null,
    revokedAt: null,
  };
  // The persona member's account last: its presence means the seed finished.
  await models.ipsClients.insertMany([client]);
  await models.accounts.insertMany([...accounts.slice(1), accounts[0]!]);
  logger.info({ accounts: accounts.length, password: DEV_PASSWORD, ipsClient: DEV_IPS_CLIENT.clientId }, "identity seeded with the personas' development accounts");
  return { created: true };
}
