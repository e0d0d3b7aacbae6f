// Billing through the gateway (docs/billing.md): contributions and paz y salvo, the calculator, PAC
// invoices, and PSE payments through a real HTTP bank sandbox, applied exactly once.
import { PERSONAS, PERSONA_FAMILY_IDS, PERSONA_EMPLOYER_NIT } from "@sos/personas";
import { errorCodes } from "@sos/kit/testing";
import { startPseSandbox, type PseSandbox } from "@sos/billing-pac/sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countCommands, startStack, type Stack } from "./stack.js";

const SECRET = "test-pse-secret-0123456789";
let stack: Stack;
let bank: PseSandbox;
const family = PERSONA_FAMILY_IDS;
const agent = PERSONAS["agent"]!;
const AGENT = { "x-access-purpose": "Gestión de cartera PAC" };
beforeAll(async () => {
  bank = await startPseSandbox({ secret: SECRET });
  stack = await startStack({ subgraphEnv: { PSE_URL: bank.url, PSE_SECRET: SECRET, PSE_RECONCILE_AFTER_MS: "0" } });
});
afterAll(async () => {
  await stack?.close();
  await bank?.close();
});
const db = () => stack.subgraphs["billing-pac"]!.connection;
const billingUrl = () => stack.subgraphs["billing-pac"]!.url.replace(/\/graphql$/, "");

const START = `mutation($input: StartPacPaymentInput!) { startPacPayment(input: $input) { reference invoiceNumber amount state redirectUrl } }`;
type Started = { reference: string; invoiceNumber: string; amount: number; state: string; redirectUrl: string };
const transactionOf = (redirectUrl: string) => redirectUrl.split("/pay/")[1] as string;

describe("María Fernanda pays her PAC invoice through PSE", () => {
  it("sees the invoice, pays it at the bank, and sees it PAGADA with the bank's CUS; repeated and concurrent callbacks change nothing", async () => {
    const statement = await stack.query<{ me: { pacStatement: { balanceDue: number; unpaidInvoices: { number: string; amount: number; state: string }[] } } }>(
      `{ me { pacStatement { balanceDue unpaidInvoices { number amount state } } } }`,
      { viewer: PERSONAS["member"] },
    );
    expect(statement.errors).toBeUndefined();
    const [invoice] = statement.data!.me.pacStatement.unpaidInvoices;
    expect(invoice).toMatchObject({ state: "EMITIDA", amount: 267_000 });
    expect(statement.data!.me.pacStatement.balanceDue).toBe(267_000);

    const input = { invoiceNumber: invoice!.number, bankCode: "1007", idempotencyKey: "pago-pac-maria-0001" };
    const started = await stack.query<{ startPacPayment: Started }>(START, { viewer: PERSONAS["member"], variables: { input } });
    expect(started.errors).toBeUndefined();
    const payment = started.data!.startPacPayment;
    expect(payment).toMatchObject({ state: "PENDIENTE", amount: 267_000 });
    expect(payment.redirectUrl.startsWith(`${bank.url}/pay/`)).toBe(true);
    const retried = await stack.query<{ startPacPayment: Started }>(START, { viewer: PERSONAS["member"], variables: { input } });
    expect(retried.data!.startPacPayment.reference).toBe(payment.reference);
    const second = await stack.query(START, { viewer: PERSONAS["member"], variables: { input: { ...input, idempotencyKey: "pago-pac-maria-0002" } } });
    expect(errorCodes(second)).toEqual(["CONFLICT"]);

    // The person approves on the bank's page (a form post, as the browser sends it).
    const page = await fetch(payment.redirectUrl);
    expect(await page.text()).toContain("Aprobar el pago");
    const approved = await fetch(payment.redirectUrl, { method: "POST", body: new URLSearchParams({ decision: "APROBADO", bank: "1007" }), redirect: "manual" });
    expect(approved.status).toBe(303);
    const transaction = bank.transactions.get(transactionOf(payment.redirectUrl))!;
    expect(transaction.status).toBe("APROBADO");

    const INVOICE = `query($n: ID!) { pacInvoice(number: $n) { number state paidAt payment { reference cus bank } } }`;
    const paid = await stack.query<{ pacInvoice: { state: string; paidAt: string; payment: { reference: string; cus: string } } }>(INVOICE, { viewer: PERSONAS["member"], variables: { n: invoice!.number } });
    expect(paid.data!.pacInvoice).toMatchObject({ state: "PAGADA", payment: { reference: payment.reference, cus: transaction.cus } });
    const before = await db().collection("pse_payments").findOne({ _id: payment.reference as never });

    // 50 copies of the bank's callback at once, and a forged one: nothing more happens.
    const { body, signature } = bank.callbackOf(transaction.transactionId);
    const replies = await Promise.all(
      Array.from({ length: 50 }, () => fetch(`${billingUrl()}/pse/callback`, { method: "POST", headers: { "content-type": "application/json", "x-pse-signature": signature }, body })),
    );
    expect(replies.every((reply) => reply.status === 200)).toBe(true);
    const forged = await fetch(`${billingUrl()}/pse/callback`, { method: "POST", headers: { "content-type": "application/json", "x-pse-signature": signature }, body: body.replace("APROBADO", "RECHAZADO") });
    expect(forged.status).toBe(401);
    const after = await db().collection("pse_payments").findOne({ _id: payment.reference as never });
    expect(after).toEqual(before);
    const again = await stack.query<{ pacInvoice: { state: string; paidAt: string } }>(INVOICE, { viewer: PERSONAS["member"], variables: { n: invoice!.number } });
    expect(again.data!.pacInvoice).toEqual(paid.data!.pacInvoice);
    const balance = await stack.query<{ me: { pacStatement: { balanceDue: number } } }>(`{ me { pacStatement { balanceDue } } }`, { viewer: PERSONAS["member"] });
    expect(balance.data!.me.pacStatement.balanceDue).toBe(0);
  });

  it("reconciles a payment whose callback never came by asking the bank, once", async () => {
    const unpaid = await db().collection("pac_invoices").findOne({ state: { $in: ["EMITIDA", "VENCIDA"] }, openPayment: null });
    const started = await stack.query<{ startPacPayment: Started }>(START, { viewer: agent, headers: AGENT, variables: { input: { invoiceNumber: unpaid!._id, bankCode: "1051", idempotencyKey: "agente-reconcilia-0001" } } });
    expect(started.errors).toBeUndefined();
    await bank.decide(transactionOf(started.data!.startPacPayment.redirectUrl), "APROBADO", { callback: false });
    const RECONCILE = `mutation { reconcilePsePayments { checked applied stillPending failed } }`;
    const first = await stack.query<{ reconcilePsePayments: { applied: number } }>(RECONCILE, { viewer: agent, headers: AGENT });
    expect(first.data!.reconcilePsePayments.applied).toBeGreaterThanOrEqual(1);
    expect(await db().collection("pac_invoices").findOne({ _id: unpaid!._id })).toMatchObject({ state: "PAGADA", openPayment: null });
    expect(await db().collection("pse_payments").findOne({ _id: started.data!.startPacPayment.reference as never })).toMatchObject({ state: "APROBADO", resolvedBy: "RECONCILIACION" });
  });

  it("reactivates a contract suspended for arrears once everything owed is paid", async () => {
    const suspended = await db().collection("pac_contracts").findOne({ state: "SUSPENDIDO_MORA" });
    expect(suspended).not.toBeNull();
    const owed = await db().collection("pac_invoices").find({ contractId: suspended!._id, state: { $in: ["EMITIDA", "VENCIDA"] } }).toArray();
    expect(owed.length).toBeGreaterThan(0);
    for (const [i, invoice] of owed.entries()) {
      const started = await stack.query<{ startPacPayment: Started }>(START, { viewer: agent, headers: AGENT, variables: { input: { invoiceNumber: invoice._id, bankCode: "1013", idempotencyKey: `reactivar-${i}-000000` } } });
      expect(started.errors).toBeUndefined();
      if (i < owed.length - 1) {
        await bank.decide(transactionOf(started.data!.startPacPayment.redirectUrl), "APROBADO");
        expect(await db().collection("pac_contracts").findOne({ _id: suspended!._id })).toMatchObject({ state: "SUSPENDIDO_MORA" });
      } else {
        await bank.decide(transactionOf(started.data!.startPacPayment.redirectUrl), "APROBADO");
      }
    }
    expect(await db().collection("pac_contracts").findOne({ _id: suspended!._id })).toMatchObject({ state: "ACTIVO" });
  });

  it("frees the invoice when the bank rejects, so it can be paid again", async () => {
    const unpaid = await db().collection("pac_invoices").findOne({ state: { $in: ["EMITIDA", "VENCIDA"] }, openPayment: null });
    const input = { invoiceNumber: unpaid!._id, bankCode: "1507", idempotencyKey: "rechazo-000000001" };
    const started = await stack.query<{ startPacPayment: Started }>(START, { viewer: agent, headers: AGENT, variables: { input } });
    await bank.decide(transactionOf(started.data!.startPacPayment.redirectUrl), "RECHAZADO");
    expect(await db().collection("pac_invoices").findOne({ _id: unpaid!._id })).toMatchObject({ state: unpaid!["state"], openPayment: null });
    const retry = await stack.query<{ startPacPayment: Started }>(START, { viewer: agent, headers: AGENT, variables: { input: { ...input, idempotencyKey: "rechazo-000000002" } } });
    expect(retry.data!.startPacPayment.state).toBe("PENDIENTE");
  });
});

describe("what the bank may send that needs care", () => {
  const post = (body: string, signature: string) => fetch(`${billingUrl()}/pse/callback`, { method: "POST", headers: { "content-type": "application/json", "x-pse-signature": signature }, body });

  it("refuses a signed body that is not a result, and holds for review a result with another amount, freeing the invoice", async () => {
    const { signBody } = await import("@sos/billing-pac/sandbox");
    expect((await post("null", signBody("null", SECRET))).status).toBe(400);
    const unpaid = await db().collection("pac_invoices").findOne({ state: { $in: ["EMITIDA", "VENCIDA"] }, openPayment: null });
    const started = await stack.query<{ startPacPayment: Started }>(START, { viewer: agent, headers: AGENT, variables: { input: { invoiceNumber: unpaid!._id, bankCode: "1007", idempotencyKey: "monto-distinto-0001" } } });
    const reference = started.data!.startPacPayment.reference;
    const body = JSON.stringify({ reference, status: "APROBADO", cus: "123456789", amount: started.data!.startPacPayment.amount + 1, bankCode: "1007" });
    expect((await post(body, signBody(body, SECRET))).status).toBe(200);
    expect(await db().collection("pse_payments").findOne({ _id: reference as never })).toMatchObject({ state: "EN_REVISION", review: expect.stringMatching(/MONTO_DISTINTO/) });
    expect(await db().collection("pac_invoices").findOne({ _id: unpaid!._id })).toMatchObject({ openPayment: null, state: unpaid!["state"] });
  });

  it("answers CONFLICT when one idempotency key is reused for another invoice", async () => {
    const [first, second] = await db().collection("pac_invoices").find({ state: { $in: ["EMITIDA", "VENCIDA"] }, openPayment: null }).limit(2).toArray();
    const once = await stack.query(START, { viewer: agent, headers: AGENT, variables: { input: { invoiceNumber: first!._id, bankCode: "1007", idempotencyKey: "clave-reusada-0001" } } });
    expect(once.errors).toBeUndefined();
    const reused = await stack.query(START, { viewer: agent, headers: AGENT, variables: { input: { invoiceNumber: second!._id, bankCode: "1007", idempotencyKey: "clave-reusada-0001" } } });
    expect(errorCodes(reused)).toEqual(["CONFLICT"]);
  });

  it("frees an invoice left claimed by a payment that no longer exists", async () => {
    const invoice = await db().collection("pac_invoices").findOne({ state: { $in: ["EMITIDA", "VENCIDA"] }, openPayment: null });
    await db().collection("pac_invoices").updateOne({ _id: invoice!._id }, { $set: { openPayment: "PSE-perdido" } });
    const run = await stack.query<{ reconcilePsePayments: { freedClaims: number } }>(`mutation { reconcilePsePayments { freedClaims } }`, { viewer: agent, headers: AGENT });
    expect(run.data!.reconcilePsePayments.freedClaims).toBeGreaterThanOrEqual(1);
    expect(await db().collection("pac_invoices").findOne({ _id: invoice!._id })).toMatchObject({ openPayment: null });
  });
});

describe("the monthly invoice run", () => {
  it("numbers invoices without gaps or duplicates when two runs of one month go at once, and a third creates nothing", async () => {
    const period = new Date(Date.now() - 5 * 3_600_000).toISOString().slice(0, 7);
    const contracts = Array.from({ length: 30 }, (_, i) => ({
      _id: `PAC-RUN-${String(i).padStart(3, "0")}`,
      holderId: family.otherMember,
      beneficiaryIds: [family.otherMember],
      plan: "PAC Familiar Plata",
      monthlyFee: 89_000,
      startDate: "2026-01-01",
      endDate: null,
      state: "ACTIVO",
      stateSince: new Date(),
    }));
    await db().collection("pac_contracts").insertMany(contracts as never[]);
    const maxBefore = (await db().collection("pac_invoices").find().sort({ consecutive: -1 }).limit(1).toArray())[0]!["consecutive"] as number;
    const RUN = `mutation($p: String!) { generatePacInvoices(period: $p) { created existing } }`;
    const runs = await Promise.all([1, 2].map(() => stack.query<{ generatePacInvoices: { created: number } }>(RUN, { viewer: agent, headers: AGENT, variables: { p: period } })));
    for (const run of runs) expect(run.errors, JSON.stringify(run.errors)).toBeUndefined();
    expect(runs.reduce((sum, run) => sum + run.data!.generatePacInvoices.created, 0)).toBe(30);
    const made = await db().collection("pac_invoices").find({ contractId: { $in: contracts.map((c) => c._id) } }).toArray();
    expect(made).toHaveLength(30);
    expect(made.map((invoice) => invoice["consecutive"]).sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => maxBefore + 1 + i));
    const third = await stack.query<{ generatePacInvoices: { created: number; existing: number } }>(RUN, { viewer: agent, headers: AGENT, variables: { p: period } });
    expect(third.data!.generatePacInvoices.created).toBe(0);
    const future = await stack.query(RUN, { viewer: agent, headers: AGENT, variables: { p: "2999-01" } });
    expect(future.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "period" });
  });
});

describe("contributions and paz y salvo", () => {
  it("lists an employer's dependents with their paz y salvo and no contact data, and not their PAC", async () => {
    const result = await stack.query<{ employer: { dependents: { nodes: { id: string; contact: unknown; pbsPaymentStatus: { pazYSalvo: boolean; standing: string } | null }[] } } }>(
      `{ employer(nit: "${PERSONA_EMPLOYER_NIT}-8") { dependents(first: 100) { nodes { id contact { email mobile } pbsPaymentStatus { pazYSalvo standing since } } } } }`,
      { viewer: PERSONAS["employer"] },
    );
    const nodes = result.data!.employer.dependents.nodes;
    const maria = nodes.find((node) => node.id === family.member)!;
    expect(maria.pbsPaymentStatus).toMatchObject({ pazYSalvo: true, standing: "AL_DIA" });
    expect(nodes.every((node) => node.contact === null && node.pbsPaymentStatus !== null)).toBe(true);
    expect(result.errors?.every((error) => error.extensions?.["code"] === "FORBIDDEN")).toBe(true);
    const pac = await stack.query(`query($id: ID!) { member(id: $id) { pacInvoices { nodes { number } } } }`, { viewer: PERSONAS["employer"], variables: { id: family.member } });
    expect(errorCodes(pac)).toContain("FORBIDDEN");
  });

  it("shows a member's history by period range, newest first, and the employer only what it paid", async () => {
    const QUERY = `query($id: ID!, $from: String, $to: String) { member(id: $id) { contributions(from: $from, to: $to, first: 12) { totalCount nodes { period ibc amount employerShare workerShare state aportanteNit daysLate interest } } } }`;
    type Rows = { member: { contributions: { totalCount: number; nodes: { period: string; ibc: number; amount: number; state: string; aportanteNit: string; daysLate: number }[] } } };
    const all = await stack.query<Rows>(QUERY, { viewer: PERSONAS["member"], variables: { id: family.member } });
    expect(all.errors).toBeUndefined();
    const periods = all.data!.member.contributions.nodes.map((node) => node.period);
    expect(periods).toEqual([...periods].sort().reverse());
    expect(all.data!.member.contributions.nodes[0]).toMatchObject({ ibc: 4_800_000, amount: 600_000 });
    expect(all.data!.member.contributions.nodes.some((node) => node.state === "PAGADO_TARDE" && node.daysLate > 0)).toBe(true);
    const range = await stack.query<Rows>(QUERY, { viewer: PERSONAS["member"], variables: { id: family.member, from: periods[5], to: periods[2] } });
    expect(range.data!.member.contributions.nodes.map((node) => node.period)).toEqual(periods.slice(2, 6));
    const byEmployer = await stack.query<Rows>(QUERY, { viewer: PERSONAS["employer"], variables: { id: family.member } });
    expect(byEmployer.data!.member.contributions.nodes.every((node) => node.aportanteNit === PERSONA_EMPLOYER_NIT)).toBe(true);
    const bad = await stack.query(QUERY, { viewer: PERSONAS["member"], variables: { id: family.member, from: "2026-13" } });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "from" });
  });

  it("applies the suspension rule to a suspended member, and says a beneficiary does not contribute", async () => {
    const members = stack.connection.collection("members");
    const suspended = await members.findOne({ state: "SUSPENDIDO", memberType: "COTIZANTE", regime: "CONTRIBUTIVO" });
    const STATUS = `query($id: ID!) { member(id: $id) { pbsPaymentStatus { standing pazYSalvo consecutiveUnpaid suspension unpaidPeriods } } }`;
    const status = await stack.query<{ member: { pbsPaymentStatus: { suspension: string; consecutiveUnpaid: number; pazYSalvo: boolean } } }>(STATUS, { viewer: agent, headers: AGENT, variables: { id: suspended!._id } });
    expect(status.data!.member.pbsPaymentStatus).toMatchObject({ suspension: "APLICA", pazYSalvo: false });
    expect(status.data!.member.pbsPaymentStatus.consecutiveUnpaid).toBeGreaterThanOrEqual(2);
    const spouse = await stack.query<{ member: { pbsPaymentStatus: { standing: string } } }>(STATUS, { viewer: PERSONAS["member"], variables: { id: family.beneficiary } });
    expect(spouse.data!.member.pbsPaymentStatus.standing).toBe("SIN_APORTES");
  });

  it("calculates contributions without a session, with the domain's figures, and refuses bad amounts naming the field", async () => {
    const CALC = `query($input: ContributionCalculationInput!) { contributionCalculation(input: $input) { ibc total employerShare workerShare floorApplied smmlv { value norm status } } }`;
    const result = await stack.query<{ contributionCalculation: Record<string, unknown> }>(CALC, { variables: { input: { kind: "INDEPENDIENTE", monthlyIncome: 5_000_000, year: 2026 } } });
    expect(result.data!.contributionCalculation).toMatchObject({ ibc: 2_000_000, total: 250_000, employerShare: 0, workerShare: 250_000, floorApplied: false, smmlv: { value: 1_750_905 } });
    const negative = await stack.query(CALC, { variables: { input: { kind: "DEPENDIENTE", monthlyIncome: -1 } } });
    expect(negative.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.monthlyIncome" });
    const cents = await stack.query(CALC, { variables: { input: { kind: "DEPENDIENTE", monthlyIncome: 1500000.5 } } });
    expect(errorCodes(cents)[0]).toMatch(/BAD_USER_INPUT|GRAPHQL_VALIDATION_FAILED/);
    expect(cents.data ?? null).toBeNull();
  });

  it("gives analysts the PAC arrears by age with small cells withheld, and nothing about a member", async () => {
    const summary = await stack.query<{ pacArrearsSummary: { bucket: string; count: number | null }[] }>(`{ pacArrearsSummary { bucket count amount } }`, { viewer: PERSONAS["analyst"] });
    expect(summary.errors).toBeUndefined();
    expect(summary.data!.pacArrearsSummary.map((cell) => cell.bucket)).toEqual(["0-30", "31-60", "61-90", "90+"]);
    expect(summary.data!.pacArrearsSummary.every((cell) => cell.count === null || (cell.count >= 5 && cell.count % 5 === 0))).toBe(true);
    const member = await stack.query(`query($id: ID!) { member(id: $id) { pacStatement { balanceDue } } }`, { viewer: PERSONAS["analyst"], variables: { id: family.member } });
    expect(errorCodes(member)).toContain("FORBIDDEN");
  });
});

describe("billing fields over a list of members", () => {
  it("cost the same database commands for 10 and for 100 dependents", async () => {
    const members = stack.connection.collection("members");
    const template = await members.findOne({ memberType: "COTIZANTE", employerNit: { $type: "string" }, state: "ACTIVO" });
    const clones = Array.from({ length: 100 }, (_, i) => ({ ...template, _id: `e${"0".repeat(17)}${String(i).padStart(6, "0")}`, documentNumber: String(9_400_000_000 + i), employerNit: PERSONA_EMPLOYER_NIT, sortKey: `aaa-clone-${String(i).padStart(6, "0")}` }));
    await members.insertMany(clones as never[]);
    const seeded = await db().collection("contributions").findOne({ memberId: family.member });
    await db().collection("contributions").insertMany(clones.map((clone) => ({ ...seeded, _id: `${clone._id}:2026-10`, memberId: clone._id, sortKey: `2026-10:${clone._id}` })) as never[]);
    const QUERY = `query($first: Int) { employer(nit: "${PERSONA_EMPLOYER_NIT}-8") { dependents(first: $first) { nodes { id pbsPaymentStatus { pazYSalvo } contributions(first: 3) { nodes { period amount } } } } } }`;
    const counts: Record<number, number> = {};
    for (const first of [10, 100]) {
      const { count } = await countCommands(db(), async () => {
        const result = await stack.query<{ employer: { dependents: { nodes: { pbsPaymentStatus: { pazYSalvo: boolean } }[] } } }>(QUERY, { viewer: agent, headers: AGENT, variables: { first } });
        expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
        expect(result.data!.employer.dependents.nodes).toHaveLength(first);
      });
      counts[first] = count;
    }
    expect(counts[100]).toBe(counts[10]);
    // Unpaid periods and last payments (two), the contribution pages (one), the ledger (one).
    expect(counts[10]).toBeLessThanOrEqual(4);
  });

  it("gives the member the year's retención PAC figure and the cartera by age", async () => {
    const year = Number(new Date(Date.now() - 5 * 3_600_000).toISOString().slice(0, 4));
    const result = await stack.query<{ me: { pacWithholding: { monthlyCap: number; paid: number; deductible: number }; arrears: { pbs: { bucket: string }[]; pac: { bucket: string }[] }; pacContracts: { number: string; plan: string }[] } }>(
      `query($y: Int!) { me { pacWithholding(year: $y) { year monthlyCap paid deductible } arrears { pbs { bucket count amount } pac { bucket count amount } total } pacContracts { number plan monthlyFee state } } }`,
      { viewer: PERSONAS["member"], variables: { y: year } },
    );
    expect(result.errors).toBeUndefined();
    const { pacWithholding, arrears, pacContracts } = result.data!.me;
    expect(pacWithholding.paid).toBeGreaterThan(0);
    expect(pacWithholding.deductible).toBeLessThanOrEqual(pacWithholding.paid);
    expect(arrears.pbs.map((row) => row.bucket)).toEqual(["0-30", "31-60", "61-90", "90+"]);
    expect(pacContracts[0]).toMatchObject({ plan: "PAC Familiar Plata" });
    const future = await stack.query(`{ me { pacWithholding(year: 2999) { paid } } }`, { viewer: PERSONAS["member"] });
    expect(future.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "year" });
  });

  it("lets an employer list the contributions it paid, and no other employer's", async () => {
    const own = await stack.query<{ employer: { contributions: { nodes: { aportanteNit: string }[] } } }>(`{ employer(nit: "${PERSONA_EMPLOYER_NIT}-8") { contributions(first: 30) { nodes { period aportanteNit amount } } } }`, { viewer: PERSONAS["employer"] });
    expect(own.errors, JSON.stringify(own.errors)).toBeUndefined();
    expect(own.data!.employer.contributions.nodes.length).toBe(30);
    expect(own.data!.employer.contributions.nodes.every((node) => node.aportanteNit === PERSONA_EMPLOYER_NIT)).toBe(true);
  });
});
