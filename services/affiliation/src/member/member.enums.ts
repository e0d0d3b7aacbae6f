import { registerEnumType } from "type-graphql";

export enum Regime {
  CONTRIBUTIVO = "CONTRIBUTIVO",
  SUBSIDIADO = "SUBSIDIADO",
}
registerEnumType(Regime, {
  name: "Regime",
  description: "Régimen de afiliación al sistema de salud",
  valuesConfig: {
    CONTRIBUTIVO: { description: "Régimen contributivo: cotiza sobre su ingreso" },
    SUBSIDIADO: { description: "Régimen subsidiado: financiado por el Estado (SISBEN A, B o C)" },
  },
});

export enum MemberType {
  COTIZANTE = "COTIZANTE",
  BENEFICIARIO = "BENEFICIARIO",
  ADICIONAL = "ADICIONAL",
}
registerEnumType(MemberType, {
  name: "MemberType",
  description: "Tipo de afiliado: cotizante, beneficiario o afiliado adicional",
  valuesConfig: {
    COTIZANTE: { description: "Cotizante: titular del grupo familiar; en el contributivo, quien aporta" },
    BENEFICIARIO: { description: "Beneficiario: miembro del grupo familiar de un cotizante" },
    ADICIONAL: { description: "Afiliado adicional (con UPC adicional): ni cotizante ni beneficiario" },
  },
});

export enum CotizanteKind {
  DEPENDIENTE = "DEPENDIENTE",
  INDEPENDIENTE = "INDEPENDIENTE",
  PENSIONADO = "PENSIONADO",
}
registerEnumType(CotizanteKind, {
  name: "CotizanteKind",
  description: "Clase de cotizante",
  valuesConfig: {
    DEPENDIENTE: { description: "Dependiente: trabajador con empleador (aportante) que paga su parte del aporte" },
    INDEPENDIENTE: { description: "Independiente: cotiza por su cuenta sobre el 40 % de sus ingresos" },
    PENSIONADO: { description: "Pensionado: cotiza sobre su mesada pensional" },
  },
});

export enum IncomeBand {
  RANGO_1 = "RANGO_1",
  RANGO_2 = "RANGO_2",
  RANGO_3 = "RANGO_3",
}
registerEnumType(IncomeBand, {
  name: "IncomeBand",
  description: "Rango de ingreso (categoría) del cotizante según su IBC: fija cuotas moderadoras y copagos del grupo familiar",
  valuesConfig: {
    RANGO_1: { description: "Rango 1 (categoría A): IBC menor de 2 SMMLV" },
    RANGO_2: { description: "Rango 2 (categoría B): IBC de 2 a 5 SMMLV" },
    RANGO_3: { description: "Rango 3 (categoría C): IBC mayor de 5 SMMLV" },
  },
});

export enum AffiliationState {
  ACTIVO = "ACTIVO",
  SUSPENDIDO = "SUSPENDIDO",
  RETIRADO = "RETIRADO",
  PROTECCION_LABORAL = "PROTECCION_LABORAL",
  AFILIADO_FALLECIDO = "AFILIADO_FALLECIDO",
}
registerEnumType(AffiliationState, {
  name: "AffiliationState",
  description: "Estado de la afiliación al PBS",
  valuesConfig: {
    ACTIVO: { description: "Activo: tiene derecho a todos los servicios" },
    SUSPENDIDO: { description: "Suspendido por mora (dos periodos consecutivos sin pago)" },
    RETIRADO: { description: "Retirado de la EPS" },
    PROTECCION_LABORAL: { description: "Protección laboral tras perder el empleo: solo servicios de salud" },
    AFILIADO_FALLECIDO: { description: "Afiliado fallecido" },
  },
});

export enum Sex {
  FEMENINO = "FEMENINO",
  MASCULINO = "MASCULINO",
  INDETERMINADO = "INDETERMINADO",
}
registerEnumType(Sex, {
  name: "Sex",
  description: "Sexo registrado en el documento",
  valuesConfig: {
    FEMENINO: { description: "Femenino" },
    MASCULINO: { description: "Masculino" },
    INDETERMINADO: { description: "Indeterminado" },
  },
});

export enum Relationship {
  CONYUGE_COMPANERO = "CONYUGE_COMPANERO",
  HIJO = "HIJO",
  PADRE_MADRE = "PADRE_MADRE",
}
registerEnumType(Relationship, {
  name: "Relationship",
  description: "Parentesco del beneficiario con el cotizante",
  valuesConfig: {
    CONYUGE_COMPANERO: { description: "Cónyuge o compañero(a) permanente" },
    HIJO: { description: "Hijo(a): menor de 25 años que depende del cotizante, o de cualquier edad con incapacidad permanente" },
    PADRE_MADRE: { description: "Padre o madre: solo sin cónyuge ni hijos en el grupo, y si dependen del cotizante" },
  },
});

/** States in which the member may use health services (what a clinic checks). */
export const ENTITLED_STATES: ReadonlySet<AffiliationState> = new Set([AffiliationState.ACTIVO, AffiliationState.PROTECCION_LABORAL]);

/** SISBEN IV groups A1–A5, B1–B7, C1–C18, D1–D21; A to C may join the subsidiado régimen. */
export const SISBEN_GROUP = /^(A[1-5]|B[1-7]|C([1-9]|1[0-8])|D([1-9]|1\d|2[01]))$/;
export const isSubsidyEligible = (group: string): boolean => SISBEN_GROUP.test(group) && group[0] !== "D";
