import { badUserInput } from "@sos/kit";
import type { Context } from "../context.js";

/**
 * A clinic named by a caller (the requesting clinic of a member's request, an approval's destination)
 * must be one the directory — the one source of truth for clinics — lists as active: naming a clinic
 * gives it the record (CONCERNED_IPS), so a made-up or retired code is refused, naming the field.
 */
export async function activeClinic(ctx: Context, habilitationCode: string, field: string): Promise<string> {
  const { ips } = await ctx.peers.query<{ ips: { habilitationCode: string; active: boolean } | null }>(
    "directory",
    "query($code: ID!) { ips(habilitationCode: $code) { habilitationCode active } }",
    { code: habilitationCode },
  );
  if (!ips?.active) throw badUserInput({ field, message: `La IPS ${habilitationCode} no está activa en la red de S.O.S.` });
  return ips.habilitationCode;
}
