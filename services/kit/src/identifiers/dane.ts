/**
 * DANE DIVIPOLA municipality codes where S.O.S. operates: 5 digits, the first 2 the department.
 * A code outside this table is "unknown" for the graph. Extend the table (from DANE's DIVIPOLA) when the
 * insurer's coverage grows; the rest of the code reads only this table.
 */
export const DEPARTMENTS: Readonly<Record<string, string>> = {
  "19": "Cauca",
  "63": "Quindío",
  "66": "Risaralda",
  "76": "Valle del Cauca",
};

export const MUNICIPALITIES: Readonly<Record<string, string>> = {
  "76001": "Cali",
  "76109": "Buenaventura",
  "76111": "Guadalajara de Buga",
  "76130": "Candelaria",
  "76147": "Cartago",
  "76248": "El Cerrito",
  "76275": "Florida",
  "76364": "Jamundí",
  "76520": "Palmira",
  "76563": "Pradera",
  "76834": "Tuluá",
  "76892": "Yumbo",
  "19001": "Popayán",
  "19573": "Puerto Tejada",
  "19698": "Santander de Quilichao",
  "66001": "Pereira",
  "66170": "Dosquebradas",
  "66682": "Santa Rosa de Cabal",
  "63001": "Armenia",
  "63130": "Calarcá",
  "63401": "La Tebaida",
};

export const isKnownMunicipality = (code: string): boolean => Object.hasOwn(MUNICIPALITIES, code);

export const municipalityName = (code: string): string | null => MUNICIPALITIES[code] ?? null;

export const departmentOf = (code: string): string | null => DEPARTMENTS[code.slice(0, 2)] ?? null;
