import { MemberRelation, badUserInput, certificateHolder, forbidden, requireAgentPurpose, requireRole, sendCertificate, type IssuedCertificate } from "@sos/kit";
import { PAC, type CONTRIBUTIONS, authorize } from "../access.js";
import type { Context } from "../context.js";

// What every certificate of this subgraph shares: who may ask for whose, the holder as affiliation knows
// them (the kit's certificateHolder), the figures as pesos, and the copy by e-mail (the kit's sendCertificate).

/** Pesos as the graph writes them to people (the PSE page does the same): "$1.234.567". */
export const pesos = (amount: number): string => `$${amount.toLocaleString("es-CO")}`;

export const MONTHS = ["Enero", "Febrero", "Marzo", "Abril", "Mayo", "Junio", "Julio", "Agosto", "Septiembre", "Octubre", "Noviembre", "Diciembre"] as const;

export interface CertificateSubject {
  /** The member the certificate is about. */
  id: string;
  /** How the viewer relates to them. */
  relation: MemberRelation;
  /** An employer's view: only what it paid as aportante (its NIT); null for everyone else. */
  aportanteNit: string | null;
  /** Who asked and the client's key for the request: a retry answers the certificate already issued. */
  idempotency: { requester: string; key: string | null };
}

/**
 * The member a certificate is about (without memberId, the caller's own) and the viewer's right to it:
 * the roles the policy admits (the PAC never to an employer), the policy's relations, recorded in the
 * access ledger under `action` when it is someone else's, an agent's purpose. An employer downloads;
 * it cannot have a certificate sent to the member.
 */
export async function certificateSubject(
  ctx: Context,
  request: { memberId?: string | null; sendByEmail: boolean; idempotencyKey: string | null | undefined; policy: typeof CONTRIBUTIONS | typeof PAC; action: string },
): Promise<CertificateSubject> {
  const viewer = request.policy === PAC ? requireRole(ctx.viewer, "MEMBER", "AGENT") : requireRole(ctx.viewer, "MEMBER", "EMPLOYER", "AGENT");
  const key = request.idempotencyKey ?? null;
  if (request.sendByEmail && viewer.role === "EMPLOYER") {
    throw badUserInput({ field: "sendByEmail", message: "El certificado se envía solo al correo del afiliado: descárguelo, o pídale que lo solicite." });
  }
  const id = request.memberId ?? viewer.memberId;
  if (!id) throw badUserInput({ field: "memberId", message: "Indique el afiliado (memberId)." });
  const relation = await authorize(ctx, id, request.policy, request.action);
  requireAgentPurpose(ctx);
  const idempotency = { requester: viewer.subject, key };
  if (relation !== MemberRelation.EMPLOYER) return { id, relation, aportanteNit: null, idempotency };
  if (!viewer.employerNit) throw forbidden();
  return { id, relation, aportanteNit: viewer.employerNit, idempotency };
}

/** What a certificate says, before it knows whose it is. */
export interface CertificateDraft {
  /** The register's type: AFILIACION_PAC, CARTERA, … */
  type: string;
  /** What verification shows anyone holding the code: the type and period or state; no amounts, no names. */
  certifies: string;
  validUntil: string | null;
  title: string;
  /** What is certified, after "S.O.S. EPS certifica que <name>, identificado(a) con <document>, ". */
  statement: string;
  lines: readonly { label: string; value: string }[];
  /** The e-mail's subject (also what the message calls the document) and the PDF's file name, without the code. */
  mail: { subject: string; filename: string };
}

/**
 * Issues a certificate about the subject in the holder's name and document (asked of affiliation), and,
 * with `sendByEmail`, queues it to their registered address (BAD_USER_INPUT without one, before anything
 * is issued). A retry with the same idempotency key answers the certificate already issued, sent once.
 */
export async function issueToHolder(ctx: Context, subject: CertificateSubject, sendByEmail: boolean, draft: CertificateDraft): Promise<IssuedCertificate> {
  const holder = await certificateHolder(ctx.peers, subject.id, { sendByEmail });
  const issued = await ctx.certificates.issue({
    type: draft.type,
    memberId: subject.id,
    certifies: draft.certifies,
    validUntil: draft.validUntil,
    idempotency: subject.idempotency,
    content: {
      title: draft.title,
      holder: { name: holder.fullName, documentType: holder.documentType, documentNumber: holder.documentNumber },
      statement: `S.O.S. EPS certifica que ${holder.fullName}, identificado(a) con ${holder.documentType} ${holder.documentNumber}, ${draft.statement}`,
      lines: draft.lines,
    },
  });
  return sendCertificate(ctx.connection, issued, { memberId: subject.id, name: holder.fullName, email: holder.email, sendByEmail }, draft.mail);
}
