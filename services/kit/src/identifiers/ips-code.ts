import { isKnownMunicipality } from "./dane.js";

/** REPS habilitation code: 12 digits = DANE municipality (5) + consecutive (5) + sede (2). */
export function isIpsHabilitationCode(code: string): boolean {
  return /^\d{12}$/.test(code) && isKnownMunicipality(code.slice(0, 5));
}

export const ipsMunicipality = (code: string): string => code.slice(0, 5);
