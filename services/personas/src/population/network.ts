import { MUNICIPALITIES } from "@sos/kit";
import { MUNICIPALITY_WEIGHTS, buildClinicNetwork } from "../clinics.js";

/**
 * A clinic of the network keyed as the seeds store clinics (by REPS code in `_id`): the population assigns
 * members to these. No seed but the directory's keeps a copy; the others regenerate it from the same seed.
 */
export interface NetworkClinic {
  /** REPS habilitation code (12 digits). */
  _id: string;
  name: string;
  municipalityCode: string;
  primaryCare: boolean;
  active: boolean;
}

// Municipalities weighted by population (where members live and employers are), for weighted draws.

export const weightedMunicipalities: (readonly [string, number])[] = Object.keys(MUNICIPALITIES).map((code) => [code, MUNICIPALITY_WEIGHTS[code] ?? 1] as const);
export const municipalitiesByDepartment = new Map<string, (readonly [string, number])[]>();
for (const entry of weightedMunicipalities) {
  const department = entry[0].slice(0, 2);
  municipalitiesByDepartment.set(department, [...(municipalitiesByDepartment.get(department) ?? []), entry]);
}

/** The network's clinics (buildClinicNetwork), for assigning members to them. */
export function buildNetworkIps(seed: number): NetworkClinic[] {
  return buildClinicNetwork(seed).map((clinic) => ({
    _id: clinic.code,
    name: clinic.name,
    municipalityCode: clinic.municipalityCode,
    primaryCare: clinic.primaryCare,
    active: clinic.active,
  }));
}
