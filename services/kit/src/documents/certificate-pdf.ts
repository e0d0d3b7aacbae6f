import PDFDocument from "pdfkit";
import QRCode from "qrcode";

export interface CertificateContent {
  /** e.g. "Certificado de afiliación al Plan de Beneficios en Salud (PBS)" */
  title: string;
  holder: { name: string; documentType: string; documentNumber: string };
  /** The paragraph of what is certified, in Spanish. */
  statement: string;
  /** Figures and facts, in order: { label: "Estado", value: "ACTIVO" }, … */
  lines: readonly { label: string; value: string }[];
  /** Date of issue (shown in Colombian time, America/Bogota, as e.g. "30 de noviembre de 2026"). */
  issuedAt: Date;
  /** YYYY-MM-DD or null */
  validUntil: string | null;
  /** Verification code, e.g. "SOS-7K3QX-9XW2M-M4TDA" */
  code: string;
  /** Where anyone checks it (the QR code encodes this URL) */
  verifyUrl: string;
}

// The instant of issue is read in Bogotá time: a certificate issued at 22:00 on 30 November in Cali
// is already 1 December in UTC, and the member must see the date of their own calendar.
const issueDate = new Intl.DateTimeFormat("es-CO", { timeZone: "America/Bogota", day: "numeric", month: "long", year: "numeric" });
// validUntil is a calendar date without a time, so it is formatted in UTC to keep the day it names.
const calendarDate = new Intl.DateTimeFormat("es-CO", { timeZone: "UTC", day: "numeric", month: "long", year: "numeric" });

const formatCalendarDate = (date: string): string => {
  const [year, month, day] = date.split("-").map(Number);
  if (!year || !month || !day) throw new RangeError(`validUntil must be YYYY-MM-DD, got "${date}"`);
  return calendarDate.format(new Date(Date.UTC(year, month - 1, day)));
};

const MARGIN = 56;
const QR_SIZE = 96;
const INK = "#1a1a1a";
const MUTED = "#555555";
const BRAND = "#00539b";

/**
 * Renders a one-page A4 certificate. The same content renders the same bytes (pdfkit derives the file
 * ID from the document info, and CreationDate is issuedAt, not "now"), so its SHA-256 in the register
 * identifies the PDF as issued.
 */
export async function renderCertificatePdf(content: CertificateContent): Promise<Buffer> {
  const qr = await QRCode.toBuffer(content.verifyUrl, { type: "png", errorCorrectionLevel: "M", margin: 1 });

  // Only the standard 14 fonts are used: pdfkit ships their metrics, they need no embedding, and their
  // WinAnsi encoding covers the Spanish letters (á é í ó ú ü ñ ¿ ¡) and the em dash of the heading.
  const doc = new PDFDocument({
    size: "A4",
    margin: MARGIN,
    font: "Helvetica",
    info: { Title: content.title, Author: "S.O.S. EPS", Subject: content.code, CreationDate: content.issuedAt },
  });

  let pages = 1;
  doc.on("pageAdded", () => pages++);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  const left = MARGIN;
  const width = doc.page.width - 2 * MARGIN;

  // Heading: who issues the document.
  doc.fillColor(BRAND).font("Helvetica-Bold").fontSize(14).text("S.O.S. Servicio Occidental de Salud S.A. — EPS", left, MARGIN, { width });
  doc.fillColor(MUTED).font("Helvetica").fontSize(9).text("NIT 805.001.157-2").text("Oficina Virtual");
  doc.moveDown(0.5);
  doc.moveTo(left, doc.y).lineTo(left + width, doc.y).lineWidth(0.75).strokeColor(BRAND).stroke();
  doc.moveDown(1.5);

  doc.fillColor(INK).font("Helvetica-Bold").fontSize(16).text(content.title, left, doc.y, { width, align: "center" });
  doc.moveDown(1.5);

  doc.font("Helvetica-Bold").fontSize(12).text(content.holder.name, { width });
  doc.font("Helvetica").fontSize(10).fillColor(MUTED).text(`${content.holder.documentType} ${content.holder.documentNumber}`, { width });
  doc.moveDown(1);

  doc.fillColor(INK).fontSize(11).text(content.statement, { width, align: "justify", lineGap: 2 });
  doc.moveDown(1);

  // Two columns: the label on the left, the value beside it on the same baseline; a long value wraps
  // within its column and the next row starts below whichever column ended lower.
  const labelWidth = 170;
  const valueX = left + labelWidth + 12;
  const valueWidth = left + width - valueX;
  for (const line of content.lines) {
    const top = doc.y;
    doc.font("Helvetica").fontSize(10).fillColor(MUTED).text(line.label, left, top, { width: labelWidth });
    const labelBottom = doc.y;
    doc.font("Helvetica-Bold").fillColor(INK).text(line.value, valueX, top, { width: valueWidth });
    doc.y = Math.max(labelBottom, doc.y) + 4;
  }
  doc.moveDown(1);

  doc.font("Helvetica").fontSize(10).fillColor(INK).text(`Fecha de expedición: ${issueDate.format(content.issuedAt)}`, left, doc.y, { width });
  if (content.validUntil !== null) doc.text(`Válido hasta: ${formatCalendarDate(content.validUntil)}`, { width });

  // The foot is placed from the bottom of the page up, so it stays in place however long the body is.
  const footerY = doc.page.height - MARGIN - 12;
  const qrY = footerY - 16 - QR_SIZE;
  // A certificate is one page: a body that reaches the foot would print under the QR code or spill onto a
  // second page. Callers cap their rows; this refuses rather than issue an unreadable certificate.
  if (doc.y > qrY - 8 || pages > 1) throw new Error(`certificate "${content.title}" does not fit on one page`);
  doc.image(qr, left, qrY, { width: QR_SIZE, height: QR_SIZE });
  const textX = left + QR_SIZE + 16;
  const textWidth = left + width - textX;
  doc.font("Helvetica-Bold").fontSize(10).fillColor(INK).text(`Código de verificación: ${content.code}`, textX, qrY + 28, { width: textWidth });
  doc.font("Helvetica").fontSize(9).fillColor(MUTED).text(`Verifique este certificado en ${content.verifyUrl}`, { width: textWidth });
  doc.fontSize(8).text("Documento generado electrónicamente; su autenticidad se verifica con el código.", left, footerY, { width, align: "center", lineBreak: false });

  doc.end();
  return done;
}
