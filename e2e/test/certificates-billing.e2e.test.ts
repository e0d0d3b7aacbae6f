import { figuresForYear, todayInColombia } from "@sos/kit";
import { errorCodes, type GraphqlResult } from "@sos/kit/testing";
import { PERSONAS, PERSONA_EMPLOYER_NIT, PERSONA_FAMILY_IDS } from "@sos/personas";
import { extractText, getDocumentProxy } from "unpdf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStack, type Stack } from "./stack.js";

// The billing certificates (issue 29): PAC affiliation, PAC statement of account, PBS payment history,
// cartera and the PAC withholding certificate, issued by billing-pac as PDFs whose figures are the
// database's, to the people the PAC and contribution rules admit, and refused where they do not apply.
let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.close();
});

const member = PERSONAS["member"]!;
const employer = PERSONAS["employer"]!;
const agent = PERSONAS["agent"]!;
const AGENT = { "x-access-purpose": "Expedición de certificados de facturación solicitada en oficina" };
const MARIA = PERSONA_FAMILY_IDS.member;

interface Issued {
  code: string;
  type: string;
  validUntil: string | null;
  downloadPath: string;
  emailedTo: string | null;
}
type Row = Record<string, unknown>;

const FIELDS = "code type validUntil downloadPath emailedTo";
const ISSUE = (field: string): string =>
  `mutation($id: ID, $sendByEmail: Boolean = false, $key: String) { ${field}(memberId: $id, sendByEmail: $sendByEmail, idempotencyKey: $key) { ${FIELDS} } }`;
const PAC_AFFILIATION = ISSUE("issuePacAffiliationCertificate");
const PAC_STATEMENT = ISSUE("issuePacStatement");
const PBS_HISTORY = ISSUE("issuePbsPaymentHistory");
const ARREARS = ISSUE("issueArrearsCertificate");
const WITHHOLDING = `mutation($id: ID, $year: Int!, $key: String) { issuePacWithholdingCertificate(memberId: $id, year: $year, idempotencyKey: $key) { ${FIELDS} } }`;
const VERIFY = `query($code: String!) { verifyCertificate(code: $code) { genuine type certifies } }`;

/** Pesos as the certificates print them. */
const pesos = (amount: number): string => `$${amount.toLocaleString("es-CO")}`;
/** The PDF's text without any whitespace: a long value may wrap anywhere on the page. */
const compact = (text: string): string => text.replace(/\s+/g, "");
const sum = (rows: Row[]): number => rows.reduce((total, row) => total + Number(row["amount"]), 0);

const billing = (name: string) => stack.subgraphs["billing-pac"]!.connection.collection(name);
const today = () => todayInColombia();

/** The certificate an answer names, downloaded through the gateway: its text, compacted. */
async function download(result: GraphqlResult<Record<string, Issued>>): Promise<{ issued: Issued; text: string }> {
  expect(result.errors).toBeUndefined();
  const issued = Object.values(result.data!)[0]!;
  expect(issued.downloadPath).toMatch(/^\/documents\/billing-pac\?/);
  const response = await fetch(`${stack.gatewayBase}${issued.downloadPath}`);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("application/pdf");
  const pdf = await getDocumentProxy(new Uint8Array(await response.arrayBuffer()));
  return { issued, text: compact((await extractText(pdf, { mergePages: true })).text) };
}

const asAgent = (query: string, variables: Record<string, unknown>) => stack.query<Record<string, Issued>>(query, { viewer: agent, headers: AGENT, variables });
const asMaria = (query: string, variables: Record<string, unknown> = {}) => stack.query<Record<string, Issued>>(query, { viewer: member, variables });

/** What verification tells anyone holding the code: the type and what it certifies, never a figure or a name. */
async function expectVerifiable(issued: Issued, type: string): Promise<string> {
  const verified = await stack.query<{ verifyCertificate: { genuine: boolean; type: string; certifies: string } }>(VERIFY, { variables: { code: issued.code } });
  expect(verified.data!.verifyCertificate).toMatchObject({ genuine: true, type });
  const certifies = verified.data!.verifyCertificate.certifies;
  expect(certifies).not.toMatch(/\$|María|Valencia/);
  return certifies;
}

/** A cotizante with contributions on record who neither holds nor is covered by a PAC contract. */
async function withoutPac(): Promise<string> {
  for (const id of await billing("contributions").distinct("memberId")) {
    if (!(await billing("pac_contracts").findOne({ $or: [{ holderId: id }, { beneficiaryIds: id }] }))) return String(id);
  }
  throw new Error("The seed has no cotizante without a PAC contract");
}

describe("the PAC affiliation certificate", () => {
  it("names María's contract, its plan, state and start date, as holder; her son as beneficiary", async () => {
    const contract = (await billing("pac_contracts").findOne({ holderId: MARIA }))!;
    const { issued, text } = await download(await asMaria(PAC_AFFILIATION));
    expect(issued.type).toBe("AFILIACION_PAC");
    for (const value of [contract["_id"], contract["plan"], contract["state"], contract["startDate"], "Titular"]) expect(text).toContain(compact(String(value)));
    expect(await expectVerifiable(issued, "AFILIACION_PAC")).toMatch(/^Afiliación al PAC/);

    // As the cotizante of her group, for her son; and an agent for him, in the ledger.
    const forSon = await download(await asMaria(PAC_AFFILIATION, { id: PERSONA_FAMILY_IDS.olderChild }));
    expect(forSon.text).toContain(compact(`${String(contract["_id"])}`));
    expect(forSon.text).toContain("Beneficiario(a)");
    expect((await asAgent(PAC_AFFILIATION, { id: PERSONA_FAMILY_IDS.olderChild })).errors).toBeUndefined();
    expect(await stack.ledger().countDocuments({ action: "PAC_AFFILIATION_CERTIFICATE_ISSUE", subjectMemberId: PERSONA_FAMILY_IDS.olderChild })).toBeGreaterThanOrEqual(2);
  });

  it("is refused without a PAC contract, to an agent without a purpose, and to an employer", async () => {
    const refused = await asAgent(PAC_AFFILIATION, { id: await withoutPac() });
    expect(errorCodes(refused)).toEqual(["CONFLICT"]);
    expect(refused.errors?.[0]?.message).toMatch(/no tiene contrato PAC/);
    expect(errorCodes(await stack.query(PAC_AFFILIATION, { viewer: agent, variables: { id: MARIA } }))).toEqual(["FORBIDDEN"]);
    expect(errorCodes(await stack.query(PAC_AFFILIATION, { viewer: employer, variables: { id: MARIA } }))).toEqual(["FORBIDDEN"]);
    expect(errorCodes(await stack.query(PAC_AFFILIATION, { variables: { id: MARIA } }))).toEqual(["UNAUTHENTICATED"]);
  });
});

describe("the PAC statement of account", () => {
  it("carries María's unpaid invoices (number, period, amount, due date) and her balance", async () => {
    const unpaid = await billing("pac_invoices").find({ owedBy: MARIA }).toArray();
    expect(unpaid.length).toBeGreaterThan(0);
    const { issued, text } = await download(await asMaria(PAC_STATEMENT));
    expect(issued.type).toBe("ESTADO_CUENTA_PAC");
    for (const invoice of unpaid) {
      expect(text).toContain(compact(`Factura ${String(invoice["_id"])}`));
      expect(text).toContain(compact(`Periodo ${String(invoice["period"])}, ${pesos(Number(invoice["amount"]))}, vence ${String(invoice["dueDate"])}`));
    }
    expect(text).toContain(compact(`Saldo por pagar ${pesos(sum(unpaid))}`));
    expect(await expectVerifiable(issued, "ESTADO_CUENTA_PAC")).toMatch(/^Estado de cuenta PAC con corte al/);
  });

  it("shows an agent what a holder in arrears owes, overdue part included", async () => {
    const late = await billing("pac_invoices").findOne({ owedBy: { $ne: null }, dueDate: { $lt: today() } });
    expect(late).not.toBeNull();
    const holder = String(late!["holderId"]);
    const owed = await billing("pac_invoices").find({ owedBy: holder }).toArray();
    const overdue = owed.filter((invoice) => String(invoice["dueDate"]) < today());
    const { issued, text } = await download(await asAgent(PAC_STATEMENT, { id: holder }));
    expect(text).toContain(compact(`Saldo por pagar ${pesos(sum(owed))}`));
    expect(text).toContain(compact(`Saldo vencido ${pesos(sum(overdue))}`));
    for (const invoice of overdue) expect(text).toContain(compact(`${String(invoice["_id"])} Periodo ${String(invoice["period"])}, ${pesos(Number(invoice["amount"]))}`));
    expect(await expectVerifiable(issued, "ESTADO_CUENTA_PAC")).toMatch(/con saldo vencido$/);
    expect(await stack.ledger().countDocuments({ action: "PAC_STATEMENT_ISSUE", subjectMemberId: holder })).toBe(1);
  });

  it("is refused without a contract, to a member only covered by another's, and to an employer", async () => {
    expect(errorCodes(await asAgent(PAC_STATEMENT, { id: await withoutPac() }))).toEqual(["CONFLICT"]);
    const covered = await asAgent(PAC_STATEMENT, { id: PERSONA_FAMILY_IDS.youngerChild });
    expect(errorCodes(covered)).toEqual(["CONFLICT"]);
    expect(covered.errors?.[0]?.message).toMatch(/titular/);
    expect(errorCodes(await stack.query(PAC_STATEMENT, { viewer: employer, variables: { id: MARIA } }))).toEqual(["FORBIDDEN"]);
  });

  it("goes to her address when asked, once for a retried request", async () => {
    const stored = await stack.connection.collection("members").findOne({ _id: MARIA as never });
    const email = String((stored?.["contact"] as { email: string }).email);
    const variables = { sendByEmail: true, key: "statement-retry-0001" };
    const [first, second] = [await asMaria(PAC_STATEMENT, variables), await asMaria(PAC_STATEMENT, variables)];
    const code = first.data!["issuePacStatement"]!.code;
    expect(second.data!["issuePacStatement"]!.code).toBe(code);
    expect(first.data!["issuePacStatement"]!.emailedTo).toBe(email.replace(/^(.)[^@]*/, "$1***"));
    const messages = await billing("outbox").find({ "attachments.certificateCode": code }).toArray();
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ to: email, attachments: [{ filename: `estado-cuenta-pac-${code}.pdf`, certificateCode: code }] });
  });
});

describe("the PBS payment history", () => {
  it("lists María's last 12 periods with aportante, IBC, amount and payment date", async () => {
    const rows = await billing("contributions").find({ memberId: MARIA }).sort({ period: -1 }).limit(12).toArray();
    expect(rows).toHaveLength(12);
    const { issued, text } = await download(await asMaria(PBS_HISTORY));
    expect(issued.type).toBe("HISTORIA_APORTES_PBS");
    expect(text).toContain(compact(`Aportante ${String(rows[0]!["aportanteName"])} (NIT ${PERSONA_EMPLOYER_NIT})`));
    for (const row of rows) {
      const paid = row["state"] === "PAGADO_TARDE" ? `pagado con mora ${String(row["paidOn"])}` : `pagado ${String(row["paidOn"])}`;
      expect(text).toContain(compact(`Periodo ${String(row["period"])} IBC ${pesos(Number(row["ibc"]))}, aporte ${pesos(Number(row["amount"]))}, ${paid}`));
    }
    expect(text).toContain(compact("Periodos sin pagar Ninguno"));
    expect(await expectVerifiable(issued, "HISTORIA_APORTES_PBS")).toMatch(/^Historia de aportes al PBS, periodos .*: 12 registrados, ninguno sin pagar$/);
  });

  it("names a suspended member's unpaid periods to an agent; her employer gets the periods it paid", async () => {
    const unpaid = (await billing("contributions").findOne({ state: "NO_PAGADO" }))!;
    const { text } = await download(await asAgent(PBS_HISTORY, { id: String(unpaid["memberId"]) }));
    expect(text).toContain(compact(`Periodo ${String(unpaid["period"])} IBC ${pesos(Number(unpaid["ibc"]))}, aporte ${pesos(Number(unpaid["amount"]))}, sin pagar`));

    const byEmployer = await download(await stack.query<Record<string, Issued>>(PBS_HISTORY, { viewer: employer, variables: { id: MARIA } }));
    const paid = await billing("contributions").find({ memberId: MARIA, aportanteNit: PERSONA_EMPLOYER_NIT }).sort({ period: -1 }).limit(12).toArray();
    for (const row of paid) expect(byEmployer.text).toContain(compact(`Periodo ${String(row["period"])} IBC ${pesos(Number(row["ibc"]))}`));
    expect(byEmployer.text).toContain(compact("a cargo del aportante que la solicita"));
  });

  it("is refused without contributions, and an employer cannot have it e-mailed", async () => {
    const refused = await asAgent(PBS_HISTORY, { id: PERSONA_FAMILY_IDS.beneficiary });
    expect(errorCodes(refused)).toEqual(["CONFLICT"]);
    expect(refused.errors?.[0]?.message).toMatch(/no hay aportes al PBS registrados/);
    const mailed = await stack.query(PBS_HISTORY, { viewer: employer, variables: { id: MARIA, sendByEmail: true } });
    expect(mailed.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "sendByEmail" });
  });
});

describe("the arrears (cartera) certificate", () => {
  it("says María is without debts, PBS and PAC", async () => {
    const { issued, text } = await download(await asMaria(ARREARS));
    expect(issued.type).toBe("CARTERA");
    expect(text).toContain("sindeudas");
    expect(text).toContain(compact(`Total en mora ${pesos(0)}`));
    expect(text).toContain(compact("Total PAC vencido"));
    expect(await expectVerifiable(issued, "CARTERA")).toMatch(/^Cartera PBS y PAC con corte al .*: sin deudas$/);
  });

  it("names the PBS periods in arrears and what is owed, and a holder's overdue PAC invoices", async () => {
    const owing = (await billing("contributions").findOne({ state: "NO_PAGADO", dueDate: { $lt: today() } }))!;
    const memberId = String(owing["memberId"]);
    const periods = await billing("contributions").find({ memberId, state: "NO_PAGADO", dueDate: { $lt: today() } }).sort({ period: 1 }).toArray();
    const pbs = await download(await asAgent(ARREARS, { id: memberId }));
    expect(pbs.text).toContain(compact(`Periodos PBS en mora ${periods.map((row) => String(row["period"])).join(", ")}`));
    expect(pbs.text).toContain(compact(`Total PBS en mora ${pesos(sum(periods))}`));
    expect(await expectVerifiable(pbs.issued, "CARTERA")).toMatch(/con deudas en mora$/);

    const late = (await billing("pac_invoices").findOne({ owedBy: { $ne: null }, dueDate: { $lt: today() } }))!;
    const holder = String(late["holderId"]);
    const overdue = await billing("pac_invoices").find({ owedBy: holder, dueDate: { $lt: today() } }).toArray();
    const pac = await download(await asAgent(ARREARS, { id: holder }));
    expect(pac.text).toContain(compact(`Facturas PAC vencidas ${overdue.length}`));
    expect(pac.text).toContain(compact(`Total PAC vencido ${pesos(sum(overdue))}`));
  });

  it("gives María's employer the PBS part only, for the periods it was to pay; refused with nothing on record", async () => {
    const { issued, text } = await download(await stack.query<Record<string, Issued>>(ARREARS, { viewer: employer, variables: { id: MARIA } }));
    expect(text).toContain(compact("Certificado de cartera de aportes al PBS"));
    expect(text).toContain(compact(`Total PBS en mora ${pesos(0)}`));
    // Nothing of the PAC (the verification code, printed twice, aside: its letters could spell it).
    expect(text.replaceAll(issued.code, "")).not.toContain("PAC");
    const refused = await asAgent(ARREARS, { id: PERSONA_FAMILY_IDS.beneficiary });
    expect(errorCodes(refused)).toEqual(["CONFLICT"]);
  });
});

describe("the PAC withholding certificate", () => {
  // The year of María's latest payment: the seed follows the calendar, and in January the new year has none yet.
  let year = Number(todayInColombia().slice(0, 4));
  beforeAll(async () => {
    const latest = await billing("pac_invoices").find({ holderId: MARIA, state: "PAGADA" }).sort({ paidAt: -1 }).limit(1).next();
    if (latest) year = Number(todayInColombia(latest["paidAt"] as Date).slice(0, 4));
  });

  it("carries what María paid each month of the year and what is deductible (up to 16 UVT)", async () => {
    const start = new Date(`${year}-01-01T05:00:00Z`);
    const paid = await billing("pac_invoices").find({ holderId: MARIA, state: "PAGADA", paidAt: { $gte: start } }).toArray();
    expect(paid.length).toBeGreaterThan(0);
    const byMonth = new Map<number, number>();
    for (const invoice of paid) {
      const month = Number(todayInColombia(invoice["paidAt"] as Date).slice(5, 7));
      byMonth.set(month, (byMonth.get(month) ?? 0) + Number(invoice["amount"]));
    }
    const cap = 16 * figuresForYear(year).uvt.value;
    const { issued, text } = await download(await asMaria(WITHHOLDING, { year }));
    expect(issued.type).toBe("RETENCION_PAC");
    for (const amount of byMonth.values()) expect(text).toContain(compact(`pagado ${pesos(amount)}, deducible ${pesos(Math.min(amount, cap))}`));
    expect(text).toContain(compact(`Total pagado ${pesos(sum(paid))}`));
    expect(text).toContain(compact(`Total deducible ${pesos([...byMonth.values()].reduce((total, amount) => total + Math.min(amount, cap), 0))}`));
    expect(await expectVerifiable(issued, "RETENCION_PAC")).toMatch(new RegExp(`año gravable ${year}`));

    // A retry with the same key answers the same certificate.
    const first = await asMaria(WITHHOLDING, { year, key: "withholding-0001" });
    const again = await asMaria(WITHHOLDING, { year, key: "withholding-0001" });
    expect(again.errors).toBeUndefined();
    expect(JSON.stringify(again.data).match(/SOS(-[0-9A-Z]{5}){3}/)?.[0]).toBe(JSON.stringify(first.data).match(/SOS(-[0-9A-Z]{5}){3}/)?.[0]);
  });

  it("is refused for a year to come, for a year without PAC payments, and to an employer", async () => {
    const future = await asMaria(WITHHOLDING, { year: Number(todayInColombia().slice(0, 4)) + 1 });
    expect(future.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "year" });
    const none = await asAgent(WITHHOLDING, { id: await withoutPac(), year });
    expect(errorCodes(none)).toEqual(["CONFLICT"]);
    expect(none.errors?.[0]?.message).toMatch(new RegExp(`no hay pagos de facturas PAC .* en ${year}`));
    expect(errorCodes(await stack.query(WITHHOLDING, { viewer: employer, variables: { id: MARIA, year } }))).toEqual(["FORBIDDEN"]);
  });
});

describe("the trusted documents", () => {
  it("issue each certificate as the portal sends it", async () => {
    const latest = await billing("pac_invoices").find({ holderId: MARIA, state: "PAGADA" }).sort({ paidAt: -1 }).limit(1).next();
    const paidYear = Number(todayInColombia(latest?.["paidAt"] as Date | undefined).slice(0, 4));
    for (const [name, variables] of [
      ["IssuePacAffiliationCertificate", {}],
      ["IssuePacStatement", {}],
      ["IssuePbsPaymentHistory", {}],
      ["IssueArrearsCertificate", {}],
      ["IssuePacWithholdingCertificate", { year: paidYear }],
      ["IssuePazYSalvo", {}],
    ] as const) {
      const result = await stack.persisted(name, { viewer: member, variables });
      expect({ name, errors: result.errors }).toEqual({ name, errors: undefined });
    }
  });
});
