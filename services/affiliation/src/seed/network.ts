import { MUNICIPALITIES, municipalityName } from "@sos/kit";
import type { Random } from "@sos/kit/seed";
import { SEED_IPS } from "@sos/personas";
import type { NetworkIpsDoc } from "../ips/network-ips.model.js";
import { MUNICIPALITY_WEIGHTS, NAME_CORES, PRIMARY_IPS_PREFIXES, SPECIALISED_IPS_PREFIXES } from "./names.js";

// The contracted network of clinics (IPS): the fixed ones the tests rely on, and a generated network
// over every municipality, weighted by population.

export const weightedMunicipalities: (readonly [string, number])[] = Object.keys(MUNICIPALITIES).map((code) => [code, MUNICIPALITY_WEIGHTS[code] ?? 1] as const);
export const municipalitiesByDepartment = new Map<string, (readonly [string, number])[]>();
for (const entry of weightedMunicipalities) {
  const department = entry[0].slice(0, 2);
  municipalitiesByDepartment.set(department, [...(municipalitiesByDepartment.get(department) ?? []), entry]);
}

// ---------------------------------------------------------------------------------------------------
// Network IPS

interface IpsRole {
  primaryCare: boolean;
  active: boolean;
}

const FIXED_IPS: readonly NetworkIpsDoc[] = [
  { _id: SEED_IPS.personaPrimary, name: "IPS Samán del Valle", municipalityCode: "76001", primaryCare: true, active: true },
  { _id: "760010000102", name: "IPS Samán del Valle – Sede Norte", municipalityCode: "76001", primaryCare: true, active: true },
  { _id: SEED_IPS.caliAlternative, name: "Centro Médico Los Guaduales", municipalityCode: "76001", primaryCare: true, active: true },
  { _id: SEED_IPS.caliInactive, name: "Unidad Básica de Atención El Chiminango", municipalityCode: "76001", primaryCare: true, active: false },
  { _id: SEED_IPS.caliSpecialised, name: "Clínica de Especialistas Los Cámbulos", municipalityCode: "76001", primaryCare: false, active: true },
  { _id: SEED_IPS.otherMunicipality, name: "IPS La Ceiba de Palmira", municipalityCode: "76520", primaryCare: true, active: true },
];

/**
 * 4 to 6 IPS per municipality (Cali 8 to 9), each with at least two active primary-care IPS, one
 * primary-care IPS whose contract ended and one specialised IPS: valid and invalid targets everywhere.
 */
export function buildNetworkIps(rng: Random): NetworkIpsDoc[] {
  const names = new Set(FIXED_IPS.map((ips) => ips.name));
  const out: NetworkIpsDoc[] = [];
  for (const municipalityCode of Object.keys(MUNICIPALITIES)) {
    const place = municipalityName(municipalityCode) ?? "";
    const fixed = FIXED_IPS.filter((ips) => ips.municipalityCode === municipalityCode);
    const list: NetworkIpsDoc[] = fixed.map((ips) => ({ ...ips, seeded: true }));
    const count = (role: IpsRole) => list.filter((ips) => ips.primaryCare === role.primaryCare && ips.active === role.active).length;
    const roles: IpsRole[] = [];
    for (let i = count({ primaryCare: true, active: true }); i < 2; i++) roles.push({ primaryCare: true, active: true });
    if (count({ primaryCare: true, active: false }) === 0) roles.push({ primaryCare: true, active: false });
    if (count({ primaryCare: false, active: true }) === 0) roles.push({ primaryCare: false, active: true });
    const target = municipalityCode === "76001" ? rng.int(8, 9) : rng.int(4, 6);
    while (list.length + roles.length < target) {
      roles.push(
        rng.weighted<IpsRole>([
          [{ primaryCare: true, active: true }, 60],
          [{ primaryCare: true, active: false }, 15],
          [{ primaryCare: false, active: true }, 25],
        ]),
      );
    }
    let consecutive = fixed.reduce((max, ips) => Math.max(max, Number(ips._id.slice(5, 10))), 0);
    for (const role of roles) {
      consecutive += rng.int(1, 40);
      let name = "";
      do {
        const prefix = role.primaryCare ? rng.pick(PRIMARY_IPS_PREFIXES) : rng.pick(SPECIALISED_IPS_PREFIXES);
        name = `${prefix} ${rng.pick(NAME_CORES)}${rng.chance(0.4) ? ` de ${place}` : ""}`;
      } while (names.has(name));
      names.add(name);
      out.push({ _id: `${municipalityCode}${String(consecutive).padStart(5, "0")}01`, name, municipalityCode, ...role, seeded: true });
    }
    out.push(...list);
  }
  return out.sort((a, b) => a._id.localeCompare(b._id));
}
