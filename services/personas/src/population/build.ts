import { todayInColombia } from "@sos/kit";
import { Random } from "@sos/kit/seed";
import { buildEmployers } from "./employers.js";
import { HouseholdFactory } from "./households.js";
import { buildNetworkIps, type NetworkClinic } from "./network.js";
import { personaMembers } from "./persona-members.js";
import type { SyntheticEmployer, SyntheticMember } from "./types.js";

/** The seed every subgraph generates with unless told otherwise: one world across the databases. */
export const DEFAULT_SEED = 20261123;
/** Members in a default population, personas included. */
export const DEFAULT_SEED_MEMBERS = 3000;

export interface PopulationOptions {
  /** Total members, personas included (default DEFAULT_SEED_MEMBERS; never fewer than the personas). */
  members?: number;
  /** PRNG seed (default DEFAULT_SEED). */
  seed?: number;
  /** "YYYY-MM-DD" the ages, and the document types that follow from them, are computed against (default: today in Colombia). */
  today?: string;
}

export interface Population {
  /** The persona employer first, then about one employer per 40 members. */
  employers: SyntheticEmployer[];
  /**
   * Generated family groups (cotizante first), ids syntheticMemberId(0), (1), … in order, then the
   * personas' families, María Fernanda last.
   */
  members: SyntheticMember[];
  /** The contracted network of clinics the members are assigned to (buildClinicNetwork of the seed). */
  networkIps: NetworkClinic[];
}

/**
 * The synthetic population, deterministic: the same seed, size and calendar year give the same people
 * (birth dates are drawn relative to 1 January of `today`'s year, so ages stay realistic). Every seed
 * calls this with the same options to know the same people without reading another subgraph's database.
 */
export function buildPopulation(options: PopulationOptions = {}): Population {
  const seed = options.seed ?? DEFAULT_SEED;
  const today = options.today ?? todayInColombia();
  const personas = personaMembers(today);
  const total = Math.max(options.members ?? DEFAULT_SEED_MEMBERS, personas.length);

  // Clinics, employers and households draw from streams 1, 2 and 3 of the seed: the network is the same
  // at any size (the directory seeds it from buildClinicNetwork(seed)), and a larger population's first
  // employers are a smaller one's.
  const networkIps = buildNetworkIps(seed);
  const weightedEmployers = buildEmployers(new Random(seed, 2), Math.max(3, Math.round(total / 40)));
  const households = new HouseholdFactory(new Random(seed, 3), today, networkIps, weightedEmployers, {
    numbers: personas.map((member) => member.documentNumber),
  });
  const members: SyntheticMember[] = [];
  const generatedCount = total - personas.length;
  while (members.length < generatedCount) members.push(...households.household(generatedCount - members.length));
  members.push(...personas);

  const employers = weightedEmployers.map(({ weight: _weight, ...employer }) => employer);
  return { employers, members, networkIps };
}
