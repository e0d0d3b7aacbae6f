import { extractText, getDocumentProxy } from "unpdf";
import { describe, expect, it } from "vitest";
import { type CertificateContent, renderCertificatePdf } from "../src/documents/certificate-pdf.js";

const certificate = (code: string): CertificateContent => ({
  title: "Certificado de afiliación al Plan de Beneficios en Salud (PBS)",
  holder: { name: "María Fernanda Valencia Muñoz", documentType: "CC", documentNumber: "1144000001" },
  statement: "S.O.S. EPS certifica que la persona identificada arriba se encuentra afiliada al Plan de Beneficios en Salud, con la información que se detalla a continuación.",
  lines: [
    { label: "Estado", value: "ACTIVO" },
    { label: "Régimen", value: "CONTRIBUTIVO" },
  ],
  // 22:30 on 30 November in Bogotá, already 1 December in UTC.
  issuedAt: new Date("2026-12-01T03:30:00Z"),
  validUntil: "2026-12-31",
  code,
  verifyUrl: `https://oficinavirtual.sos.com.co/verificar/${code}`,
});

const readBack = async (pdf: Buffer) => {
  const document = await getDocumentProxy(new Uint8Array(pdf));
  const { totalPages, text } = await extractText(document, { mergePages: true });
  const { info } = await document.getMetadata();
  return { totalPages, text, info: info as Record<string, unknown> };
};

// The bytes of every image XObject's stream, to compare the QR codes rather than whole files. pdfkit
// stores the PNG as two images, the colour one and its alpha channel as an /SMask; the alpha is the same
// fully opaque square for every code, so only the pair tells two QR codes apart.
const imageStreams = (pdf: Buffer): Buffer => {
  const raw = pdf.toString("latin1");
  const streams: Buffer[] = [];
  for (let at = raw.indexOf("/Subtype /Image"); at >= 0; at = raw.indexOf("/Subtype /Image", at + 1)) {
    const start = raw.indexOf("stream\n", at) + "stream\n".length;
    streams.push(pdf.subarray(start, raw.indexOf("\nendstream", start)));
  }
  return Buffer.concat(streams);
};

describe("the certificate PDF", () => {
  it("renders one page whose text reads back with its accents, code, link and date", async () => {
    const pdf = await renderCertificatePdf(certificate("AF-7K3Q-9XW2-M4TD"));
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(pdf.includes("/Subtype /Image")).toBe(true);

    const { totalPages, text, info } = await readBack(pdf);
    expect(totalPages).toBe(1);
    for (const expected of [
      "S.O.S. Servicio Occidental de Salud S.A. — EPS",
      "NIT 805.001.157-2",
      "Certificado de afiliación al Plan de Beneficios en Salud (PBS)",
      "María Fernanda Valencia Muñoz",
      "1144000001",
      "ACTIVO",
      "Régimen",
      "CONTRIBUTIVO",
      "Fecha de expedición: 30 de noviembre de 2026",
      "Válido hasta: 31 de diciembre de 2026",
      "AF-7K3Q-9XW2-M4TD",
      "https://oficinavirtual.sos.com.co/verificar/AF-7K3Q-9XW2-M4TD",
    ]) {
      expect(text).toContain(expected);
    }
    expect(info).toMatchObject({ Title: "Certificado de afiliación al Plan de Beneficios en Salud (PBS)", Author: "S.O.S. EPS", Subject: "AF-7K3Q-9XW2-M4TD" });
  });

  it("renders the same bytes for the same content and a different QR code for a different code", async () => {
    const [first, again, other] = await Promise.all([
      renderCertificatePdf(certificate("AF-7K3Q-9XW2-M4TD")),
      renderCertificatePdf(certificate("AF-7K3Q-9XW2-M4TD")),
      renderCertificatePdf(certificate("AF-2BHN-Q8RC-5ZPL")),
    ]);
    expect(again.equals(first)).toBe(true);
    expect(other.equals(first)).toBe(false);
    expect(imageStreams(other).length).toBeGreaterThan(0);
    expect(imageStreams(other).equals(imageStreams(first))).toBe(false);
  });

  it("refuses a body too long for one page rather than print it under the QR code", async () => {
    const long = { ...certificate("AF-7K3Q-9XW2-M4TD"), lines: Array.from({ length: 60 }, (_, i) => ({ label: `Periodo ${i + 1}`, value: "2026-01, sin pagar" })) };
    await expect(renderCertificatePdf(long)).rejects.toThrow(/does not fit on one page/);
  });
});
