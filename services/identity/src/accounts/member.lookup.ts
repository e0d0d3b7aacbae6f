import type { DocumentType } from "@sos/kit";
import type { Context } from "../context.js";
import { accessToken } from "../sessions/sessions.js";

export interface RegistrationCandidate {
  id: string;
  birthDate: string;
  state: string;
  contact: { email: string | null } | null;
}

/** Who the identity service is when it asks affiliation on its own account: an agent that names itself. */
export const IDENTITY_SERVICE_SUBJECT = "service-identity";
const PURPOSE = "Registro de usuario en la Oficina Virtual: verificación de afiliación";

/**
 * The member a registration names, as affiliation knows them — asked with a one-minute token of the
 * identity service itself (the person has no token yet), so the read is recorded in affiliation's ledger
 * with its purpose like any agent's. Null when there is no such member.
 */
export async function memberForRegistration(ctx: Context, documentType: DocumentType, documentNumber: string): Promise<RegistrationCandidate | null> {
  const { token } = await accessToken(ctx.models, ctx.settings, { subject: IDENTITY_SERVICE_SUBJECT, role: "AGENT" }, 1);
  const data = await ctx.peers.query<{ memberByDocument: RegistrationCandidate | null }>(
    "affiliation",
    `query($t: DocumentType!, $n: String!) { memberByDocument(documentType: $t, documentNumber: $n) { id birthDate state contact { email } } }`,
    { t: documentType, n: documentNumber },
    { authorization: `Bearer ${token}`, purpose: PURPOSE },
  );
  return data.memberByDocument;
}
