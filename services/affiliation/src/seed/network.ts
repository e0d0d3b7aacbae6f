import { MUNICIPALITIES } from "@sos/kit";
import { MUNICIPALITY_WEIGHTS, buildClinicNetwork } from "@sos/personas";
import type { NetworkIpsDoc } from "../ips/network-ips.model.js";

// Municipalities weighted by population (where members live), and the contracted network of clinics,
// generated once for every subgraph by @sos/personas.

export const weightedMunicipalities: (readonly [string, number])[] = Object.keys(MUNICIPALITIES).map((code) => [code, MUNICIPALITY_WEIGHTS[code] ?? 1] as const);
export const municipalitiesByDepartment = new Map<string, (readonly [string, number])[]>();
for (const entry of weightedMunicipalities) {
  const department = entry[0].slice(0, 2);
  municipalitiesByDepartment.set(department, [...(municipalitiesByDepartment.get(department) ?? []), entry]);
}

/** Affiliation's copy of the network: which clinics members may be assigned to (the directory has the rest). */
export function buildNetworkIps(seed: number): NetworkIpsDoc[] {
  return buildClinicNetwork(seed).map((clinic) => ({
    _id: clinic.code,
    name: clinic.name,
    municipalityCode: clinic.municipalityCode,
    primaryCare: clinic.primaryCare,
    active: clinic.active,
    seeded: true,
  }));
}
