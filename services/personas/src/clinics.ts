import { MUNICIPALITIES, municipalityName } from "@sos/kit";
import { Random } from "@sos/kit/seed";
import { SEED_IPS } from "./personas.js";

// The synthetic network of clinics (IPS), one world for every subgraph: the directory seeds their
// particulars from it, affiliation assigns members to them, and both agree on every code by construction.

/** Primary-care clinic kinds. */
export const PRIMARY_IPS_PREFIXES = [
  "IPS", "Centro Médico", "Unidad Médica", "Centro de Salud", "Unidad Básica de Atención", "Consultorios Médicos", "IPS Familiar",
] as const;

/** Specialised (non primary-care) clinic kinds. */
export const SPECIALISED_IPS_PREFIXES = [
  "Clínica de Especialistas", "Centro de Imágenes Diagnósticas", "Instituto Oftalmológico", "Centro Cardiovascular",
  "Unidad Renal", "Centro de Rehabilitación", "Clínica Ortopédica", "Centro Dermatológico",
] as const;

/** Plant, bird and landscape words for clinic and company names. */
export const NAME_CORES = [
  "Samán", "Los Guaduales", "El Guayacán", "Las Palmas", "El Chiminango", "Los Almendros", "Las Acacias",
  "El Caney", "La Ceiba", "Los Cámbulos", "El Yarumo", "Las Garzas", "El Cañaveral", "Los Naranjos",
  "El Tulipán", "Las Orquídeas", "El Carbonero", "Los Mangos", "La Guadua", "El Arrayán", "Las Heliconias",
  "El Turpial", "Los Sauces", "La Palma de Cera", "El Balso", "Los Pomarrosos", "La Chambimbe", "El Nogal",
  "Las Veraneras", "El Cedro", "Los Gualandayes", "El Mirador", "La Loma Verde", "Río Claro", "Aguas Blancas",
  "El Bosque Seco", "Las Brisas", "El Pedregal", "La Colina", "Tres Quebradas", "El Chontaduro", "El Borojó",
  "La Guayaba", "El Cafetal", "Las Piñuelas", "El Lulo", "El Mango Biche", "La Pitaya", "El Currulao",
  "La Marimba", "Las Gaviotas", "El Azulejo", "Los Toches", "La Mirla", "El Barranquero", "El Guácimo",
  "Los Jazmines", "La Floresta", "El Manantial", "Las Cascadas",
] as const;

/** Relative share of members by DANE municipality (a municipality not listed weighs 1). Cali dominates. */
export const MUNICIPALITY_WEIGHTS: Readonly<Record<string, number>> = {
  "76001": 40,
  "76520": 7,
  "76834": 5,
  "76111": 4,
  "76147": 4,
  "76364": 5,
  "76892": 3,
  "76109": 3,
  "76130": 2,
  "76248": 1.5,
  "19001": 5,
  "19698": 2,
  "66001": 6,
  "66170": 3,
  "66682": 1.5,
  "63001": 5,
  "63130": 1.5,
};

/** Approximate town centres (latitude, longitude) of the municipalities, for clinics' locations. */
export const MUNICIPALITY_CENTRES: Readonly<Record<string, readonly [number, number]>> = {
  "76001": [3.4516, -76.532],
  "76109": [3.8801, -77.0312],
  "76111": [3.9009, -76.2978],
  "76130": [3.4075, -76.3486],
  "76147": [4.7464, -75.9117],
  "76248": [3.6852, -76.3131],
  "76275": [3.3225, -76.2339],
  "76364": [3.2610, -76.5386],
  "76520": [3.5394, -76.3036],
  "76563": [3.4208, -76.2425],
  "76834": [4.0847, -76.1954],
  "76892": [3.5855, -76.4959],
  "19001": [2.4448, -76.6147],
  "19573": [3.2317, -76.4167],
  "19698": [3.0092, -76.4847],
  "66001": [4.8133, -75.6961],
  "66170": [4.8392, -75.6672],
  "66682": [4.8681, -75.6214],
  "63001": [4.5339, -75.6811],
  "63130": [4.5186, -75.6436],
  "63401": [4.4522, -75.7881],
};

export interface SyntheticClinic {
  /** REPS habilitation code: DANE (5) + consecutive (5) + site (2). */
  code: string;
  name: string;
  municipalityCode: string;
  primaryCare: boolean;
  /** Its contract with the insurer is in force. */
  active: boolean;
}

interface Role {
  primaryCare: boolean;
  active: boolean;
}

/** The clinics the tests and the personas rely on, whatever the seed. */
export const FIXED_CLINICS: readonly SyntheticClinic[] = [
  { code: SEED_IPS.personaPrimary, name: "IPS Samán del Valle", municipalityCode: "76001", primaryCare: true, active: true },
  { code: "760010000102", name: "IPS Samán del Valle – Sede Norte", municipalityCode: "76001", primaryCare: true, active: true },
  { code: SEED_IPS.caliAlternative, name: "Centro Médico Los Guaduales", municipalityCode: "76001", primaryCare: true, active: true },
  { code: SEED_IPS.caliInactive, name: "Unidad Básica de Atención El Chiminango", municipalityCode: "76001", primaryCare: true, active: false },
  { code: SEED_IPS.caliSpecialised, name: "Clínica de Especialistas Los Cámbulos", municipalityCode: "76001", primaryCare: false, active: true },
  { code: SEED_IPS.otherMunicipality, name: "IPS La Ceiba de Palmira", municipalityCode: "76520", primaryCare: true, active: true },
];

/**
 * 4 to 6 clinics per municipality (Cali 8 to 9), each with at least two active primary-care clinics,
 * one primary-care clinic whose contract ended and one specialised clinic: valid and invalid targets
 * everywhere. Deterministic for a seed.
 */
export function buildClinicNetwork(seed: number): SyntheticClinic[] {
  const rng = new Random(seed, 1);
  const names = new Set(FIXED_CLINICS.map((clinic) => clinic.name));
  const out: SyntheticClinic[] = [];
  for (const municipalityCode of Object.keys(MUNICIPALITIES)) {
    const place = municipalityName(municipalityCode) ?? "";
    const list = FIXED_CLINICS.filter((clinic) => clinic.municipalityCode === municipalityCode);
    const count = (role: Role) => list.filter((clinic) => clinic.primaryCare === role.primaryCare && clinic.active === role.active).length;
    const roles: Role[] = [];
    for (let i = count({ primaryCare: true, active: true }); i < 2; i++) roles.push({ primaryCare: true, active: true });
    if (count({ primaryCare: true, active: false }) === 0) roles.push({ primaryCare: true, active: false });
    if (count({ primaryCare: false, active: true }) === 0) roles.push({ primaryCare: false, active: true });
    const target = municipalityCode === "76001" ? rng.int(8, 9) : rng.int(4, 6);
    while (list.length + roles.length < target) {
      roles.push(
        rng.weighted<Role>([
          [{ primaryCare: true, active: true }, 60],
          [{ primaryCare: true, active: false }, 15],
          [{ primaryCare: false, active: true }, 25],
        ]),
      );
    }
    let consecutive = list.reduce((max, clinic) => Math.max(max, Number(clinic.code.slice(5, 10))), 0);
    for (const role of roles) {
      consecutive += rng.int(1, 40);
      let name = "";
      do {
        const prefix = role.primaryCare ? rng.pick(PRIMARY_IPS_PREFIXES) : rng.pick(SPECIALISED_IPS_PREFIXES);
        name = `${prefix} ${rng.pick(NAME_CORES)}${rng.chance(0.4) ? ` de ${place}` : ""}`;
      } while (names.has(name));
      names.add(name);
      out.push({ code: `${municipalityCode}${String(consecutive).padStart(5, "0")}01`, name, municipalityCode, ...role });
    }
    out.push(...list);
  }
  return out.sort((a, b) => a.code.localeCompare(b.code));
}
