import { Random, insertInBatches } from "@sos/kit/seed";
import { MUNICIPALITY_CENTRES, SEED_IPS, buildClinicNetwork, type SyntheticClinic } from "@sos/personas";
import type { Connection } from "mongoose";
import { IpsNature, IpsNetwork, clinicModel, type ClinicDoc, type OpeningSpan } from "../ips/ips.model.js";
import { PAC_SPECIALTIES, pacDoctorModel, type PacDoctorDoc } from "../pac/pac-doctor.model.js";

/** The same seed as affiliation's: both build the same clinic network from @sos/personas. */
export const DEFAULT_SEED = 20261123;

const DAY = 1440;
const everyDay = (opens: number, closes: number, days = [0, 1, 2, 3, 4, 5, 6]): OpeningSpan[] => days.map((weekday) => ({ weekday, opens, closes }));
/** Weekdays 07:00–17:00 and Saturday 08:00–12:00: a primary-care clinic. */
const OFFICE_HOURS = [...everyDay(7 * 60, 17 * 60, [1, 2, 3, 4, 5]), { weekday: 6, opens: 8 * 60, closes: 12 * 60 }];
/** A daytime emergency room: Monday to Saturday 07:00–19:00, closed on Sundays and holidays. */
const DAYTIME_ER = everyDay(7 * 60, 19 * 60, [1, 2, 3, 4, 5, 6]);

/** Fixed places for the clinics the tests reason about: Samán at the centre of Cali, Los Cámbulos 1.6 km north. */
const FIXED_PLACES: Record<string, [number, number]> = {
  [SEED_IPS.personaPrimary]: [-76.532, 3.4516],
  [SEED_IPS.caliSpecialised]: [-76.53, 3.466],
};

const SERVICES = {
  primary: [
    { code: "328", name: "Medicina general" },
    { code: "329", name: "Medicina interna" },
    { code: "334", name: "Odontología general" },
    { code: "714", name: "Servicio farmacéutico" },
  ],
  emergency: [{ code: "1101", name: "Atención de urgencias" }],
  specialised: [
    { code: "301", name: "Anestesia" },
    { code: "320", name: "Ginecobstetricia" },
    { code: "342", name: "Pediatría" },
    { code: "355", name: "Urología" },
  ],
} as const;

function clinicDoc(clinic: SyntheticClinic, rng: Random, emergency: "24H" | "DAYTIME" | null): ClinicDoc {
  const [lat, lng] = MUNICIPALITY_CENTRES[clinic.municipalityCode] ?? [3.45, -76.53];
  // Within about 3 km of the town centre.
  const place = FIXED_PLACES[clinic.code] ?? [lng + (rng.next() - 0.5) * 0.05, lat + (rng.next() - 0.5) * 0.05];
  const prefix = ["66", "63"].includes(clinic.municipalityCode.slice(0, 2)) ? "606" : "602";
  const networks: IpsNetwork[] = [
    ...(clinic.primaryCare ? [IpsNetwork.PRIMARY] : []),
    ...(emergency ? [IpsNetwork.EMERGENCY] : []),
    ...(!clinic.primaryCare && rng.chance(0.5) ? [IpsNetwork.PAC] : []),
  ];
  const services = [...(clinic.primaryCare ? SERVICES.primary : SERVICES.specialised), ...(emergency ? SERVICES.emergency : [])];
  return {
    _id: clinic.code,
    name: clinic.name,
    nit: `9${rng.digits(8)}`,
    nature: rng.weighted([
      [IpsNature.PRIVADA, 70],
      [IpsNature.PUBLICA, 20],
      [IpsNature.MIXTA, 10],
    ] as const),
    level: clinic.primaryCare ? 1 : rng.int(2, 3),
    municipalityCode: clinic.municipalityCode,
    address: `${rng.pick(["Calle", "Carrera", "Avenida"])} ${rng.int(1, 90)} # ${rng.int(1, 80)}-${String(rng.int(2, 99)).padStart(2, "0")}`,
    phone: `${prefix}${rng.int(2, 8)}${rng.digits(6)}`,
    location: { type: "Point", coordinates: place },
    networks,
    services: services.map((service) => ({ ...service })),
    openingHours: emergency === "24H" ? everyDay(0, DAY) : emergency === "DAYTIME" ? DAYTIME_ER : OFFICE_HOURS,
    holidayHours: emergency === "24H" ? [{ opens: 0, closes: DAY }] : [],
    booking: clinic.primaryCare ? { url: `https://citas.example/${clinic.code}`, phone: `${prefix}${rng.int(2, 8)}${rng.digits(6)}` } : null,
    active: clinic.active,
    seeded: true,
  };
}

/**
 * Every clinic of the network with its particulars: a 24-hour emergency room in each municipality (the
 * specialised clinic), daytime ones among the primary clinics (Samán, María Fernanda's, is one).
 */
export function buildDirectory(seed = DEFAULT_SEED): ClinicDoc[] {
  const rng = new Random(seed, 11);
  const network = buildClinicNetwork(seed);
  const withAllDayEr = new Set<string>();
  return network.map((clinic) => {
    let emergency: "24H" | "DAYTIME" | null = null;
    if (clinic.active && !clinic.primaryCare && !withAllDayEr.has(clinic.municipalityCode)) {
      withAllDayEr.add(clinic.municipalityCode);
      emergency = "24H";
    } else if (clinic.code === SEED_IPS.personaPrimary || (clinic.active && clinic.primaryCare && rng.chance(0.3))) {
      emergency = "DAYTIME";
    }
    return clinicDoc(clinic, rng, emergency);
  });
}

const GIVEN = ["Andrés", "Carolina", "Julián", "Natalia", "Felipe", "Paola", "Santiago", "Lorena", "Camilo", "Diana", "Mauricio", "Adriana"] as const;
const SURNAMES = ["Valencia", "Cifuentes", "Ocampo", "Mosquera", "Rengifo", "Zapata", "Caicedo", "Arango", "Montaño", "Lozano", "Giraldo", "Cárdenas"] as const;

/** Two to four PAC doctors per specialty in every municipality with a PAC clinic, at one or two of its sites. */
export function buildPacDoctors(clinics: readonly ClinicDoc[], seed = DEFAULT_SEED): PacDoctorDoc[] {
  const rng = new Random(seed, 12);
  const pacByMunicipality = new Map<string, ClinicDoc[]>();
  for (const clinic of clinics) {
    if (!clinic.active || !clinic.networks.includes(IpsNetwork.PAC)) continue;
    pacByMunicipality.set(clinic.municipalityCode, [...(pacByMunicipality.get(clinic.municipalityCode) ?? []), clinic]);
  }
  const doctors: PacDoctorDoc[] = [];
  for (const [municipalityCode, sites] of pacByMunicipality) {
    for (const specialty of PAC_SPECIALTIES) {
      for (let i = rng.int(2, 4); i > 0; i--) {
        const id = rng.hex(24);
        const fullName = `Dr(a). ${rng.pick(GIVEN)} ${rng.pick(SURNAMES)} ${rng.pick(SURNAMES)}`;
        const at = rng.chance(0.3) && sites.length > 1 ? sites.slice(0, 2) : [rng.pick(sites)];
        doctors.push({
          _id: id,
          fullName,
          specialty,
          sites: at.map((clinic) => ({
            ipsCode: clinic._id,
            municipalityCode,
            hours: everyDay(rng.pick([7 * 60, 8 * 60, 14 * 60]), rng.pick([12 * 60, 18 * 60]), rng.pick([[1, 3, 5], [2, 4], [1, 2, 3, 4, 5]])).filter((span) => span.opens < span.closes),
          })),
          municipalityCodes: [municipalityCode],
          sortKey: `${fullName.replace(/^Dr\(a\)\. /, "").toLowerCase()} ${id}`,
          seeded: true,
        });
      }
    }
  }
  return doctors;
}

export async function seedDirectory(
  connection: Connection,
  options: { logger?: { info(obj: object, msg?: string): void } } = {},
): Promise<{ created: boolean; clinics: number; pacDoctors: number }> {
  const clinics = clinicModel(connection);
  const doctors = pacDoctorModel(connection);
  if (await clinics.exists({ _id: SEED_IPS.personaPrimary })) {
    return { created: false, clinics: await clinics.estimatedDocumentCount(), pacDoctors: await doctors.estimatedDocumentCount() };
  }
  const docs = buildDirectory();
  const pacDoctors = buildPacDoctors(docs);
  // The doctors first, the clinics (with the persona's, the "seeded" mark) last: an interrupted seed is redone.
  await insertInBatches(doctors, pacDoctors, new Date());
  await insertInBatches(clinics, docs, new Date());
  const report = { created: true, clinics: docs.length, pacDoctors: pacDoctors.length };
  options.logger?.info(report, "directory seeded");
  return report;
}
