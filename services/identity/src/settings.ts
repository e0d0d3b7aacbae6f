import { ConfigError, isProduction } from "@sos/kit";

/** The identity subgraph's own configuration, read once at start (README.md, "Configuration"). */
export interface IdentitySettings {
  /** SMTP_URL: where one-time codes are sent from (smtp://user:pass@host:port). */
  smtpUrl: string;
  /** MAIL_FROM: the sender members see. */
  mailFrom: string;
  /** PUBLIC_ORIGIN: the gateway's origin, where clients find the key set and the token endpoint. */
  publicOrigin: string;
  /** Minutes an access token lives (ACCESS_TOKEN_MINUTES, default 15). */
  accessTokenMinutes: number;
  /** Minutes a partner clinic's token lives (CLIENT_TOKEN_MINUTES, default 10). */
  clientTokenMinutes: number;
  /** Days a refresh token lives unused (REFRESH_TOKEN_DAYS, default 30). */
  refreshTokenDays: number;
  /** Days a signing key signs before a new one takes over (SIGNING_KEY_DAYS, default 30). */
  signingKeyDays: number;
  /** Minutes a one-time code is valid (CODE_MINUTES, default 15). */
  codeMinutes: number;
}

function wholeNumber(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got "${raw}".`);
  return value;
}

export function readIdentitySettings(env: NodeJS.ProcessEnv): IdentitySettings {
  const smtpUrl = env["SMTP_URL"]?.trim();
  if (!smtpUrl && isProduction(env)) throw new ConfigError("SMTP_URL is required in production: one-time codes are sent by e-mail.");
  return {
    // Development: the mail catcher `npm start` runs (schema/subgraphs.yaml, identity's standIn).
    smtpUrl: smtpUrl || "smtp://127.0.0.1:1025",
    mailFrom: env["MAIL_FROM"]?.trim() || "S.O.S. Oficina Virtual <no-responder@sos-eps.example>",
    publicOrigin: (env["PUBLIC_ORIGIN"]?.trim() || "http://127.0.0.1:4000").replace(/\/$/, ""),
    accessTokenMinutes: wholeNumber(env, "ACCESS_TOKEN_MINUTES", 15, 1, 720),
    clientTokenMinutes: wholeNumber(env, "CLIENT_TOKEN_MINUTES", 10, 1, 60),
    refreshTokenDays: wholeNumber(env, "REFRESH_TOKEN_DAYS", 30, 1, 365),
    signingKeyDays: wholeNumber(env, "SIGNING_KEY_DAYS", 30, 1, 365),
    codeMinutes: wholeNumber(env, "CODE_MINUTES", 15, 5, 60),
  };
}
