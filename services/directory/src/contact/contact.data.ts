// How to reach the insurer: phone lines (the public numbers of S.O.S.) and its service offices. Office
// addresses are synthetic, written for this project; hours are minutes since midnight, Colombian time.
import type { OpeningSpan } from "../ips/ips.model.js";

export const NATIONAL_LINE = "01 8000 938 777";
export const PAC_LINE = "(602) 4853057";
/** Agents answer Monday to Saturday, 07:30–17:00; the menu answers 24/7. */
export const AGENT_HOURS: readonly OpeningSpan[] = [1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, opens: 450, closes: 1020 }));

/** City lines, by the DANE codes of the municipalities each serves. */
export const CITY_LINES: readonly { number: string; municipalityCodes: readonly string[] }[] = [
  { number: "(606) 745 12 22", municipalityCodes: ["63001"] },
  { number: "(602) 489 86 86", municipalityCodes: ["76001", "19573", "19698"] },
  { number: "(602) 214 77 00", municipalityCodes: ["76147"] },
  { number: "(602) 262 47 00", municipalityCodes: ["76520", "76275"] },
  { number: "(606) 340 04 04", municipalityCodes: ["66001"] },
  { number: "(602) 839 70 00", municipalityCodes: ["19001"] },
  { number: "(602) 233 91 00", municipalityCodes: ["76834"] },
];

/** The phone menu's options. */
export const MENU: readonly { option: number; description: string }[] = [
  { option: 1, description: "Peticiones, quejas, reclamos y sugerencias (PQRS)" },
  { option: 2, description: "Asesoría en afiliación" },
  { option: 3, description: "Afiliados PBS y PAC" },
  { option: 4, description: "Empleadores" },
  { option: 5, description: "Prestadores" },
  { option: 6, description: "Superintendencia Nacional de Salud" },
  { option: 7, description: "Línea de salud mental" },
  { option: 9, description: "Adultos mayores" },
];

export interface Office {
  id: string;
  name: string;
  municipalityCode: string;
  address: string;
  hours: readonly OpeningSpan[];
}

const WEEKDAYS_AND_SATURDAY: readonly OpeningSpan[] = [
  ...[1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: 450, closes: 1020 })),
  { weekday: 6, opens: 480, closes: 720 },
];
const WEEKDAYS: readonly OpeningSpan[] = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: 480, closes: 1020 }));

export const OFFICES: readonly Office[] = [
  { id: "cali-norte", name: "Oficina Cali Norte", municipalityCode: "76001", address: "Avenida 6N # 23-45", hours: WEEKDAYS_AND_SATURDAY },
  { id: "cali-sur", name: "Oficina Cali Sur", municipalityCode: "76001", address: "Carrera 100 # 11-60", hours: WEEKDAYS_AND_SATURDAY },
  { id: "palmira-centro", name: "Oficina Palmira Centro", municipalityCode: "76520", address: "Calle 30 # 28-15", hours: WEEKDAYS_AND_SATURDAY },
  { id: "palmira-zamorano", name: "Punto de atención Zamorano", municipalityCode: "76520", address: "Carrera 33A # 46-20", hours: WEEKDAYS },
  { id: "tulua", name: "Oficina Tuluá", municipalityCode: "76834", address: "Calle 27 # 24-30", hours: WEEKDAYS_AND_SATURDAY },
  { id: "cartago", name: "Oficina Cartago", municipalityCode: "76147", address: "Carrera 4 # 11-21", hours: WEEKDAYS },
  { id: "buga", name: "Oficina Buga", municipalityCode: "76111", address: "Calle 6 # 13-40", hours: WEEKDAYS },
  { id: "jamundi", name: "Oficina Jamundí", municipalityCode: "76364", address: "Carrera 10 # 12-35", hours: WEEKDAYS },
  { id: "popayan", name: "Oficina Popayán", municipalityCode: "19001", address: "Calle 5 # 9-25", hours: WEEKDAYS_AND_SATURDAY },
  { id: "santander-de-quilichao", name: "Oficina Santander de Quilichao", municipalityCode: "19698", address: "Carrera 10 # 4-18", hours: WEEKDAYS },
  { id: "pereira", name: "Oficina Pereira", municipalityCode: "66001", address: "Calle 19 # 8-34", hours: WEEKDAYS_AND_SATURDAY },
  { id: "dosquebradas", name: "Oficina Dosquebradas", municipalityCode: "66170", address: "Avenida Simón Bolívar # 36-12", hours: WEEKDAYS },
  { id: "armenia", name: "Oficina Armenia", municipalityCode: "63001", address: "Carrera 14 # 21-50", hours: WEEKDAYS_AND_SATURDAY },
  { id: "calarca", name: "Oficina Calarcá", municipalityCode: "63130", address: "Calle 39 # 25-10", hours: WEEKDAYS },
];
