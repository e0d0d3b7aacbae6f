import { todayInColombia } from "@sos/kit";
import { Random, insertInBatches } from "@sos/kit/seed";
import { PERSONA_IDS } from "@sos/personas";
import type { Connection } from "mongoose";
import { employerModel, type EmployerDoc } from "../employer/employer.model.js";
import { memberModel, type MemberDoc } from "../member/member.model.js";
import { buildEmployers } from "./employers.js";
import { MemberFactory } from "./members.js";
import { buildNetworkIps, type NetworkClinic } from "./network.js";
import { personaMembers } from "./persona-members.js";

/**
 * Synthetic, deterministic seed of the affiliation database: the contracted network of IPS, employers
 * and family groups of members, plus the fixed personas the dev tokens sign for (personas.ts). Every
 * document carries `seeded: true`; names, numbers and companies are invented.
 *
 * Same seed + same calendar year in Colombia → the same documents (birth dates are drawn relative to
 * 1 January of the current year, so ages, and the document types that follow from them, stay realistic).
 */

export interface SeedOptions {
  /** Total members, personas included (default 3000). */
  members?: number;
  /** PRNG seed (default 20261123). */
  seed?: number;
  logger?: { info(obj: object, msg?: string): void };
  /** "YYYY-MM-DD" the ages are computed against (default: today in Colombia). */
  today?: string;
}

export interface SeedReport {
  created: boolean;
  members: number;
  employers: number;
  ms: number;
}

export const DEFAULT_SEED_MEMBERS = 3000;
export const DEFAULT_SEED = 20261123;

/** Generates the whole data set in memory (deterministic for a seed, a size and a year). */
export function buildSeedData(options: Pick<SeedOptions, "members" | "seed" | "today"> = {}): {
  networkIps: NetworkClinic[];
  employers: EmployerDoc[];
  members: MemberDoc[];
} {
  const seed = options.seed ?? DEFAULT_SEED;
  const today = options.today ?? todayInColombia();
  const personas = personaMembers(today);
  const total = Math.max(options.members ?? DEFAULT_SEED_MEMBERS, personas.length);

  const networkIps = buildNetworkIps(seed);
  const seedEmployers = buildEmployers(new Random(seed, 2), Math.max(3, Math.round(total / 40)));
  const factory = new MemberFactory(new Random(seed, 3), today, networkIps, seedEmployers, {
    numbers: personas.map((member) => member.documentNumber),
  });
  const members: MemberDoc[] = [];
  const randomCount = total - personas.length;
  while (members.length < randomCount) members.push(...factory.family(randomCount - members.length));
  members.push(...personas);

  const employers = seedEmployers.map(({ weight: _weight, ...employer }) => employer);
  return { networkIps, employers, members };
}

/**
 * Seeds an empty affiliation database; does nothing when the persona member is already there. Writes
 * the employers, the members and María Fernanda last, ignoring duplicates, so a seed that was
 * interrupted is completed by the next run. The clinics are the directory's (it seeds them).
 */
export async function seedAffiliation(connection: Connection, options: SeedOptions = {}): Promise<SeedReport> {
  const started = performance.now();
  const members = memberModel(connection);
  const employers = employerModel(connection);

  if (await members.exists({ _id: PERSONA_IDS.member })) {
    const [memberCount, employerCount] = await Promise.all([members.estimatedDocumentCount(), employers.estimatedDocumentCount()]);
    const report = { created: false, members: memberCount, employers: employerCount, ms: Math.round(performance.now() - started) };
    options.logger?.info(report, "affiliation already seeded");
    return report;
  }

  const data = buildSeedData(options);
  const last = data.members[data.members.length - 1] as MemberDoc;
  const now = new Date();
  await insertInBatches(employers, data.employers, now);
  await insertInBatches(members, data.members.slice(0, -1), now);
  await insertInBatches(members, [last], now);

  const report: SeedReport = {
    created: true,
    members: data.members.length,
    employers: data.employers.length,
    ms: Math.round(performance.now() - started),
  };
  options.logger?.info(report, "affiliation seeded");
  return report;
}

export { SEED_IPS, PERSONA_FAMILY_IDS } from "@sos/personas";
export { SEED_CHANGED_BY } from "./persona-members.js";
