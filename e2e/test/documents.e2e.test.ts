import { deliverOutbox, documentSigningKey, signDownload, type MailSettings } from "@sos/kit";
import { startMailCatcher, type MailCatcher } from "@sos/identity/mail-catcher";
import { errorCodes } from "@sos/kit/testing";
import { PERSONAS, PERSONA_FAMILY_IDS } from "@sos/personas";
import { extractText, getDocumentProxy } from "unpdf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStack, type Stack } from "./stack.js";

// Certificates (issue 29): issued by the subgraph that owns the data as a PDF with a verification code,
// downloaded through the gateway by a signed link of a few minutes, verified by anyone without a token.
let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.close();
});

const member = PERSONAS["member"]!;
const beneficiary = PERSONAS["beneficiary"]!;
const agent = PERSONAS["agent"]!;
const AGENT = { "x-access-purpose": "Expedición de certificados solicitada en oficina" };

interface Issued {
  code: string;
  type: string;
  validUntil: string;
  downloadPath: string;
  downloadExpiresAt: string;
}
const ISSUE = `mutation($id: ID) { issueAffiliationCertificate(memberId: $id) { code type validUntil downloadPath downloadExpiresAt } }`;
const VERIFY = `query($code: String!) { verifyCertificate(code: $code) { code genuine type holderInitials certifies issuedAt validUntil current } }`;

const pdfText = async (bytes: ArrayBuffer): Promise<string> => (await extractText(await getDocumentProxy(new Uint8Array(bytes)), { mergePages: true })).text;

describe("María Fernanda's affiliation certificate", () => {
  let issued: Issued;

  beforeAll(async () => {
    const result = await stack.query<{ issueAffiliationCertificate: Issued }>(ISSUE, { viewer: member });
    expect(result.errors).toBeUndefined();
    issued = result.data!.issueAffiliationCertificate;
  });

  it("comes out as a PDF, through the gateway, that names her, her document and her state, with its code", async () => {
    expect(issued.code).toMatch(/^SOS(-[0-9A-Z]{5}){3}$/);
    expect(issued.downloadPath).toMatch(/^\/documents\/affiliation\?/);
    const response = await fetch(`${stack.gatewayBase}${issued.downloadPath}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    const text = await pdfText(await response.arrayBuffer());
    const stored = await stack.connection.collection("members").findOne({ _id: PERSONA_FAMILY_IDS.member as never });
    expect(text).toContain("María Fernanda Valencia Muñoz");
    expect(text).toContain(String(stored?.["documentNumber"]));
    expect(text).toContain(String(stored?.["state"]));
    expect(text).toContain(String(stored?.["regime"]));
    expect(text).toContain(issued.code);
    expect(text).toContain("Certificado de afiliación");
    // The address may wrap onto a second line of the page.
    expect(text.replace(/\s+/g, "")).toContain(`/verificar?codigo=${issued.code}`);
  });

  it("verifies anonymously: genuine, what it certifies and until when, her initials only", async () => {
    const result = await stack.query<{ verifyCertificate: Record<string, unknown> }>(VERIFY, { variables: { code: issued.code.toLowerCase() } });
    expect(result.errors).toBeUndefined();
    expect(result.data!.verifyCertificate).toMatchObject({ code: issued.code, genuine: true, type: "AFILIACION_PBS", holderInitials: "M. F. V. M.", validUntil: issued.validUntil, current: true });
    expect(String(result.data!.verifyCertificate["certifies"])).toMatch(/^Afiliación al PBS: /);
    expect(JSON.stringify(result.data)).not.toMatch(/María|Valencia/);
  });

  it("verifies at the address printed on it (and in its QR code): a page for people, JSON for programs", async () => {
    const page = await fetch(`${stack.gatewayBase}/verificar?codigo=${issued.code}`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain("Certificado auténtico");
    expect(html).toContain("M. F. V. M.");
    expect(html).not.toMatch(/María|Valencia/);
    const json = (await (await fetch(`${stack.gatewayBase}/verificar?codigo=SOS-AAAAA-BBBBB-CCCCC`, { headers: { accept: "application/json" } })).json()) as { genuine: boolean };
    expect(json.genuine).toBe(false);
  });

  it("tells a made-up code, and a register entry edited after issue, from a genuine one", async () => {
    const madeUp = await stack.query<{ verifyCertificate: { genuine: boolean } }>(VERIFY, { variables: { code: "SOS-AAAAA-BBBBB-CCCCC" } });
    expect(madeUp.data!.verifyCertificate.genuine).toBe(false);
    const nonsense = await stack.query<{ verifyCertificate: { genuine: boolean } }>(VERIFY, { variables: { code: "{\"$gt\": \"\"}" } });
    expect(nonsense.data!.verifyCertificate.genuine).toBe(false);

    const other = (await stack.query<{ issueAffiliationCertificate: Issued }>(ISSUE, { viewer: member })).data!.issueAffiliationCertificate;
    const register = stack.connection.useDb(stack.ledgerDb, { useCache: true }).collection("certificate_register");
    await register.updateOne({ _id: other.code as never }, { $set: { certifies: "Afiliación al PBS: ACTIVO, régimen CONTRIBUTIVO, COTIZANTE (sin deudas)" } });
    const edited = await stack.query<{ verifyCertificate: { genuine: boolean; certifies: string | null } }>(VERIFY, { variables: { code: other.code } });
    expect(edited.data!.verifyCertificate).toMatchObject({ genuine: false, certifies: null });
  });

  it("downloads only with its own link, while it lasts", async () => {
    const url = new URL(issued.downloadPath, stack.gatewayBase);
    const tampered = new URL(url);
    tampered.searchParams.set("expires", String(Number(url.searchParams.get("expires")) + 60_000));
    expect((await fetch(tampered)).status).toBe(404);
    const otherDocument = new URL(url);
    otherDocument.searchParams.set("code", "SOS-AAAAA-BBBBB-CCCCC");
    expect((await fetch(otherDocument)).status).toBe(404);
    // A link signed with the right key whose minutes have passed.
    const past = Date.now() - 1_000;
    const expired = new URL(url);
    expired.searchParams.set("expires", String(past));
    expired.searchParams.set("signature", signDownload(documentSigningKey({}), issued.code, past));
    expect((await fetch(expired)).status).toBe(404);
  });

  it("answers a retried request (the same idempotency key) with the same certificate, issued and sent once", async () => {
    const RETRY = `mutation { issueAffiliationCertificate(sendByEmail: true, idempotencyKey: "retry-0001") { code downloadPath emailedTo } }`;
    const outbox = stack.connection.collection("outbox");
    const [first, second] = await Promise.all([stack.query<{ issueAffiliationCertificate: Issued }>(RETRY, { viewer: member }), stack.query<{ issueAffiliationCertificate: Issued }>(RETRY, { viewer: member })]);
    const third = await stack.query<{ issueAffiliationCertificate: Issued }>(RETRY, { viewer: member });
    const codes = [first, second, third].map((result) => result.data?.issueAffiliationCertificate.code);
    expect(new Set(codes).size).toBe(1);
    expect(await stack.connection.collection("certificates").countDocuments({ _id: codes[0] as never })).toBe(1);
    expect(await outbox.countDocuments({ "attachments.certificateCode": codes[0] })).toBe(1);
    // Every answer carries a working link.
    expect((await fetch(`${stack.gatewayBase}${third.data!.issueAffiliationCertificate.downloadPath}`)).status).toBe(200);
    const bad = await stack.query(`mutation { issueAffiliationCertificate(idempotencyKey: "x") { code } }`, { viewer: member });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "idempotencyKey" });
  });

  it("is issued to her, her cotizante or an agent, and to nobody else", async () => {
    const forChild = await stack.query<{ issueAffiliationCertificate: Issued }>(ISSUE, { viewer: member, variables: { id: PERSONA_FAMILY_IDS.youngerChild } });
    expect(forChild.errors).toBeUndefined();
    expect(errorCodes(await stack.query(ISSUE, { viewer: beneficiary, variables: { id: PERSONA_FAMILY_IDS.member } }))).toEqual(["FORBIDDEN"]);
    expect(errorCodes(await stack.query(ISSUE, { viewer: member, variables: { id: PERSONA_FAMILY_IDS.otherMember } }))).toEqual(["FORBIDDEN"]);
    expect(errorCodes(await stack.query(ISSUE, { variables: { id: PERSONA_FAMILY_IDS.member } }))).toEqual(["UNAUTHENTICATED"]);
    const byAgent = await stack.query<{ issueAffiliationCertificate: Issued }>(ISSUE, { viewer: agent, headers: AGENT, variables: { id: PERSONA_FAMILY_IDS.otherMember } });
    expect(byAgent.errors).toBeUndefined();
    // Issuing someone else's certificate is an access to their data: in the ledger.
    expect(await stack.ledger().countDocuments({ action: "AFFILIATION_CERTIFICATE_ISSUE", subjectMemberId: PERSONA_FAMILY_IDS.otherMember })).toBe(1);
  });
});

describe("the paz y salvo", () => {
  const PAZ_Y_SALVO = `mutation($id: ID) { issuePazYSalvo(memberId: $id) { code type downloadPath } }`;
  const contributions = () => stack.subgraphs["billing-pac"]!.connection.collection("contributions");

  it("is refused to María while she owes a period, naming it, and issued to her once she does not", async () => {
    const contributions = stack.subgraphs["billing-pac"]!.connection.collection("contributions");
    const paid = await contributions.find({ memberId: PERSONA_FAMILY_IDS.member }).sort({ sortKey: 1 }).limit(1).next();
    expect(paid).not.toBeNull();
    // A period of hers left unpaid (a copy of her oldest one, five years earlier).
    const period = `${Number(String(paid!["period"]).slice(0, 4)) - 5}${String(paid!["period"]).slice(4)}`;
    const owed = { ...paid!, _id: `${PERSONA_FAMILY_IDS.member}:${period}`, period, sortKey: `${period}:${PERSONA_FAMILY_IDS.member}`, state: "NO_PAGADO", paidOn: null, dueDate: `${period}-15` };
    await contributions.insertOne(owed as never);
    try {
      const refused = await stack.query(PAZ_Y_SALVO, { viewer: member });
      expect(errorCodes(refused)).toEqual(["CONFLICT"]);
      expect(refused.errors?.[0]?.message).toContain(period);
    } finally {
      await contributions.deleteOne({ _id: owed._id as never });
    }
    const issued = await stack.query<{ issuePazYSalvo: { type: string } }>(PAZ_Y_SALVO, { viewer: member });
    expect(issued.errors).toBeUndefined();
    expect(issued.data!.issuePazYSalvo.type).toBe("PAZ_Y_SALVO_PBS");
  });

  it("is refused, naming the periods, while a period is unpaid, and issued once none is", async () => {
    const owing = await contributions().findOne({ state: "NO_PAGADO" });
    expect(owing).not.toBeNull();
    const memberId = String(owing!["memberId"]);
    const refused = await stack.query(PAZ_Y_SALVO, { viewer: agent, headers: AGENT, variables: { id: memberId } });
    expect(errorCodes(refused)).toEqual(["CONFLICT"]);
    expect(refused.errors?.[0]?.message).toContain(String(owing!["period"]));

    const paidUp = await (async () => {
      for (const candidate of await contributions().distinct("memberId")) {
        if (!(await contributions().findOne({ memberId: candidate, state: "NO_PAGADO" }))) return String(candidate);
      }
      return null;
    })();
    expect(paidUp).not.toBeNull();
    const issued = await stack.query<{ issuePazYSalvo: { code: string; type: string; downloadPath: string } }>(PAZ_Y_SALVO, { viewer: agent, headers: AGENT, variables: { id: paidUp } });
    expect(issued.errors).toBeUndefined();
    expect(issued.data!.issuePazYSalvo).toMatchObject({ type: "PAZ_Y_SALVO_PBS" });
    expect(issued.data!.issuePazYSalvo.downloadPath).toMatch(/^\/documents\/billing-pac\?/);
    const text = await pdfText(await (await fetch(`${stack.gatewayBase}${issued.data!.issuePazYSalvo.downloadPath}`)).arrayBuffer());
    expect(text).toContain("Paz y salvo");
    const verified = await stack.query<{ verifyCertificate: { genuine: boolean; type: string } }>(VERIFY, { variables: { code: issued.data!.issuePazYSalvo.code } });
    expect(verified.data!.verifyCertificate).toMatchObject({ genuine: true, type: "PAZ_Y_SALVO_PBS" });
  });
});

describe("the history of incapacities", () => {
  const HISTORY = `mutation($id: ID, $year: Int) { issueIncapacityHistory(memberId: $id, year: $year) { code type downloadPath } }`;
  const incapacities = () => stack.subgraphs["incapacities"]!.connection.collection("incapacities");

  it("lists her incapacities of the last 12 months with their days, never a diagnosis, and verifies", async () => {
    const issued = await stack.query<{ issueIncapacityHistory: { code: string; type: string; downloadPath: string } }>(HISTORY, { viewer: member });
    expect(issued.errors).toBeUndefined();
    const text = await pdfText(await (await fetch(`${stack.gatewayBase}${issued.data!.issueIncapacityHistory.downloadPath}`)).arrayBuffer());
    const since = new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10);
    const hers = await incapacities().find({ memberId: PERSONA_FAMILY_IDS.member, startDate: { $gte: since } }).toArray();
    expect(hers.length).toBeGreaterThan(0);
    for (const row of hers) {
      expect(text).toContain(String(row["_id"]));
      expect(text).not.toContain(String((row["diagnosis"] as { code: string }).code));
    }
    expect(text).toContain(`Total de días${String(hers.reduce((sum, row) => sum + Number(row["days"]), 0))}`.replace("días", "días "));
    const verified = await stack.query<{ verifyCertificate: { genuine: boolean; type: string } }>(VERIFY, { variables: { code: issued.data!.issueIncapacityHistory.code } });
    expect(verified.data!.verifyCertificate).toMatchObject({ genuine: true, type: "HISTORIA_INCAPACIDADES" });
  });

  it("is refused to someone with no relation to her, and for a year with nothing recorded", async () => {
    expect(errorCodes(await stack.query(HISTORY, { viewer: beneficiary, variables: { id: PERSONA_FAMILY_IDS.member } }))).toEqual(["FORBIDDEN"]);
    expect(errorCodes(await stack.query(HISTORY, { viewer: member, variables: { year: 2001 } }))).toEqual(["CONFLICT"]);
    expect(errorCodes(await stack.query(HISTORY, { viewer: member, variables: { year: 2999 } }))).toEqual(["BAD_USER_INPUT"]);
  });
});

describe("certificates and notices by e-mail, from each subgraph's outbox", () => {
  let catcher: MailCatcher;
  let mail: MailSettings;
  beforeAll(async () => {
    // A real SMTP server: the peer every message is delivered to.
    catcher = await startMailCatcher();
    mail = { smtpUrl: `smtp://127.0.0.1:${catcher.smtpPort}`, from: "S.O.S. EPS <no-responder@sos-eps.example>" };
  });
  afterAll(async () => {
    await catcher?.close();
  });
  const outbox = () => stack.connection.collection("outbox");

  it("sends the certificate to her registered address, with the PDF attached, and records the delivery", async () => {
    const stored = await stack.connection.collection("members").findOne({ _id: PERSONA_FAMILY_IDS.member as never });
    const email = String((stored?.["contact"] as { email: string }).email);
    const result = await stack.query<{ issueAffiliationCertificate: Issued & { emailedTo: string } }>(
      `mutation { issueAffiliationCertificate(sendByEmail: true) { code emailedTo } }`,
      { viewer: member },
    );
    expect(result.errors).toBeUndefined();
    const { code, emailedTo } = result.data!.issueAffiliationCertificate;
    expect(emailedTo).toBe(email.replace(/^(.)[^@]*/, "$1***"));

    const report = await deliverOutbox(stack.connection, { settings: mail });
    expect(report.sent).toBeGreaterThanOrEqual(1);
    await catcher.waitFor(email);
    const received = catcher.messages().find((message) => message.to.includes(email) && message.text.includes(code));
    expect(received?.subject).toBe("Certificado de afiliación · S.O.S. EPS");
    expect(received?.attachments).toEqual([expect.objectContaining({ filename: `certificado-afiliacion-${code}.pdf`, contentType: "application/pdf" })]);
    expect(received?.attachments[0]?.size).toBeGreaterThan(1_000);
    const message = await outbox().findOne({ "attachments.certificateCode": code });
    expect(message).toMatchObject({ pendingKey: null, attempts: [expect.objectContaining({ ok: true })] });
    expect(message?.["sentAt"]).toBeInstanceOf(Date);
  });

  it("retries a message the mail server refused, later, and sends it once", async () => {
    const down: MailSettings = { smtpUrl: "smtp://127.0.0.1:1", from: mail.from };
    await stack.query(`mutation { issueAffiliationCertificate(sendByEmail: true) { code } }`, { viewer: member });
    const failed = await deliverOutbox(stack.connection, { settings: down });
    expect(failed).toMatchObject({ sent: 0, failed: 1 });
    const waiting = await outbox().findOne({ sentAt: null, channel: "EMAIL", "attempts.ok": false });
    expect(waiting?.["attempts"]).toHaveLength(1);
    // Not due yet: nothing is sent, even with the server back.
    expect(await deliverOutbox(stack.connection, { settings: mail })).toMatchObject({ sent: 0 });
    // A minute and a bit later it is.
    const later = () => new Date(Date.now() + 61_000);
    const before = catcher.messages().length;
    expect(await deliverOutbox(stack.connection, { settings: mail, now: later })).toMatchObject({ sent: 1 });
    expect(await deliverOutbox(stack.connection, { settings: mail, now: later })).toMatchObject({ sent: 0 });
    expect(catcher.messages().length).toBe(before + 1);
    expect(await outbox().findOne({ _id: waiting!["_id"] })).toMatchObject({ pendingKey: null, attempts: [expect.objectContaining({ ok: false }), expect.objectContaining({ ok: true })] });
  });

  it("delivers, through the same sender, a PQRS answer to the member's e-mail on file", async () => {
    const stored = await stack.connection.collection("members").findOne({ _id: PERSONA_FAMILY_IDS.member as never });
    const email = String((stored?.["contact"] as { email: string }).email);
    const filed = await stack.query<{ filePqrs: { number: string } }>(`mutation($input: FilePqrsInput!) { filePqrs(input: $input) { number } }`, {
      viewer: member,
      variables: { input: { type: "PETICION", subject: "Copia de mi historia de aportes", description: "Solicito la copia de mi historia de aportes del último año." } },
    });
    expect(filed.errors).toBeUndefined();
    const number = filed.data!.filePqrs.number;
    for (const step of [`assignPqrs(number: $n, assignee: "agente.calidad")`, "startPqrs(number: $n)", `answerPqrs(number: $n, text: "Adjuntamos la historia de aportes solicitada.")`]) {
      const done = await stack.query(`mutation($n: ID!) { ${step} { state } }`, { viewer: agent, headers: AGENT, variables: { n: number } });
      expect({ step, errors: done.errors }).toEqual({ step, errors: undefined });
    }
    await deliverOutbox(stack.subgraphs["pqrs"]!.connection, { settings: mail });
    const answer = catcher.messages().find((received) => received.to.includes(email) && received.subject.includes(number));
    expect(answer?.text).toContain("Adjuntamos la historia de aportes solicitada.");
  });

  it("delivers, through the same outbox, the notice that tells the cotizante her family group grew", async () => {
    const stored = await stack.connection.collection("members").findOne({ _id: PERSONA_FAMILY_IDS.member as never });
    const email = String((stored?.["contact"] as { email: string }).email);
    const added = await stack.query(`mutation($input: AddBeneficiaryInput!) { addBeneficiary(input: $input) { id } }`, {
      viewer: member,
      variables: {
        input: {
          person: { documentType: "RC", documentNumber: "1109999001", firstName: "Sara", firstSurname: "Valencia", birthDate: "2025-06-01", sex: "FEMENINO" },
          relationship: "HIJO",
          permanentDisability: false,
          economicDependent: true,
        },
      },
    });
    expect(added.errors).toBeUndefined();
    const before = catcher.messages().filter((received) => received.to.includes(email)).length;
    await deliverOutbox(stack.connection, { settings: mail });
    const toHer = catcher.messages().filter((received) => received.to.includes(email));
    expect(toHer.length).toBe(before + 1);
    // The notice names the new beneficiary by initials only (an e-mail can be read by others).
    expect(toHer.at(-1)?.text).toContain("S. V.");
  });
});
