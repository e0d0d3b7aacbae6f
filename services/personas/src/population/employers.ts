import type { Random } from "@sos/kit/seed";
import { NAME_CORES } from "../clinics.js";
import { PERSONA_EMPLOYER_NIT } from "../personas.js";
import { COMPANY_SECTORS, REGION_QUALIFIERS, SURNAMES } from "./names.js";
import { weightedMunicipalities } from "./network.js";
import type { SyntheticEmployer } from "./types.js";

/** S.O.S.'s own NIT: never an employer. */
const INSURER_NIT = "805001157";

export interface WeightedEmployer extends SyntheticEmployer {
  /** Relative share of the dependents it gets once every employer has one (dropped from the result). */
  weight: number;
}

const NIT_PREFIXES = ["900", "900", "901", "901", "901", "800", "805", "805", "890", "891", "816", "817", "801"] as const;

/** The persona employer first, then `count - 1` invented companies with unique NITs and names. */
export function buildEmployers(rng: Random, count: number): WeightedEmployer[] {
  const employers: WeightedEmployer[] = [
    { _id: PERSONA_EMPLOYER_NIT, name: "Confecciones Samán del Valle S.A.S.", municipalityCode: "76001", contactEmail: "nomina@confecciones-saman.example", seeded: true, weight: 8 },
  ];
  const nits = new Set([PERSONA_EMPLOYER_NIT, INSURER_NIT]);
  const names = new Set(employers.map((employer) => employer.name));
  while (employers.length < count) {
    let nit = "";
    do nit = rng.pick(NIT_PREFIXES) + rng.digits(6);
    while (nits.has(nit));
    nits.add(nit);
    const municipalityCode = rng.weighted(weightedMunicipalities);
    const qualifiers = REGION_QUALIFIERS[municipalityCode.slice(0, 2)] ?? [""];
    let name = "";
    for (let attempt = 0; name === "" || names.has(name); attempt++) {
      const qualifier = rng.pick(qualifiers);
      // Past a few collisions, a family name makes it unique ("Transportes El Balso Ospina S.A.S.").
      const family = attempt >= 20 ? ` ${rng.pick(SURNAMES)}` : "";
      name = `${rng.pick(COMPANY_SECTORS)} ${rng.pick(NAME_CORES)}${family}${qualifier ? ` ${qualifier}` : ""} S.A.S.`;
    }
    names.add(name);
    employers.push({ _id: nit, name, municipalityCode, contactEmail: `nomina.${nit}@empresa.example`, seeded: true, weight: rng.pick([1, 1, 1, 2, 2, 3, 5, 8, 13]) });
  }
  return employers;
}
