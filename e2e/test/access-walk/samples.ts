import { PERSONAS, PERSONA_EMPLOYER_NIT, PERSONA_FAMILY_IDS, PERSONA_IPS_CODE, SEED_IPS } from "@sos/personas";
import { nitCheckDigit, todayInColombia } from "@sos/kit";
import type { Connection } from "mongoose";
import type { MemberFacts } from "./judge.js";

/**
 * The placeholders of the table's `calls` ("@member", "@authorization.youngerChild", ...), resolved from
 * the seeded data of a running stack: the personas' own records and others', so the walk reads both.
 */

/** Where each kind of record is kept. */
const RECORD_MODELS: Readonly<Record<string, { subgraph: string; model: string }>> = {
  authorization: { subgraph: "authorizations", model: "Authorization" },
  mipres: { subgraph: "authorizations", model: "MipresPrescription" },
  pendingDelivery: { subgraph: "authorizations", model: "PendingDelivery" },
  incapacity: { subgraph: "incapacities", model: "Incapacity" },
  pqrs: { subgraph: "pqrs", model: "Pqrs" },
  application: { subgraph: "affiliation", model: "AffiliationApplication" },
};

type StoredRecord = Record<string, unknown>;
const PERSONA_ID_PREFIX = "5e05a0";
const E = PERSONA_EMPLOYER_NIT;
const P = PERSONA_IPS_CODE;

/** Records a call names by a property rather than by whose they are ("@incapacity.unrelated"), picked from the seed. */
const RECORD_PICKS: Readonly<Record<string, (record: StoredRecord, facts: (memberId: unknown) => MemberFacts | undefined) => boolean>> = {
  "@incapacity.memberOverdue": (record) => record["memberId"] === PERSONA_FAMILY_IDS.member && record["state"] === "RADICADA",
  "@incapacity.employerDependent": (record) => isGenerated(record) && record["employerNit"] === E,
  "@incapacity.employerDependentDenied": (record) => record["employerNit"] === E && record["state"] === "NEGADA",
  "@incapacity.extension": (record) => record["employerNit"] === E && !!record["extensionOf"],
  "@incapacity.patientOfIps": (record, facts) => isGenerated(record) && facts(record["memberId"])?.primaryIpsCode === P && record["employerNit"] !== E,
  "@incapacity.unrelated": (record, facts) => isGenerated(record) && record["employerNit"] !== E && facts(record["memberId"])?.primaryIpsCode !== P,
  "@pqrs.memberComplaint": (record) => record["memberId"] === PERSONA_FAMILY_IDS.member && record["type"] === "QUEJA",
  "@pqrs.anonymous": (record) => record["memberId"] === null,
  "@pqrs.patientOfIps": (record, facts) => isGenerated(record) && facts(record["memberId"])?.primaryIpsCode === P,
  "@pqrs.employerDependent": (record, facts) => isGenerated(record) && facts(record["memberId"])?.employerNit === E,
  "@pqrs.unrelated": (record, facts) => isGenerated(record) && facts(record["memberId"])?.employerNit !== E && facts(record["memberId"])?.primaryIpsCode !== P,
};
const isGenerated = (record: StoredRecord): boolean => typeof record["memberId"] === "string" && !record["memberId"].startsWith(PERSONA_ID_PREFIX);

export interface SeededMember extends MemberFacts {
  documentType: string;
  documentNumber: string;
  regime: string;
  sisbenGroup: string | null;
}

export interface SampleSources {
  connections: Readonly<Record<string, Connection>>;
  members: ReadonlyMap<string, SeededMember>;
}

export async function resolveSamples(sources: SampleSources): Promise<Map<string, unknown>> {
  const samples = new Map<string, unknown>();
  for (const [name, id] of Object.entries(PERSONA_FAMILY_IDS)) {
    samples.set(`@${name}`, id);
    const member = sources.members.get(id);
    if (member) {
      samples.set(`@${name}.documentType`, member.documentType);
      samples.set(`@${name}.documentNumber`, member.documentNumber);
    }
  }
  // Token subjects (the ledger is searched by who read).
  for (const [name, viewer] of Object.entries(PERSONAS)) samples.set(`@subject.${name}`, viewer.subject);
  const otherNit = [...sources.members.values()].find((member) => member.employerNit && member.employerNit !== PERSONA_EMPLOYER_NIT)?.employerNit;
  for (const [name, nit] of [["@employerNit", PERSONA_EMPLOYER_NIT], ["@otherEmployerNit", otherNit]] as const) {
    samples.set(name, nit);
    // Query.employer takes the NIT as people write it, with its check digit.
    if (nit) samples.set(`${name}.formatted`, `${nit}-${nitCheckDigit(nit)}`);
  }
  // A member outside the personas' families, employer and clinic: "not yours" for everyone but staff.
  const stranger = [...sources.members].find(
    ([id, member]) => !id.startsWith(PERSONA_ID_PREFIX) && member.state === "ACTIVO" && member.regime === "SUBSIDIADO" && !!member.sisbenGroup && !member.employerNit && member.primaryIpsCode !== P,
  );
  if (stranger) {
    samples.set("@stranger", stranger[0]);
    samples.set("@stranger.documentType", stranger[1].documentType);
    samples.set("@stranger.documentNumber", stranger[1].documentNumber);
  }
  samples.set("@ipsCode", PERSONA_IPS_CODE);
  samples.set("@otherIpsCode", SEED_IPS.caliAlternative);
  const facts = (memberId: unknown): MemberFacts | undefined => (typeof memberId === "string" ? sources.members.get(memberId) : undefined);
  for (const [kind, { subgraph, model }] of Object.entries(RECORD_MODELS)) {
    const records = await sources.connections[subgraph]?.models[model]?.find({}).sort({ _id: 1 }).lean<StoredRecord[]>().exec();
    if (!records) throw new Error(`The walk's samples: no model ${model} in ${subgraph}`);
    // "@authorization.youngerChild": the first record about that persona.
    for (const [name, id] of Object.entries(PERSONA_FAMILY_IDS)) samples.set(`@${kind}.${name}`, records.find((record) => record["memberId"] === id)?.["_id"]);
    for (const [name, pick] of Object.entries(RECORD_PICKS)) if (name.startsWith(`@${kind}.`)) samples.set(name, records.find((record) => pick(record, facts))?.["_id"]);
  }
  const today = todayInColombia();
  samples.set("@thisYear", Number(today.slice(0, 4)));
  samples.set("@thisMonth", today.slice(0, 7));
  samples.set("@monthMinus2", shiftMonth(today.slice(0, 7), -2));
  await pacSamples(sources, samples);
  await clinicSamples(sources, samples);
  return samples;
}

/**
 * An argument set with its placeholders replaced, or null when the seed holds no record of that kind today
 * (the seed follows the calendar; the walk's coverage checks notice if that leaves a field unread). A
 * placeholder the walk does not know is an error.
 */
export function fillCall(call: Record<string, unknown>, samples: ReadonlyMap<string, unknown>): Record<string, unknown> | null {
  let missing = false;
  const fill = (value: unknown): unknown => {
    if (typeof value === "string" && value.startsWith("@")) {
      if (!samples.has(value)) throw new Error(`The walk knows no placeholder ${value} (e2e/test/access-walk/samples.ts)`);
      const sample = samples.get(value);
      if (sample === undefined) missing = true;
      return sample;
    }
    if (Array.isArray(value)) return value.map(fill);
    if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, fill(item)]));
    return value;
  };
  const filled = fill(call) as Record<string, unknown>;
  return missing ? null : filled;
}

/**
 * PAC invoices (María's open and paid ones, and one of a holder outside her family, employer and clinic)
 * and a PSE payment of each of her and that holder's invoices: the seed starts no payment, so the walk
 * records two, already decided (nothing for reconciliation to pick up).
 */
async function pacSamples(sources: SampleSources, samples: Map<string, unknown>): Promise<void> {
  const billing = sources.connections["billing-pac"];
  const invoices = billing?.models["PacInvoice"];
  if (!billing || !invoices) throw new Error("The walk's samples: no PacInvoice model in billing-pac");
  const family = new Set<string>(Object.values(PERSONA_FAMILY_IDS));
  const unrelated = (holderId: string): boolean => {
    const member = sources.members.get(holderId);
    return !family.has(holderId) && !!member && member.employerNit !== PERSONA_EMPLOYER_NIT && member.primaryIpsCode !== PERSONA_IPS_CODE;
  };
  type Invoice = { _id: string; holderId: string; state: string; amount: number };
  const all = await invoices.find({}).sort({ _id: 1 }).lean<Invoice[]>().exec();
  const mine = all.filter((invoice) => invoice.holderId === PERSONA_FAMILY_IDS.member);
  const open = mine.find((invoice) => invoice.state !== "PAGADA") ?? mine[0];
  const paid = mine.find((invoice) => invoice.state === "PAGADA");
  const other = all.find((invoice) => unrelated(invoice.holderId));
  samples.set("@pacInvoice.member", open?._id);
  samples.set("@pacInvoice.memberPaid", paid?._id);
  samples.set("@pacInvoice.otherHolder", other?._id);
  for (const [name, invoice] of [["member", open], ["otherHolder", other]] as const) {
    if (!invoice) continue;
    const reference = `PSE-WALK-${name}`;
    await billing.collection("pse_payments").updateOne(
      { _id: reference as never },
      {
        $setOnInsert: {
          invoiceNumber: invoice._id,
          holderId: invoice.holderId,
          amount: invoice.amount,
          bankCode: "1007",
          state: "RECHAZADO",
          transactionId: `TX-${reference}`,
          redirectUrl: null,
          cus: null,
          createdAt: new Date(),
          resolvedAt: new Date(),
          resolvedBy: "CALLBACK",
          review: null,
          idempotencyKey: `walk:${reference}`,
          startedBy: { subject: "user-member-0001", role: "MEMBER" },
          pendingKey: null,
        },
      },
      { upsert: true },
    );
    samples.set(`@psePayment.${name}`, reference);
  }
}

/** Which clinics each kind of clinical record names (CONCERNED_IPS), from its stored document. */
const NAMED_CLINICS: Readonly<Record<string, { model: string; named(record: Record<string, unknown>): string[] }>> = {
  authorization: { model: "Authorization", named: (record) => [record["requestingIpsCode"], record["destinationIpsCode"]].filter((code): code is string => typeof code === "string") },
  mipres: {
    model: "MipresPrescription",
    named: (record) => ((record["technologies"] as { dispenserIpsCode?: string | null }[] | undefined) ?? []).map((technology) => technology.dispenserIpsCode).filter((code): code is string => !!code),
  },
  pendingDelivery: { model: "PendingDelivery", named: (record) => [record["dispenserIpsCode"]].filter((code): code is string => typeof code === "string") },
};

/**
 * Records that tell a clinic's two ways in apart: `.concerningIps` names the persona clinic but is about a
 * patient who is not its own; `.ipsPatientOther` is about its own patient but names other clinics;
 * `@mipres.prescribedByIps` was prescribed by it and is routed elsewhere, for a patient not its own.
 */
async function clinicSamples(sources: SampleSources, samples: Map<string, unknown>): Promise<void> {
  const ownPatient = (memberId: unknown): boolean => typeof memberId === "string" && sources.members.get(memberId)?.primaryIpsCode === PERSONA_IPS_CODE;
  for (const [kind, { model, named }] of Object.entries(NAMED_CLINICS)) {
    const records = await sources.connections["authorizations"]?.models[model]?.find({}).sort({ _id: 1 }).lean<Record<string, unknown>[]>().exec();
    if (!records) throw new Error(`The walk's samples: no ${model} model in authorizations`);
    const concerning = records.find((record) => named(record).includes(PERSONA_IPS_CODE) && !ownPatient(record["memberId"]));
    const ownOther = records.find((record) => !named(record).includes(PERSONA_IPS_CODE) && ownPatient(record["memberId"]));
    samples.set(`@${kind}.concerningIps`, concerning?.["_id"]);
    samples.set(`@${kind}.ipsPatientOther`, ownOther?.["_id"]);
    if (kind === "mipres") {
      const prescribed = records.find((record) => record["prescriberIpsCode"] === PERSONA_IPS_CODE && !named(record).includes(PERSONA_IPS_CODE) && !ownPatient(record["memberId"]));
      samples.set("@mipres.prescribedByIps", prescribed?.["_id"]);
    }
  }
}

function shiftMonth(month: string, by: number): string {
  const [year, number] = month.split("-").map(Number) as [number, number];
  const date = new Date(Date.UTC(year, number - 1 + by, 1));
  return date.toISOString().slice(0, 7);
}
