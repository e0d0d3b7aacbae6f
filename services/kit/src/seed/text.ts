/** Lowercase ASCII letters and digits only: "Muñoz Peña" → "munozpena" (e-mail addresses, search keys). */
export const plain = (text: string): string =>
  text
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");

/** The landline area prefix: 602 for Valle and Cauca, 606 for Risaralda and Quindío. */
