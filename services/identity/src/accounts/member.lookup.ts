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
/** An employer's payroll contact as affiliation keeps it; null when there is no such employer. */
export async function employerForRegistration(ctx: Context, formattedNit: string): Promise<{ nit: string; payrollContactEmail: string | null } | null> {
  const { token } = await accessToken(ctx.models, ctx.settings, { subject: IDENTITY_SERVICE_SUBJECT, role: "AGENT" }, 1);
  try {
    const data = await ctx.peers.query<{ employer: { nit: string; payrollContactEmail: string | null } | null }>(
      "affiliation",
      `query($nit: String!) { employer(nit: $nit) { nit payrollContactEmail } }`,
      { nit: formattedNit },
      { authorization: `Bearer ${token}`, purpose: "Registro de empleador en la Oficina Virtual: verificación del contacto" },
    );
    return data.employer;
  } catch (error) {
    // Affiliation answers an unknown NIT with NOT_FOUND, which a peer question reports as a failure: the
    // registration answers the same either way, and the failure is logged in case it was an outage.
    ctx.logger.warn({ err: error }, "employer lookup for a registration failed");
    return null;
  }
}

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
