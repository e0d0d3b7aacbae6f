// Support documents (issue 29, docs/uploads.md): a ticket from the graph, the bytes PUT through the gateway
// to the subgraph that keeps them (GridFS), checked by content, referred to by an authorization request,
// listed and downloaded by their member only; unreferenced ones expire.
import { expireUploads } from "@sos/kit";
import { errorCodes } from "@sos/kit/testing";
import { PERSONAS, PERSONA_FAMILY_IDS, SEED_IPS } from "@sos/personas";
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
const request = (attachments: string[]) => ({
  memberId: family.member,
  requestingIpsCode: SEED_IPS.personaPrimary,
  professional: { name: "Andrés Felipe Ramírez Soto", documentNumber: "16789012", specialty: "Medicina interna" },
  diagnoses: [{ code: "I10X" }],
  items: [{ cupsCode: "890228", quantity: 1 }],
  setting: "AMBULATORIO",
  origin: "COMUN",
  attachments,
});
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
