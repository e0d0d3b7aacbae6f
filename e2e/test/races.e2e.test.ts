// Issue 33: the races that matter, each run many times on fresh state. Every round fires its contenders
// at the same moment (Promise.all over the gateway, or at the bank's callback) and then checks what a
// person would: exactly one result, the losers told why, and the records consistent with that result.
import { PERSONAS, PERSONA_FAMILY_IDS, PERSONA_IDS, SEED_IPS } from "@sos/personas";
import { todayInColombia, type Viewer } from "@sos/kit";
import { errorCodes, type GraphqlResult } from "@sos/kit/testing";
import { signBody, startPseSandbox, type PseSandbox } from "@sos/billing-pac/sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authorizationRequest } from "./fixtures.js";
import { startStack, type Stack } from "./stack.js";

const SECRET = "test-pse-secret-0123456789";
const PURPOSE = { "x-access-purpose": "Prueba de concurrencia" };
const agent = PERSONAS["agent"]!;
/** Several agents: a contender is another person, not the same one twice. */
const agentNo = (n: number): Viewer => ({ ...agent, subject: `user-agent-race-${n}` });
let stack: Stack;
let bank: PseSandbox;
beforeAll(async () => {
  bank = await startPseSandbox({ secret: SECRET });
  stack = await startStack({ members: 100, subgraphEnv: { PSE_URL: bank.url, PSE_SECRET: SECRET, PSE_RECONCILE_AFTER_MS: "0" } });
});
afterAll(async () => {
  await stack?.close();
  await bank?.close();
});

const db = (subgraph: string) => stack.subgraphs[subgraph]!.connection;
const members = () => stack.connection.collection("members");
const rounds = (count: number) => Array.from({ length: count }, (_, i) => i);
/** "OK" or the error's code. A 5xx is never an acceptable way to lose a race. */
function outcome(result: GraphqlResult<unknown>): string {
  expect(result.status, JSON.stringify(result.errors)).toBeLessThan(500);
  return errorCodes(result)[0] ?? "OK";
}

/** One contender succeeded and every other one was told CONFLICT. */
function oneWinner(outcomes: string[]): string[] {
  expect(outcomes.filter((code) => code === "OK")).toHaveLength(1);
  expect(outcomes.filter((code) => code !== "OK")).toEqual(outcomes.slice(1).map(() => "CONFLICT"));
  return outcomes;
}

/**
 * A fresh cotizante with no family group: a seeded one of Cali cloned under a new id and document, at
 * `ipsCode`, with one clinic in their history. Cheaper than an application, and nothing else touches it.
 */
let cloned = 0;
async function freshCotizante(ipsCode: string): Promise<{ id: string; viewer: Viewer }> {
  const personas = Object.values(PERSONA_IDS) as string[];
  const template = await members().findOne({ memberType: "COTIZANTE", state: "ACTIVO", municipalityCode: "76001", "contact.email": { $type: "string" }, _id: { $nin: personas as never[] } });
  cloned += 1;
  const id = `ce${"0".repeat(16)}${String(cloned).padStart(6, "0")}`;
  const since = new Date(Date.now() - 400 * 86_400_000);
  await members().insertOne({
    ...template,
    _id: id as never,
    documentType: "CC",
    documentNumber: String(9_500_000_000 + cloned),
    sortKey: `zzz-race-${id}`,
    familyVersion: 0,
    primaryIpsCode: ipsCode,
    primaryIpsHistory: [{ ipsCode, since, changedBy: "seed" }],
  });
  return { id, viewer: { subject: `user-race-${id}`, role: "MEMBER", memberId: id } };
}

describe("two or more agents deciding one authorization", () => {
  const REQUEST = `mutation($input: RequestAuthorizationInput!) { requestAuthorization(input: $input) { number } }`;
  const AUDIT = `mutation($n: ID!) { startAuthorizationAudit(number: $n) { state } }`;
  const DECIDE = `mutation($input: DecideAuthorizationInput!) { decideAuthorization(input: $input) { number state history { to } } }`;
  const authorizations = () => db("authorizations").collection("authorizations");
  const validUntil = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  const decisions: Record<string, (number: string) => Record<string, unknown>> = {
    APROBADA: (number) => ({ number, decision: "APROBADA", destinationIpsCode: SEED_IPS.caliSpecialised, validUntil }),
    NEGADA: (number) => ({ number, decision: "NEGADA", reason: "No cumple criterios de pertinencia" }),
    PENDIENTE_DOCS: (number) => ({ number, decision: "PENDIENTE_DOCS", reason: "Falta la historia clínica" }),
  };
  // Approve against deny, two approvals, and four agents at once.
  const lineups = [["APROBADA", "NEGADA"], ["APROBADA", "APROBADA"], ["NEGADA", "APROBADA", "PENDIENTE_DOCS", "APROBADA"]];

  it.each(rounds(20))("round %i: one decision wins, the others get CONFLICT, and the record holds that one decision", async (round) => {
    const input = authorizationRequest();
    const filed = await stack.query<{ requestAuthorization: { number: string } }>(REQUEST, { viewer: PERSONAS["member"], variables: { input } });
    const number = filed.data!.requestAuthorization.number;
    expect(outcome(await stack.query(AUDIT, { viewer: agent, headers: PURPOSE, variables: { n: number } }))).toBe("OK");
    const before = await authorizations().findOne({ _id: number as never });

    const lineup = lineups[round % lineups.length]!;
    const results = await Promise.all(lineup.map((decision, i) => stack.query<{ decideAuthorization: { number: string; state: string; history: { to: string }[] } }>(DECIDE, { viewer: agentNo(i), headers: PURPOSE, variables: { input: decisions[decision]!(number) } })));
    const outcomes = oneWinner(results.map(outcome));

    const winner = outcomes.indexOf("OK");
    const stored = await authorizations().findOne({ _id: number as never });
    expect(stored!["state"]).toBe(lineup[winner]);
    // One decision in the history, by the winner, and one version step: no loser wrote anything. The
    // request leaves the auditors' queue once, and the winner was answered with what is stored.
    expect(stored!["history"].map((entry: { to: string }) => entry.to)).toEqual(["RADICADA", "EN_AUDITORIA", lineup[winner]]);
    expect(stored!["history"][2]).toMatchObject({ from: "EN_AUDITORIA", by: agentNo(winner).subject });
    expect(stored!["version"]).toBe(before!["version"] + 1);
    expect(stored).toMatchObject({ queueKey: null, answeredAt: stored!["history"][2].at });
    expect(results[winner]!.data!.decideAuthorization).toEqual({ number, state: lineup[winner], history: stored!["history"].map(({ to }: { to: string }) => ({ to })) });
    if (lineup[winner] === "APROBADA") expect(stored).toMatchObject({ destinationIpsCode: SEED_IPS.caliSpecialised, validUntil, denialReason: null });
    else expect(stored!["destinationIpsCode"] ?? null).toBeNull();
  });
});

describe("duplicate and conflicting PSE callbacks for one payment", () => {
  const START = `mutation($input: StartPacPaymentInput!) { startPacPayment(input: $input) { reference amount redirectUrl } }`;
  const BALANCE = `query($id: ID!) { member(id: $id) { pacStatement { balanceDue } } }`;
  const RECONCILE = `mutation { reconcilePsePayments { applied } }`;
  const holder = PERSONA_FAMILY_IDS.otherMember;
  const invoices: string[] = [];
  const balance = async () => (await stack.query<{ member: { pacStatement: { balanceDue: number } } }>(BALANCE, { viewer: agent, headers: PURPOSE, variables: { id: holder } })).data!.member.pacStatement.balanceDue;
  const callback = (body: string, signature = signBody(body, SECRET)) =>
    fetch(`${stack.subgraphs["billing-pac"]!.url.replace(/\/graphql$/, "")}/pse/callback`, { method: "POST", headers: { "content-type": "application/json", "x-pse-signature": signature }, body });

  beforeAll(async () => {
    // One new contract per round, invoiced for this month by the real run: a fresh, unpaid invoice each.
    const contracts = rounds(18).map((i) => ({ _id: `PAC-RACE-PSE-${i}`, holderId: holder, beneficiaryIds: [holder], plan: "PAC Familiar Plata", monthlyFee: 89_000 + i * 1_000, startDate: "2026-01-01", endDate: null, state: "ACTIVO", stateSince: new Date() }));
    await db("billing-pac").collection("pac_contracts").insertMany(contracts as never[]);
    const run = await stack.query(`mutation($p: String!) { generatePacInvoices(period: $p) { created } }`, { viewer: agent, headers: PURPOSE, variables: { p: todayInColombia().slice(0, 7) } });
    expect(run.errors).toBeUndefined();
    const made = await db("billing-pac").collection("pac_invoices").find({ contractId: { $in: contracts.map((c) => c._id) } }).sort({ contractId: 1 }).toArray();
    invoices.push(...made.map((invoice) => String(invoice._id)));
    expect(invoices).toHaveLength(18);
  });

  // What reaches us at once: copies of the bank's callback racing a reconciliation that asks the bank
  // (after an approval, and after a rejection), or its approval and a validly signed rejection, interleaved.
  const scenarios = [
    { bank: "APROBADO", bodies: ["same", "same", "same", "same", "same"], reconcile: true },
    { bank: "APROBADO", bodies: ["same", "other", "same", "other"], reconcile: false },
    { bank: "RECHAZADO", bodies: ["same", "same", "same", "same"], reconcile: true },
  ] as const;

  it.each(rounds(18))("round %i: the invoice ends PAGADA (or owed and free) once, one payment decided, the balance right", async (round) => {
    const scenario = scenarios[round % scenarios.length]!;
    const owedBefore = await balance();
    const started = await stack.query<{ startPacPayment: { reference: string; amount: number; redirectUrl: string } }>(START, {
      viewer: agent,
      headers: PURPOSE,
      variables: { input: { invoiceNumber: invoices[round], bankCode: "1007", idempotencyKey: `carrera-pse-${round}-0000` } },
    });
    expect(started.errors).toBeUndefined();
    const { reference, amount, redirectUrl } = started.data!.startPacPayment;
    const transaction = redirectUrl.split("/pay/")[1]!;
    await bank.decide(transaction, scenario.bank, { callback: false });
    const same = bank.callbackOf(transaction).body;
    const other = same.replace('"APROBADO"', '"RECHAZADO"');
    const bodies = scenario.bodies.map((which) => (which === "same" ? same : other));

    // The reconciliation goes through the gateway and asks the bank first: the callbacks leave a moment
    // after it, a different moment each round, so that either side wins in some rounds.
    const lag = scenario.reconcile ? (round * 7) % 40 : 0;
    const [reconciled, ...replies] = await Promise.all([
      scenario.reconcile ? stack.query<{ reconcilePsePayments: { applied: number } }>(RECONCILE, { viewer: agent, headers: PURPOSE }) : null,
      ...bodies.map(async (body) => (await new Promise((resolve) => setTimeout(resolve, lag)), callback(body))),
    ]);
    expect(replies.map((reply) => reply.status)).toEqual(bodies.map(() => 200));
    const outcomes = await Promise.all(replies.map(async (reply) => ((await reply.json()) as { outcome: string }).outcome));
    expect(outcomes.every((o) => ["APPLIED", "REJECTED", "ALREADY_DECIDED"].includes(o))).toBe(true);
    const byReconciliation = reconciled ? (expect(reconciled.errors).toBeUndefined(), reconciled.data!.reconcilePsePayments.applied) : 0;
    // Exactly one of all the contenders decided the payment; the others found it decided.
    expect(outcomes.filter((o) => o !== "ALREADY_DECIDED").length + byReconciliation).toBe(1);

    const payment = await db("billing-pac").collection("pse_payments").findOne({ _id: reference as never });
    const invoice = await db("billing-pac").collection("pac_invoices").findOne({ _id: invoices[round] as never });
    expect(await db("billing-pac").collection("pse_payments").countDocuments({ invoiceNumber: invoices[round] })).toBe(1);
    // Only where both outcomes were sent may the result differ from the bank's.
    if (scenario.bodies.every((which) => which === "same")) expect(payment!["state"]).toBe(scenario.bank);
    if (payment!["state"] === "APROBADO") {
      expect(outcomes).not.toContain("REJECTED");
      expect(invoice).toMatchObject({ state: "PAGADA", owedBy: null, openPayment: null, payment: { reference, cus: bank.transactions.get(transaction)!.cus } });
      expect(await balance()).toBe(owedBefore - amount);
    } else {
      // Rejected: nothing paid, the invoice owed again and free for another payment.
      expect(outcomes).not.toContain("APPLIED");
      expect(payment!["state"]).toBe("RECHAZADO");
      expect(invoice).toMatchObject({ state: "EMITIDA", owedBy: holder, openPayment: null, payment: null });
      expect(await balance()).toBe(owedBefore);
    }
  });
});

describe("concurrent invoice runs for one month", () => {
  const RUN = `mutation($p: String!) { generatePacInvoices(period: $p) { created existing } }`;
  const period = () => todayInColombia().slice(0, 7);
  const billing = () => db("billing-pac");
  const sequence = async () => ((await billing().collection("sequences").findOne({ _id: "pac-invoice" as never }))?.["value"] as number | undefined) ?? 0;

  it.each(rounds(15))("round %i: three runs at once give each new contract one invoice, numbered without gaps or duplicates", async (round) => {
    // Settle the month first (nothing else is left to invoice), then add this round's contracts.
    if (round === 0) expect(outcome(await stack.query(RUN, { viewer: agent, headers: PURPOSE, variables: { p: period() } }))).toBe("OK");
    const ids = rounds(4).map((i) => `PAC-RACE-RUN-${round}-${i}`);
    await billing().collection("pac_contracts").insertMany(ids.map((_id) => ({ _id, holderId: PERSONA_FAMILY_IDS.otherMember, beneficiaryIds: [PERSONA_FAMILY_IDS.otherMember], plan: "PAC Familiar Plata", monthlyFee: 89_000, startDate: "2026-01-01", endDate: null, state: "ACTIVO", stateSince: new Date() })) as never[]);
    const last = await sequence();

    const runs = await Promise.all(rounds(3).map((i) => stack.query<{ generatePacInvoices: { created: number } }>(RUN, { viewer: agentNo(i), headers: PURPOSE, variables: { p: period() } })));
    expect(runs.map(outcome)).toEqual(["OK", "OK", "OK"]);
    expect(runs.reduce((sum, run) => sum + run.data!.generatePacInvoices.created, 0)).toBe(ids.length);

    const made = await billing().collection("pac_invoices").find({ contractId: { $in: ids } }).toArray();
    expect(made.map((invoice) => invoice["contractId"]).sort()).toEqual([...ids].sort());
    expect(made.every((invoice) => invoice["period"] === period())).toBe(true);
    // The numbers taken are exactly the next ones: no number lost to a losing run, none used twice.
    expect(made.map((invoice) => invoice["consecutive"] as number).sort((a, b) => a - b)).toEqual(ids.map((_, i) => last + 1 + i));
    expect(await sequence()).toBe(last + ids.length);
    expect(await billing().collection("pac_invoices").countDocuments({ consecutive: { $gt: last } })).toBe(ids.length);
  });
});

describe("concurrent primary-clinic changes by one member", () => {
  const CHANGE = `mutation($ips: String!) { changePrimaryIps(input: { ipsCode: $ips }) { primaryIpsHistory { ips { habilitationCode } } } }`;
  let clinics: string[] = [];
  beforeAll(async () => {
    const network = await db("directory").collection("clinics").find({ municipalityCode: "76001", networks: "PRIMARY", active: true }).sort({ _id: 1 }).toArray();
    clinics = network.map((clinic) => String(clinic._id));
    expect(clinics.length).toBeGreaterThanOrEqual(4);
  });

  it.each(rounds(20))("round %i: every change applied is in the history once, in order, and the clinic is the last one applied", async (round) => {
    // The member starts at one clinic and asks for the three others at once (one of them twice).
    const [from, ...others] = [...clinics.slice(round % clinics.length), ...clinics.slice(0, round % clinics.length)];
    const targets = [others[0]!, others[1]!, others[2]!, others[0]!];
    const { id, viewer } = await freshCotizante(from!);
    const results = await Promise.all(targets.map((ips) => stack.query<{ changePrimaryIps: { primaryIpsHistory: { ips: { habilitationCode: string } }[] } }>(CHANGE, { viewer, variables: { ips } })));
    const outcomes = results.map(outcome);
    // A loser lost the guarded update (CONFLICT) or asked for the clinic it already had (BAD_USER_INPUT).
    expect(outcomes.every((code) => ["OK", "CONFLICT", "BAD_USER_INPUT"].includes(code))).toBe(true);
    const applied = targets.filter((_, i) => outcomes[i] === "OK");
    expect(applied.length).toBeGreaterThanOrEqual(1);

    const after = await members().findOne({ _id: id as never });
    const history = (after!["primaryIpsHistory"] as { ipsCode: string }[]).map((entry) => entry.ipsCode);
    // docs/domain.md sets no "one change per period" rule, so "exactly one" is not the rule: each change
    // is guarded on the clinic the member had when it was checked. One wins from the starting clinic; a
    // contender that read the member only after that write may apply on top of it (seldom: ~1 round in
    // 40 here). What must hold: each change applied is in the history once, in order, none to the clinic
    // already held, and the member's clinic is the last one.
    expect(history).toHaveLength(1 + applied.length);
    expect(history[0]).toBe(from);
    expect([...history.slice(1)].sort()).toEqual([...applied].sort());
    expect(history.every((code, i) => i === 0 || code !== history[i - 1])).toBe(true);
    expect(after!["primaryIpsCode"]).toBe(history.at(-1));
    // Each change applied was answered with the history as it stood right after it: the clinic asked for
    // on top of every change applied before it.
    for (const [i, result] of results.entries()) {
      if (outcomes[i] !== "OK") continue;
      const seen = result.data!.changePrimaryIps.primaryIpsHistory.map((entry) => entry.ips.habilitationCode).reverse();
      expect(seen.at(-1)).toBe(targets[i]);
      expect(history.slice(0, seen.length)).toEqual(seen);
    }
  });
});

describe("concurrent beneficiary additions to one group", () => {
  const ADD = `mutation($input: AddBeneficiaryInput!) { addBeneficiary(input: $input) { id } }`;
  let documents = 0;
  const person = (documentType: string, birthDate: string, firstName: string, sex: string) => ({
    documentType,
    documentNumber: String(1_150_000_000 + ++documents),
    firstName,
    firstSurname: "Carrera",
    secondSurname: "Ortiz",
    birthDate,
    sex,
  });
  /** What each round checks: one person admitted to the group, one group change, one notice to the cotizante. */
  async function admittedOnce(cotizanteId: string, results: GraphqlResult<unknown>[]): Promise<void> {
    oneWinner(results.map(outcome));
    expect(await members().countDocuments({ cotizanteId })).toBe(1);
    expect((await members().findOne({ _id: cotizanteId as never }))!["familyVersion"]).toBe(1);
    expect(await stack.connection.collection("outbox").countDocuments({ memberId: cotizanteId })).toBe(1);
  }

  it.each(rounds(16))("round %i: the same child sent three times at once by the cotizante is admitted once", async () => {
    const { id, viewer } = await freshCotizante(SEED_IPS.personaPrimary);
    const input = { person: person("TI", "2016-05-10", "Samuel", "MASCULINO"), relationship: "HIJO", economicDependent: true };
    const results = await Promise.all(rounds(3).map(() => stack.query(ADD, { viewer, variables: { input } })));
    await admittedOnce(id, results);
    expect(await members().countDocuments({ documentNumber: input.person.documentNumber })).toBe(1);
  });

  it.each(rounds(16))("round %i: of three different spouses added at once by agents, exactly one is admitted", async () => {
    const { id } = await freshCotizante(SEED_IPS.personaPrimary);
    const spouses = rounds(3).map(() => person("CC", "1992-03-14", "Luisa", "FEMENINO"));
    const results = await Promise.all(
      spouses.map((spouse, i) => stack.query(ADD, { viewer: agentNo(i), headers: PURPOSE, variables: { input: { cotizanteId: id, person: spouse, relationship: "CONYUGE_COMPANERO" } } })),
    );
    await admittedOnce(id, results);
    expect(await members().countDocuments({ cotizanteId: id, relationship: "CONYUGE_COMPANERO" })).toBe(1);
    expect(await members().countDocuments({ documentNumber: { $in: spouses.map((spouse) => spouse.documentNumber) } })).toBe(1);
  });
});
