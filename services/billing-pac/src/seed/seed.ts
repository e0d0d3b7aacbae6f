import { todayInColombia, type Logger } from "@sos/kit";
import { Random, insertInBatches } from "@sos/kit/seed";
import { DEFAULT_SEED, buildPopulation } from "@sos/personas";
import type { Connection } from "mongoose";
import { contributionModel } from "../contribution/contribution.model.js";
import { contractModel, invoiceModel, sequenceModel } from "../pac/pac.model.js";
import { readBillingSettings } from "../settings.js";
import { buildContributions } from "./contributions.seed.js";
import { buildPac } from "./pac.seed.js";

/** Whether a seeded database is there: the persona's contributions are written last. */
const SEEDED = { seeded: true, memberId: "5e05a0000000000000000001" };

/**
 * Seeds an empty billing database for the synthetic population (@sos/personas: the same people, employers
 * and income bands affiliation seeded); leaves a seeded one as it is.
 */
export async function seedBilling(connection: Connection, options: { members?: number; logger?: Logger; today?: string; seed?: number } = {}): Promise<{ created: boolean }> {
  const contributions = contributionModel(connection);
  if (await contributions.exists(SEEDED)) return { created: false };
  const started = performance.now();
  const today = options.today ?? todayInColombia();
  const seed = options.seed ?? DEFAULT_SEED;
  const settings = readBillingSettings(process.env);
  const { members, employers } = buildPopulation({ members: options.members ?? 3000, seed, today });
  const rows = buildContributions(new Random(seed, 21), members, employers, today);
  const pac = buildPac(new Random(seed, 22), members, today, settings.invoicePrefix, settings.dianTechnicalKey);
  const at = new Date();
  await insertInBatches(contractModel(connection), pac.contracts, at);
  await insertInBatches(invoiceModel(connection), pac.invoices, at);
  await sequenceModel(connection).updateOne({ _id: "pac-invoice" }, { $max: { value: pac.lastConsecutive } }, { upsert: true });
  // The persona's rows last: their presence marks the seed as done.
  const persona = (row: { memberId: string }) => row.memberId === SEEDED.memberId;
  await insertInBatches(contributions, rows.filter((row) => !persona(row)), at);
  await insertInBatches(contributions, rows.filter(persona), at);
  options.logger?.info({ contributions: rows.length, contracts: pac.contracts.length, invoices: pac.invoices.length, ms: Math.round(performance.now() - started) }, "billing seeded");
  return { created: true };
}
