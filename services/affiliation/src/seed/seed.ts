import { todayInColombia } from "@sos/kit";
import { insertInBatches } from "@sos/kit/seed";
import { PERSONA_IDS, buildPopulation, type NetworkClinic, type SyntheticMember } from "@sos/personas";
import type { Connection } from "mongoose";
import { employerModel, type EmployerDoc } from "../employer/employer.model.js";
import { AffiliationState, CotizanteKind, IncomeBand, MemberType, Regime, Relationship, Sex } from "../member/member.enums.js";
import { memberModel, sortKeyOf, sortNameOf, type MemberDoc } from "../member/member.model.js";
import { sisbenModel } from "../sisben/sisben.registry.js";
import { sisbenRecords } from "../sisben/sisben.seed.js";

/**
 * Synthetic, deterministic seed of the affiliation database: the population of @sos/personas (the
 * personas the dev tokens sign for, employers and family groups of members, assigned to its network of
 * clinics) written as affiliation's documents. Every document carries `seeded: true`; names, numbers
 * and companies are invented.
 *
 * Same seed + same calendar year in Colombia → the same documents (buildPopulation).
 */

export interface SeedOptions {
  /** Total members, personas included (default DEFAULT_SEED_MEMBERS, 3000). */
  members?: number;
  /** PRNG seed (default DEFAULT_SEED). */
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

/**
 * A synthetic member as affiliation stores it: with the name order lists page by, and a family version
 * no change has bumped yet. The population spells every enum value as affiliation's enums do (key and
 * value alike), so looking the value up in the enum converts it without a cast, and a value the enum
 * lacked would not compile.
 */
function memberDocOf(member: SyntheticMember): MemberDoc {
  const sortName = sortNameOf(member);
  return {
    ...member,
    sex: Sex[member.sex],
    regime: Regime[member.regime],
    memberType: MemberType[member.memberType],
    cotizanteKind: member.cotizanteKind && CotizanteKind[member.cotizanteKind],
    state: AffiliationState[member.state],
    incomeBand: member.incomeBand && IncomeBand[member.incomeBand],
    relationship: member.relationship && Relationship[member.relationship],
    sortName,
    sortKey: sortKeyOf(sortName, member._id),
    familyVersion: 0,
  };
}

/** Generates the whole data set in memory (deterministic for a seed, a size and a year). */
export function buildSeedData(options: Pick<SeedOptions, "members" | "seed" | "today"> = {}): {
  networkIps: NetworkClinic[];
  employers: EmployerDoc[];
  members: MemberDoc[];
} {
  const population = buildPopulation(options);
  return { networkIps: population.networkIps, employers: population.employers, members: population.members.map(memberDocOf) };
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
  // The synthetic SISBEN IV registry (its own collection, standing in for the national one).
  await insertInBatches(sisbenModel(connection), sisbenRecords(data.members, todayInColombia(now)), now);
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

// The population's constants, where affiliation's tests and the bench have always found them.
export { DEFAULT_SEED, DEFAULT_SEED_MEMBERS, SEED_CHANGED_BY, SEED_IPS, PERSONA_FAMILY_IDS } from "@sos/personas";
