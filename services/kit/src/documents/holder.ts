import type { Connection } from "mongoose";
import { AppError, ErrorCode, badUserInput } from "../errors.js";
import { enqueueEmail, maskEmail } from "../mail/outbox.js";
import type { Peers } from "../subgraph/peers.js";
import type { IssuedCertificate } from "./issuer.js";

/** The person a certificate names, as affiliation knows them. */
export interface CertificateHolder {
  fullName: string;
  documentType: string;
  documentNumber: string;
  email: string | null;
}

const HOLDER = `query($id: ID!) { member(id: $id) { fullName documentType documentNumber } }`;
// Only when the certificate is to be e-mailed: an employer may not read the contact (and asks no e-mail).
const HOLDER_WITH_EMAIL = `query($id: ID!) { member(id: $id) { fullName documentType documentNumber contact { email } } }`;

/**
 * For a subgraph other than affiliation: the holder's name and document (and e-mail, to send it there),
 * asked of affiliation with the caller's own credentials, so affiliation's rules apply to the same viewer.
 * Refuses sending by e-mail to a member without an address, before anything is issued.
 */
export async function certificateHolder(peers: Peers, memberId: string, options: { sendByEmail: boolean }): Promise<CertificateHolder> {
  const { member } = await peers.query<{ member: { fullName: string; documentType: string; documentNumber: string; contact?: { email: string | null } | null } | null }>(
    "affiliation",
    options.sendByEmail ? HOLDER_WITH_EMAIL : HOLDER,
    { id: memberId },
  );
  if (!member) throw new AppError(ErrorCode.CONFLICT, "El afiliado no está en la base de afiliados.");
  const email = member.contact?.email ?? null;
  if (options.sendByEmail && !email) throw badUserInput({ field: "sendByEmail", message: "El afiliado no tiene un correo registrado: actualice sus datos de contacto, o descargue el certificado." });
  return { fullName: member.fullName, documentType: member.documentType, documentNumber: member.documentNumber, email };
}

/** Queues the certificate's PDF to the holder's address, when asked and there is one; answers what was issued, with where it goes (masked). */
export async function sendCertificate(
  connection: Connection,
  issued: IssuedCertificate,
  to: { memberId: string; name: string; email: string | null; sendByEmail: boolean },
  message: { subject: string; filename: string },
): Promise<IssuedCertificate> {
  if (!to.sendByEmail || !to.email) return issued;
  // One message per certificate: a retried request (or two at once) queues it once, and a retry that asks
  // for the e-mail the first did not ask for queues it then.
  await enqueueEmail(connection, {
    id: `certificate:${issued.code}`,
    to: to.email,
    memberId: to.memberId,
    subject: `${message.subject} · S.O.S. EPS`,
    body: `Adjuntamos el documento «${message.subject}» de ${to.name}, expedido hoy. Su código de verificación es ${issued.code}: cualquiera puede comprobarlo en la dirección impresa en él.`,
    attachments: [{ filename: `${message.filename}-${issued.code}.pdf`, certificateCode: issued.code }],
  });
  return { ...issued, emailedTo: maskEmail(to.email) };
}
