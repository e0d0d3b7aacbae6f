import { MUNICIPALITIES } from "@sos/kit";
import { MUNICIPALITY_WEIGHTS, buildClinicNetwork } from "@sos/personas";

/**
 * A clinic of the network as the seed needs it to assign members: affiliation keeps no copy of the
 * network (the directory is its one source); the seed reads the same generator the directory seeds from.
 */
export interface NetworkClinic {
  /** REPS habilitation code (12 digits). */
  _id: string;
  name: string;
  municipalityCode: string;
  primaryCare: boolean;
  active: boolean;
}

// Municipalities weighted by population (where members live), and the contracted network of clinics,
// generated once for every subgraph by @sos/personas.

export const weightedMunicipalities: (readonly [string, number])[] = Object.keys(MUNICIPALITIES).map((code) => [code, MUNICIPALITY_WEIGHTS[code] ?? 1] as const);
export const municipalitiesByDepartment = new Map<string, (readonly [string, number])[]>();
for (const entry of weightedMunicipalities) {
  const department = entry[0].slice(0, 2);
  municipalitiesByDepartment.set(department, [...(municipalitiesByDepartment.get(department) ?? []), entry]);
}

/** The network's clinics, for assigning members to them. */
export function buildNetworkIps(seed: number): NetworkClinic[] {
  return buildClinicNetwork(seed).map((clinic) => ({
    _id: clinic.code,
    name: clinic.name,
    municipalityCode: clinic.municipalityCode,
    primaryCare: clinic.primaryCare,
    active: clinic.active,
  }));
}
