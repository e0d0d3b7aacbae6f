import { ageOn, nationalDocumentForAge } from "@sos/kit";
import { instantOn } from "@sos/kit/seed";
import { PERSONA_EMPLOYER_NIT, PERSONA_FAMILY_IDS, PERSONA_IPS_CODE } from "../personas.js";
import {
  AffiliationState,
  CotizanteKind,
  IncomeBand,
  MemberType,
  Regime,
  Relationship,
  Sex,
  type SyntheticContact,
  type SyntheticIpsAssignment,
  type SyntheticMember,
} from "./types.js";

/** Written in primaryIpsHistory.changedBy for seeded assignments (real ones hold a token subject). */
export const SEED_CHANGED_BY = "seed";

// The personas' own member records (personas.ts names them): María Fernanda's family and another. Fixed
// whatever the seed; only their document types follow `today` (the children grow from RC to TI to CC).

export function personaMembers(today: string): SyntheticMember[] {
  const cali = "76001";
  const since = (date: string): SyntheticIpsAssignment[] => [{ ipsCode: PERSONA_IPS_CODE, since: instantOn(date), changedBy: SEED_CHANGED_BY }];
  const home: Omit<SyntheticContact, "mobile" | "email"> = { landline: "6024851273", address: "Carrera 44 # 9C-35 Apto 402" };
  const otherHome: Omit<SyntheticContact, "mobile" | "email"> = { landline: "6024472190", address: "Calle 34 # 11D-20" };
  const person = (
    fields: Pick<
      SyntheticMember,
      "_id" | "firstName" | "middleName" | "firstSurname" | "secondSurname" | "birthDate" | "sex" | "documentNumber" | "contact" | "affiliationDate"
    > &
      Partial<SyntheticMember>,
  ): SyntheticMember => ({
    documentType: nationalDocumentForAge(ageOn(fields.birthDate, today)),
    municipalityCode: cali,
    regime: Regime.CONTRIBUTIVO,
    memberType: MemberType.BENEFICIARIO,
    cotizanteKind: null,
    state: AffiliationState.ACTIVO,
    sisbenGroup: null,
    incomeBand: null,
    primaryIpsCode: PERSONA_IPS_CODE,
    primaryIpsHistory: since(fields.affiliationDate),
    employerNit: null,
    cotizanteId: null,
    relationship: null,
    permanentDisability: false,
    economicDependent: false,
    seeded: true,
    ...fields,
  });
  const family = PERSONA_FAMILY_IDS;
  return [
    person({
      _id: family.otherMember,
      firstName: "Jorge",
      middleName: "Eliécer",
      firstSurname: "Mosquera",
      secondSurname: "Caicedo",
      birthDate: "1979-11-03",
      sex: Sex.MASCULINO,
      documentNumber: "16789432",
      contact: { ...otherHome, mobile: "3014457812", email: "jorge.mosquera@correo.example" },
      affiliationDate: "2005-08-16",
      memberType: MemberType.COTIZANTE,
      cotizanteKind: CotizanteKind.DEPENDIENTE,
      incomeBand: IncomeBand.RANGO_2,
      employerNit: PERSONA_EMPLOYER_NIT,
    }),
    person({
      _id: family.otherBeneficiary,
      firstName: "Luz",
      middleName: "Dary",
      firstSurname: "Angulo",
      secondSurname: "Riascos",
      birthDate: "1982-06-21",
      sex: Sex.FEMENINO,
      documentNumber: "31986254",
      contact: { ...otherHome, mobile: "3206618345", email: null },
      affiliationDate: "2005-08-16",
      cotizanteId: family.otherMember,
      relationship: Relationship.CONYUGE_COMPANERO,
      economicDependent: true,
    }),
    person({
      _id: family.beneficiary,
      firstName: "Andrés",
      middleName: "Felipe",
      firstSurname: "Rodríguez",
      secondSurname: "Castaño",
      birthDate: "1986-09-02",
      sex: Sex.MASCULINO,
      documentNumber: "1130587421",
      contact: { ...home, mobile: "3186402957", email: "andres.rodriguez86@example.com" },
      affiliationDate: "2013-06-15",
      cotizanteId: family.member,
      relationship: Relationship.CONYUGE_COMPANERO,
      economicDependent: true,
    }),
    person({
      _id: family.olderChild,
      firstName: "Samuel",
      middleName: "David",
      firstSurname: "Rodríguez",
      secondSurname: "Valencia",
      birthDate: "2014-05-20",
      sex: Sex.MASCULINO,
      documentNumber: "1107523964",
      contact: { ...home, mobile: null, email: null },
      affiliationDate: "2014-06-10",
      cotizanteId: family.member,
      relationship: Relationship.HIJO,
      economicDependent: true,
    }),
    person({
      _id: family.youngerChild,
      firstName: "Isabella",
      middleName: "Sofía",
      firstSurname: "Rodríguez",
      secondSurname: "Valencia",
      birthDate: "2022-02-08",
      sex: Sex.FEMENINO,
      documentNumber: "1108642315",
      contact: { ...home, mobile: null, email: null },
      affiliationDate: "2022-03-01",
      cotizanteId: family.member,
      relationship: Relationship.HIJO,
      economicDependent: true,
    }),
    // María Fernanda goes last: her presence means the seed finished.
    person({
      _id: family.member,
      firstName: "María",
      middleName: "Fernanda",
      firstSurname: "Valencia",
      secondSurname: "Muñoz",
      birthDate: "1988-03-14",
      sex: Sex.FEMENINO,
      documentNumber: "1130614287",
      contact: { ...home, mobile: "3157284610", email: "mariafernanda.valencia@correo.example" },
      affiliationDate: "2011-02-01",
      memberType: MemberType.COTIZANTE,
      cotizanteKind: CotizanteKind.DEPENDIENTE,
      incomeBand: IncomeBand.RANGO_2,
      employerNit: PERSONA_EMPLOYER_NIT,
    }),
  ];
}
