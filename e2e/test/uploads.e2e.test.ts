// Support documents (issue 29, docs/uploads.md): a ticket from the graph, the bytes PUT through the gateway
// to the subgraph that keeps them (GridFS), checked by content, referred to by an authorization request
// (and by the documents a clinic sends later) or an incapacity claim, listed and downloaded by their member
// only; unreferenced ones expire.
import { expireUploads, type Viewer } from "@sos/kit";
import { errorCodes } from "@sos/kit/testing";
import { PERSONAS, PERSONA_FAMILY_IDS, SEED_IPS } from "@sos/personas";
import { authorizationRequest } from "./fixtures.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStack, type Stack } from "./stack.js";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.close();
});

const member = PERSONAS["member"]!;
const beneficiary = PERSONAS["beneficiary"]!;
const family = PERSONA_FAMILY_IDS;
const authorizations = () => stack.subgraphs["authorizations"]!.connection;
const uploads = () => authorizations().collection("uploads");
const storedFiles = async () => ({ files: await authorizations().collection("uploads.files").countDocuments(), chunks: await authorizations().collection("uploads.chunks").countDocuments() });

const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from("0000000dIHDR fake image body")]);
const EXE = Buffer.concat([Buffer.from("MZ"), Buffer.alloc(300, 0x90)]);
const MB10 = 10 * 1024 * 1024;

interface Ticket {
  uploadId: string;
  uploadPath: string;
  uploadExpiresAt: string;
  maxBytes: number;
}
const TICKET = `mutation($id: ID, $type: SupportDocumentType!, $size: Int!) { requestAuthorizationAttachmentUpload(memberId: $id, contentType: $type, size: $size) { uploadId uploadPath uploadExpiresAt maxBytes } }`;
async function ticket(type: string, size: number, viewer = member, memberId?: string): Promise<Ticket> {
  const result = await stack.query<{ requestAuthorizationAttachmentUpload: Ticket }>(TICKET, { viewer, variables: { type, size, ...(memberId && { id: memberId }) } });
  expect(result.errors).toBeUndefined();
  return result.data!.requestAuthorizationAttachmentUpload;
}
const put = (path: string, body: Buffer) => fetch(`${stack.gatewayBase}${path}`, { method: "PUT", body, headers: { "content-type": "application/octet-stream" } });
async function uploaded(type: string, body: Buffer, viewer = member): Promise<string> {
  const issued = await ticket(type, body.length, viewer);
  const response = await put(issued.uploadPath, body);
  expect(response.status).toBe(201);
  return issued.uploadId;
}

const REQUEST = `mutation($input: RequestAuthorizationInput!) { requestAuthorization(input: $input) { number attachments } }`;
const request = (attachments: string[]) => authorizationRequest({ attachments });
const LIST = `query($id: ID!) { member(id: $id) { supportDocuments(first: 50) { totalCount nodes { id type size state referencedBy expiresAt downloadPath } } } }`;
type Listed = { id: string; type: string; size: number; state: string; referencedBy: string | null; expiresAt: string | null; downloadPath: string };

describe("María Fernanda's support documents", () => {
  let pdfId: string;
  let number: string;

  it("uploads a real PDF through the gateway and refers to it in her authorization request", async () => {
    const issued = await ticket("PDF", PDF.length);
    expect(issued.uploadPath).toMatch(/^\/uploads\/authorizations\?id=UP-[0-9a-f]{24}&expires=\d+&signature=/);
    expect(issued.maxBytes).toBe(PDF.length);
    expect(Date.parse(issued.uploadExpiresAt) - Date.now()).toBeLessThanOrEqual(10 * 60_000);
    const response = await put(issued.uploadPath, PDF);
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ uploadId: issued.uploadId, size: PDF.length, contentType: "application/pdf" });
    pdfId = issued.uploadId;

    const filed = await stack.query<{ requestAuthorization: { number: string; attachments: string[] } }>(REQUEST, { viewer: member, variables: { input: request([pdfId]) } });
    expect(filed.errors).toBeUndefined();
    expect(filed.data!.requestAuthorization.attachments).toEqual([pdfId]);
    number = filed.data!.requestAuthorization.number;
    expect(await uploads().findOne({ _id: pdfId as never })).toMatchObject({ state: "REFERENCIADO", referencedBy: number, expiresAt: null, memberId: family.member });
  });

  it("accepts a PNG declared as a PNG", async () => {
    const issued = await ticket("PNG", PNG.length);
    const response = await put(issued.uploadPath, PNG);
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ contentType: "image/png", size: PNG.length });
  });

  it("refuses a renamed executable declared as a PDF (415), storing nothing", async () => {
    const before = await storedFiles();
    const issued = await ticket("PDF", EXE.length);
    const response = await put(issued.uploadPath, EXE);
    expect(response.status).toBe(415);
    expect(await storedFiles()).toEqual(before);
    expect(await uploads().findOne({ _id: issued.uploadId as never })).toMatchObject({ state: "PENDIENTE", fileId: null, size: null });
  });

  it("refuses 10 MB and one byte (413), and more than was declared, storing nothing", async () => {
    const before = await storedFiles();
    const big = await ticket("PDF", MB10);
    const over = Buffer.alloc(MB10 + 1, 0x20);
    PDF.copy(over);
    expect((await put(big.uploadPath, over)).status).toBe(413);
    const small = await ticket("PDF", PDF.length);
    expect((await put(small.uploadPath, Buffer.concat([PDF, Buffer.from("more than declared")]))).status).toBe(413);
    expect(await storedFiles()).toEqual(before);
    const tooBig = await stack.query(TICKET, { viewer: member, variables: { type: "PDF", size: MB10 + 1 } });
    expect(tooBig.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "size" });
  });

  it("takes a link once: reused after success, or altered, it is 404", async () => {
    const issued = await ticket("PDF", PDF.length);
    expect((await put(issued.uploadPath, PDF)).status).toBe(201);
    expect((await put(issued.uploadPath, PDF)).status).toBe(404);
    const other = await ticket("PDF", PDF.length);
    const altered = other.uploadPath.replace(/expires=(\d+)/, (_match, expires: string) => `expires=${Number(expires) + 1}`);
    expect((await put(altered, PDF)).status).toBe(404);
  });

  it("refuses another member's upload in her request, naming the field", async () => {
    const theirs = await uploaded("PDF", PDF, beneficiary);
    const filed = await stack.query(REQUEST, { viewer: member, variables: { input: request([theirs]) } });
    expect(filed.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.attachments.0" });
    // One already in a request is refused for another request too.
    const again = await stack.query(REQUEST, { viewer: member, variables: { input: request([pdfId]) } });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.attachments.0" });
    expect(await uploads().findOne({ _id: theirs as never })).toMatchObject({ state: "CARGADO", referencedBy: null });
  });

  it("lists and downloads her own documents; her spouse cannot list them", async () => {
    const listed = await stack.query<{ member: { supportDocuments: { totalCount: number; nodes: Listed[] } } }>(LIST, { viewer: member, variables: { id: family.member } });
    expect(listed.errors).toBeUndefined();
    const nodes = listed.data!.member.supportDocuments.nodes;
    expect(nodes.every((node) => node.state !== "PENDIENTE")).toBe(true);
    const pdf = nodes.find((node) => node.id === pdfId);
    expect(pdf).toMatchObject({ type: "PDF", size: PDF.length, state: "REFERENCIADO", referencedBy: number, expiresAt: null });
    const download = await fetch(`${stack.gatewayBase}${pdf!.downloadPath}`);
    expect(download.status).toBe(200);
    expect(download.headers.get("content-type")).toBe("application/pdf");
    expect(Buffer.from(await download.arrayBuffer()).equals(PDF)).toBe(true);
    // The download link is not an upload link, nor the other way round.
    expect((await put(pdf!.downloadPath, PDF)).status).toBe(404);

    const spouse = await stack.query(LIST, { viewer: beneficiary, variables: { id: family.member } });
    expect(errorCodes(spouse)).toContain("FORBIDDEN");
    expect(JSON.stringify(spouse.data ?? {})).not.toContain(pdfId);
  });

  it("expires an unreferenced upload with its content, and keeps a referenced one", async () => {
    const loose = await uploaded("PDF", PDF);
    const { fileId } = (await uploads().findOne({ _id: loose as never }))!;
    const deleted = await expireUploads(authorizations(), { now: new Date(Date.now() + 25 * 60 * 60_000) });
    expect(deleted).toBeGreaterThanOrEqual(1);
    expect(await uploads().findOne({ _id: loose as never })).toBeNull();
    expect(await authorizations().collection("uploads.files").countDocuments({ _id: fileId })).toBe(0);
    expect(await authorizations().collection("uploads.chunks").countDocuments({ files_id: fileId })).toBe(0);
    expect(await uploads().findOne({ _id: pdfId as never })).toMatchObject({ state: "REFERENCIADO" });
    expect(await uploads().countDocuments({ state: { $ne: "REFERENCIADO" } })).toBe(0);
  });
});

describe("an incapacity certificate, kept by the incapacities subgraph", () => {
  const employer = PERSONAS["employer"]!;
  const incapacities = () => stack.subgraphs["incapacities"]!.connection;
  const CERTIFICATE_TICKET = `mutation($id: ID, $type: SupportDocumentType!, $size: Int!) { requestIncapacityCertificateUpload(memberId: $id, contentType: $type, size: $size) { uploadId uploadPath maxBytes } }`;
  const REGISTER = `mutation($input: RegisterIncapacityInput!) { registerIncapacity(input: $input) { number state } }`;
  const today = new Date(Date.now() - 5 * 3_600_000);
  const daysAgo = (n: number) => new Date(today.getTime() - n * 86_400_000).toISOString().slice(0, 10);
  const claim = (attachment: string, startDate: string) => ({
    memberId: family.otherMember,
    type: "ENFERMEDAD_GENERAL",
    startDate,
    days: 3,
    diagnosis: { code: "J069" },
    setting: "AMBULATORIO",
    modality: "PRESENCIAL",
    professional: { name: "Laura Catalina Gómez Ríos", documentNumber: "31456789" },
    ipsCode: SEED_IPS.personaPrimary,
    attachment,
  });
  async function certificate(viewer: typeof member, memberId?: string): Promise<string> {
    const issued = await stack.query<{ requestIncapacityCertificateUpload: Ticket }>(CERTIFICATE_TICKET, { viewer, variables: { type: "PDF", size: PDF.length, ...(memberId && { id: memberId }) } });
    expect(issued.errors, JSON.stringify(issued.errors)).toBeUndefined();
    expect(issued.data!.requestIncapacityCertificateUpload.uploadPath).toMatch(/^\/uploads\/incapacities\?id=UP-[0-9a-f]{24}&/);
    const response = await put(issued.data!.requestIncapacityCertificateUpload.uploadPath, PDF);
    expect(response.status).toBe(201);
    return issued.data!.requestIncapacityCertificateUpload.uploadId;
  }

  it("is uploaded by the employer for its dependent and referred to by the incapacity it registers", async () => {
    const id = await certificate(employer, family.otherMember);
    const stored = await incapacities().collection("uploads").findOne({ _id: id as never });
    expect(stored).toMatchObject({ memberId: family.otherMember, purpose: "INCAPACITY_CERTIFICATE", state: "CARGADO", contentType: "application/pdf", size: PDF.length });
    expect(await incapacities().collection("uploads.files").countDocuments({ _id: stored!["fileId"] })).toBe(1);

    const filed = await stack.query<{ registerIncapacity: { number: string; state: string } }>(REGISTER, { viewer: employer, variables: { input: claim(id, daysAgo(40)) } });
    expect(filed.errors, JSON.stringify(filed.errors)).toBeUndefined();
    const number = filed.data!.registerIncapacity.number;
    expect(await incapacities().collection("incapacities").findOne({ _id: number as never })).toMatchObject({ attachment: id });
    expect(await incapacities().collection("uploads").findOne({ _id: id as never })).toMatchObject({ state: "REFERENCIADO", referencedBy: number, expiresAt: null });
    // One certificate, one claim: another claim cannot take it.
    const again = await stack.query(REGISTER, { viewer: employer, variables: { input: claim(id, daysAgo(30)) } });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.attachment" });
  });

  it("gives no link to whoever may not file the claim: a dependent for themself, an employer for a stranger's", async () => {
    const own = await stack.query(CERTIFICATE_TICKET, { viewer: member, variables: { type: "PDF", size: PDF.length } });
    expect(errorCodes(own)).toEqual(["FORBIDDEN"]);
    const beneficiary = await stack.query(CERTIFICATE_TICKET, { viewer: employer, variables: { id: family.beneficiary, type: "PDF", size: PDF.length } });
    expect(errorCodes(beneficiary)).toEqual(["FORBIDDEN"]);
    const analyst = await stack.query(CERTIFICATE_TICKET, { viewer: PERSONAS["analyst"]!, variables: { id: family.otherMember, type: "PDF", size: PDF.length } });
    expect(errorCodes(analyst)).toEqual(["FORBIDDEN"]);
  });

  it("refuses another member's upload in the claim, naming input.attachment, and writes nothing", async () => {
    // A certificate an agent uploaded for María Fernanda, a support document of hers kept by authorizations,
    // and a made-up id: none is a certificate of the worker the claim is for, and all get the same answer.
    const agent = PERSONAS["agent"]!;
    const purpose = { "x-access-purpose": "Trámite de incapacidades" };
    const issued = await stack.query<{ requestIncapacityCertificateUpload: Ticket }>(CERTIFICATE_TICKET, { viewer: agent, headers: purpose, variables: { id: family.member, type: "PDF", size: PDF.length } });
    expect(issued.errors, JSON.stringify(issued.errors)).toBeUndefined();
    expect((await put(issued.data!.requestIncapacityCertificateUpload.uploadPath, PDF)).status).toBe(201);
    const someoneElses = issued.data!.requestIncapacityCertificateUpload.uploadId;
    const authorizationDocument = await uploaded("PDF", PDF);
    const before = await incapacities().collection("incapacities").countDocuments();
    for (const attachment of [someoneElses, authorizationDocument, `UP-${"ab".repeat(12)}`]) {
      const filed = await stack.query(REGISTER, { viewer: employer, variables: { input: claim(attachment, daysAgo(20)) } });
      expect(filed.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.attachment" });
    }
    expect(await incapacities().collection("incapacities").countDocuments()).toBe(before);
    expect(await incapacities().collection("uploads").findOne({ _id: someoneElses as never })).toMatchObject({ state: "CARGADO", referencedBy: null });
  });
});

describe("documents sent for a request that asked for them", () => {
  const ips = PERSONAS["ips"]!;
  const agent = PERSONAS["agent"]!;
  const AUDIT = { "x-access-purpose": "Auditoría de autorizaciones" };
  async function pendingDocuments(): Promise<string> {
    const filed = await stack.query<{ requestAuthorization: { number: string } }>(REQUEST, { viewer: member, variables: { input: request([]) } });
    expect(filed.errors, JSON.stringify(filed.errors)).toBeUndefined();
    const number = filed.data!.requestAuthorization.number;
    await stack.query(`mutation($n: ID!) { startAuthorizationAudit(number: $n) { state } }`, { viewer: agent, headers: AUDIT, variables: { n: number } });
    const asked = await stack.query<{ decideAuthorization: { state: string } }>(`mutation($input: DecideAuthorizationInput!) { decideAuthorization(input: $input) { state } }`, {
      viewer: agent,
      headers: AUDIT,
      variables: { input: { number, decision: "PENDIENTE_DOCS", reason: "Falta la historia clínica" } },
    });
    expect(asked.data?.decideAuthorization.state).toBe("PENDIENTE_DOCS");
    return number;
  }
  async function clinicUpload(): Promise<string> {
    const issued = await stack.persisted<{ requestAuthorizationAttachmentUpload: Ticket }>("RequestAuthorizationAttachmentUpload", { viewer: ips, variables: { memberId: family.member, contentType: "PDF", size: PDF.length } });
    expect(issued.errors, JSON.stringify(issued.errors)).toBeUndefined();
    expect((await put(issued.data!.requestAuthorizationAttachmentUpload.uploadPath, PDF)).status).toBe(201);
    return issued.data!.requestAuthorizationAttachmentUpload.uploadId;
  }

  it("takes the clinic's uploaded PDF of the patient and refers to it from the request", async () => {
    const number = await pendingDocuments();
    const id = await clinicUpload();
    const sent = await stack.persisted<{ sendAuthorizationDocuments: { state: string } }>("SendAuthorizationDocuments", { viewer: ips, variables: { number, attachments: [id] } });
    expect(sent.errors, JSON.stringify(sent.errors)).toBeUndefined();
    expect(sent.data!.sendAuthorizationDocuments.state).toBe("EN_AUDITORIA");
    expect(await authorizations().collection("authorizations").findOne({ _id: number as never })).toMatchObject({ attachments: [id] });
    expect(await uploads().findOne({ _id: id as never })).toMatchObject({ state: "REFERENCIADO", referencedBy: number, expiresAt: null });
  });

  it("refuses a made-up id, and another patient's upload, naming the position, and changes nothing", async () => {
    const number = await pendingDocuments();
    const madeUp = await stack.persisted("SendAuthorizationDocuments", { viewer: ips, variables: { number, attachments: [`UP-${"cd".repeat(12)}`] } });
    expect(madeUp.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "attachments.0" });
    const notAnId = await stack.persisted("SendAuthorizationDocuments", { viewer: ips, variables: { number, attachments: ["historia-clinica-2026"] } });
    expect(errorCodes(notAnId)).toEqual(["BAD_USER_INPUT"]);
    const mine = await clinicUpload();
    const theirs = await uploaded("PDF", PDF, beneficiary);
    const mixed = await stack.persisted("SendAuthorizationDocuments", { viewer: ips, variables: { number, attachments: [mine, theirs] } });
    expect(mixed.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "attachments.1" });
    expect(await authorizations().collection("authorizations").findOne({ _id: number as never })).toMatchObject({ state: "PENDIENTE_DOCS", attachments: [] });
    expect(await uploads().findOne({ _id: mine as never })).toMatchObject({ state: "CARGADO", referencedBy: null });
  });
});

describe("the support document of a contact-data update (affiliation)", () => {
  const CONTACT_TICKET = `mutation($size: Int!, $id: ID) { requestContactDocumentUpload(memberId: $id, contentType: PDF, size: $size) { uploadId uploadPath } }`;
  const UPDATE = `mutation($input: UpdateContactDataInput!) { updateContactData(input: $input) { id } }`;
  const affiliationUploads = () => stack.connection.collection("uploads");
  const contactUpload = async (viewer: Viewer, memberId?: string, headers?: Record<string, string>): Promise<string> => {
    const ticket = await stack.query<{ requestContactDocumentUpload: { uploadId: string; uploadPath: string } }>(CONTACT_TICKET, {
      viewer,
      ...(headers && { headers }),
      variables: { size: PDF.length, ...(memberId && { id: memberId }) },
    });
    expect(ticket.errors).toBeUndefined();
    expect((await put(ticket.data!.requestContactDocumentUpload.uploadPath, PDF)).status).toBe(201);
    return ticket.data!.requestContactDocumentUpload.uploadId;
  };

  it("is taken by the update that names it; another member's is refused naming the field, and nothing changes", async () => {
    const mine = await contactUpload(member);
    const updated = await stack.query(UPDATE, { viewer: member, variables: { input: { landline: "6024898686", supportDocumentId: mine } } });
    expect(updated.errors).toBeUndefined();
    const stored = await affiliationUploads().findOne({ _id: mine as never });
    expect(stored).toMatchObject({ state: "REFERENCIADO", memberId: family.member, expiresAt: null });
    expect(String(stored?.["referencedBy"])).toMatch(new RegExp(`^contact-update:${family.member}:`));

    const theirs = await contactUpload(PERSONAS["agent"]!, family.otherMember, { "x-access-purpose": "Actualización de datos en oficina" });
    const before = await stack.connection.collection("members").findOne({ _id: family.member as never });
    const refused = await stack.query(UPDATE, { viewer: member, variables: { input: { landline: "6024000000", supportDocumentId: theirs } } });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.supportDocumentId" });
    expect(await stack.connection.collection("members").findOne({ _id: family.member as never })).toEqual(before);
    expect(await affiliationUploads().findOne({ _id: theirs as never })).toMatchObject({ state: "CARGADO", referencedBy: null });
  });
});
