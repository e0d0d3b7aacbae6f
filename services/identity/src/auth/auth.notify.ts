import { throttleKey, lockedUntil, recordFailure } from "../accounts/throttle.model.js";
import { issueCode, type CodePurpose } from "../accounts/code.model.js";
import type { Profile } from "../accounts/account.model.js";
import type { Context } from "../context.js";
import { mailerFor } from "@sos/kit";

export const REGISTERED = "Si los datos coinciden con los registrados en S.O.S., enviamos un código de 6 dígitos a ese correo. Escríbalo en «Confirmar correo» con su contraseña. Si no le llega, actualice su correo en una oficina o en la línea 01 8000 938 777.";

/**
 * Sent in the background: the answer must not wait on (nor fail with) the mail server, or its timing and
 * errors would tell who has an account. A failure is logged; the person asks for a new code.
 */
export const mail = (ctx: Context, to: string, subject: string, text: string): void => {
  mailerFor(ctx.settings.smtpUrl, ctx.settings.mailFrom)
    .send({ to, subject, text })
    .catch((error: unknown) => ctx.logger.error({ err: error }, "could not send an identity e-mail"));
};

/**
 * Issues a code unless too many were issued for the account lately (each issue counts; the fifth locks
 * issuing for a minute, doubling): with five guesses per code, this bounds the guesses at any code.
 */
export async function codeFor(ctx: Context, accountId: string, purpose: CodePurpose, bound: { passwordHash?: string | null; profile?: Profile | null } = {}): Promise<string | null> {
  const key = throttleKey("code-issue", accountId);
  if (await lockedUntil(ctx.models.throttle, key)) return null;
  await recordFailure(ctx.models.throttle, key);
  return issueCode(ctx.models.codes, accountId, purpose, ctx.settings.codeMinutes, new Date(), bound);
}

