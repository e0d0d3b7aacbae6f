import { registerEnumType } from "type-graphql";

/** Colombian identity document types, as the health system (SISPRO) names them. */
export enum DocumentType {
  CC = "CC",
  CE = "CE",
  CD = "CD",
  PA = "PA",
  SC = "SC",
  PE = "PE",
  PT = "PT",
  RC = "RC",
  TI = "TI",
  CN = "CN",
  AS = "AS",
  MS = "MS",
  DE = "DE",
  SI = "SI",
}

registerEnumType(DocumentType, {
  name: "DocumentType",
  description: "Tipo de documento de identidad",
  valuesConfig: {
    CC: { description: "Cédula de ciudadanía (18 años o más)" },
    CE: { description: "Cédula de extranjería" },
    CD: { description: "Carné diplomático" },
    PA: { description: "Pasaporte" },
    SC: { description: "Salvoconducto de permanencia" },
    PE: { description: "Permiso especial de permanencia" },
    PT: { description: "Permiso por protección temporal" },
    RC: { description: "Registro civil (0 a 6 años)" },
    TI: { description: "Tarjeta de identidad (7 a 17 años)" },
    CN: { description: "Certificado de nacido vivo" },
    AS: { description: "Adulto sin identificación" },
    MS: { description: "Menor sin identificación" },
    DE: { description: "Documento extranjero" },
    SI: { description: "Sin identificación" },
  },
});

/**
 * Number formats by type. Colombian national documents are numeric (CC up to 10 digits; TI and RC
 * 10 or 11 since NUIP); foreign and special documents are alphanumeric.
 */
const NUMBER_FORMATS: Record<DocumentType, RegExp> = {
  CC: /^[1-9]\d{2,9}$/,
  TI: /^\d{10,11}$/,
  RC: /^\d{8,11}$/,
  CN: /^\d{6,11}$/,
  CE: /^\d{3,7}$/,
  CD: /^[A-Z0-9]{3,16}$/,
  PA: /^[A-Z0-9]{3,16}$/,
  SC: /^[A-Z0-9]{3,16}$/,
  PE: /^[A-Z0-9]{3,16}$/,
  PT: /^[A-Z0-9]{3,16}$/,
  AS: /^[A-Z0-9]{3,16}$/,
  MS: /^[A-Z0-9]{3,16}$/,
  DE: /^[A-Z0-9]{3,16}$/,
  SI: /^[A-Z0-9]{3,16}$/,
};

export const isValidDocumentNumber = (type: DocumentType, number: string): boolean =>
  NUMBER_FORMATS[type].test(number);

/** Whole years between a birth date and a day, both "YYYY-MM-DD". */
export function ageOn(birthDate: string, on: string): number {
  const [by, bm, bd] = birthDate.split("-").map(Number) as [number, number, number];
  const [y, m, d] = on.split("-").map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/**
 * The national document a Colombian must hold at an age (RC 0–6, TI 7–17, CC 18+). Foreign and
 * special documents are not tied to age; for them this returns null.
 */
export function nationalDocumentForAge(age: number): DocumentType {
  if (age < 7) return DocumentType.RC;
  if (age < 18) return DocumentType.TI;
  return DocumentType.CC;
}

const AGE_BOUND_TYPES = new Set<DocumentType>([DocumentType.RC, DocumentType.TI, DocumentType.CC, DocumentType.CN, DocumentType.MS, DocumentType.AS]);

/** Spanish reason when a document type does not fit the age, or null when it does. */
export function documentTypeAgeProblem(type: DocumentType, age: number): string | null {
  if (age < 0) return "La fecha de nacimiento no puede ser posterior a hoy.";
  if (!AGE_BOUND_TYPES.has(type)) return null;
  if (type === DocumentType.CN) return age < 1 ? null : "El certificado de nacido vivo solo aplica a menores de un año.";
  if (type === DocumentType.MS) return age < 18 ? null : "«Menor sin identificación» solo aplica a menores de 18 años.";
  if (type === DocumentType.AS) return age >= 18 ? null : "«Adulto sin identificación» solo aplica desde los 18 años.";
  const expected = nationalDocumentForAge(age);
  return type === expected
    ? null
    : `Con ${age} años el documento debe ser ${expected} (RC de 0 a 6 años, TI de 7 a 17, CC desde los 18).`;
}
