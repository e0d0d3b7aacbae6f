/**
 * NIT (Número de Identificación Tributaria): 9 digits and a check digit computed mod 11 with the DIAN
 * weights 3, 7, 13, 17, 19, 23, 29, 37, 41, 43, 47, 53, 59, 67, 71 applied from the rightmost digit.
 */
const WEIGHTS = [3, 7, 13, 17, 19, 23, 29, 37, 41, 43, 47, 53, 59, 67, 71];

export function nitCheckDigit(base: string): number {
  if (!/^\d{1,15}$/.test(base)) throw new Error(`NIT base must be 1 to 15 digits, got "${base}"`);
  let sum = 0;
  const digits = [...base].reverse();
  digits.forEach((digit, i) => {
    sum += Number(digit) * (WEIGHTS[i] ?? 0);
  });
  const remainder = sum % 11;
  return remainder > 1 ? 11 - remainder : remainder;
}

export interface ParsedNit {
  /** The 9 digits without check digit: the form stored and used as the Employer key. */
  base: string;
  checkDigit: number;
}

/** Accepts "805001157-2", "8050011572" or "805.001.157-2"; null when malformed or the check digit is wrong. */
export function parseNit(input: string): ParsedNit | null {
  const cleaned = input.replace(/[.\s]/g, "");
  const match = /^(\d{9})-?(\d)$/.exec(cleaned);
  if (!match) return null;
  const base = match[1] as string;
  const checkDigit = Number(match[2]);
  return nitCheckDigit(base) === checkDigit ? { base, checkDigit } : null;
}

export const formatNit = (base: string): string => `${base}-${nitCheckDigit(base)}`;
