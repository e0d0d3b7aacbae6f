import { MUNICIPALITIES, ageOn, municipalityName, nationalDocumentForAge, todayInColombia } from "@sos/kit";
import type { Connection, Model } from "mongoose";
import { employerModel, type EmployerDoc } from "../employer/employer.model.js";
import { networkIpsModel, type NetworkIpsDoc } from "../ips/network-ips.model.js";
import { AffiliationState, CotizanteKind, MemberType, Regime, Relationship, Sex } from "../member/member.enums.js";
import { memberModel, sortKeyOf, sortNameOf, type ContactData, type MemberDoc, type PrimaryIpsAssignment } from "../member/member.model.js";
import {
  COMPANY_SECTORS,
  COMPOUND_LEADS,
  EMAIL_DOMAINS,
  FEMALE_CLASSIC,
  FEMALE_MODERN,
  MALE_CLASSIC,
  MALE_MODERN,
  MOBILE_PREFIXES,
  MUNICIPALITY_WEIGHTS,
  NAME_CORES,
  NUIP_PREFIXES,
  OLD_CC_PREFIXES,
  PRIMARY_IPS_PREFIXES,
  REGION_QUALIFIERS,
  SPECIALISED_IPS_PREFIXES,
  STREET_TYPES,
  SURNAMES,
} from "./names.js";
import { PERSONA_EMPLOYER_NIT, PERSONA_IDS, PERSONA_IPS_CODE } from "./personas.js";

/**
 * Synthetic, deterministic seed of the affiliation database: the contracted network of IPS, employers
 * and family groups of members, plus the fixed personas the dev tokens sign for (personas.ts). Every
 * document carries `seeded: true`; names, numbers and companies are invented.
 *
 * Same seed + same calendar year in Colombia → the same documents (birth dates are drawn relative to
 * 1 January of the current year, so ages, and the document types that follow from them, stay realistic).
 */

export interface SeedOptions {
  /** Total members, personas included (default 3000). */
  members?: number;
  /** PRNG seed (default 20261123). */
  seed?: number;
  logger?: { info(obj: object, msg?: string): void };
  /** "YYYY-MM-DD" the ages are computed against (default: today in Colombia). */
  today?: string;
}

export interface SeedReport {
  created: boolean;
  members: number;
  employers: number;
  networkIps: number;
  ms: number;
}

export const DEFAULT_SEED_MEMBERS = 3000;
export const DEFAULT_SEED = 20261123;
const BATCH_SIZE = 1000;
/** Written in primaryIpsHistory.changedBy for seeded assignments (real ones hold a token subject). */
export const SEED_CHANGED_BY = "seed";

/** Network IPS the tests and the dev stack rely on, fixed whatever the seed. */
export const SEED_IPS = {
  /** IPS Samán del Valle, Cali, active primary care: María Fernanda's primary IPS. */
  personaPrimary: PERSONA_IPS_CODE,
  /** Another active primary-care IPS in Cali: a valid "change primary IPS" target for the personas. */
  caliAlternative: "760010000201",
  /** A primary-care IPS in Cali whose contract ended: an invalid target. */
  caliInactive: "760010000301",
  /** An active specialised (non primary-care) IPS in Cali: an invalid target. */
  caliSpecialised: "760010000401",
  /** An active primary-care IPS in Palmira: invalid for a Cali member (other municipality). */
  otherMunicipality: "765200000101",
} as const;

/** The personas' whole families (PERSONA_IDS plus the children and the other family's beneficiary). */
export const PERSONA_FAMILY_IDS = {
  ...PERSONA_IDS,
  /** María Fernanda's son, about 12 (TI). */
  olderChild: "5e05a0000000000000000003",
  /** María Fernanda's daughter, about 4 (RC). */
  youngerChild: "5e05a0000000000000000004",
  /** The other cotizante's spouse. */
  otherBeneficiary: "5e05a0000000000000000011",
} as const;

const PERSONA_ID_PREFIX = "5e05a0";
/** S.O.S.'s own NIT: never an employer. */
const INSURER_NIT = "805001157";

// ---------------------------------------------------------------------------------------------------
// Deterministic randomness

/** mulberry32: a tiny 32-bit PRNG, plenty for synthetic data. */
class Random {
  private state: number;

  constructor(seed: number, stream: number) {
    this.state = (seed + Math.imul(stream, 0x9e3779b9)) >>> 0;
  }

  uint32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** [0, 1) */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }

  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = this.next() * total;
    for (const [value, weight] of entries) {
      roll -= weight;
      if (roll < 0) return value;
    }
    return (entries[entries.length - 1] as readonly [T, number])[0];
  }

  digits(count: number): string {
    let out = "";
    for (let i = 0; i < count; i++) out += String(this.int(0, 9));
    return out;
  }

  hex(count: number): string {
    let out = "";
    while (out.length < count) out += this.uint32().toString(16).padStart(8, "0");
    return out.slice(0, count);
  }
}

/** A weighted draw over many entries (the employers): cumulative weights and a binary search. */
class WeightedTable<T> {
  private readonly cumulative: number[] = [];
  private readonly total: number;

  constructor(private readonly values: readonly T[], weightOf: (value: T) => number) {
    let sum = 0;
    for (const value of values) this.cumulative.push((sum += weightOf(value)));
    this.total = sum;
  }

  draw(rng: Random): T {
    const roll = rng.next() * this.total;
    let low = 0;
    let high = this.cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((this.cumulative[middle] as number) > roll) high = middle;
      else low = middle + 1;
    }
    return this.values[low] as T;
  }
}

// ---------------------------------------------------------------------------------------------------
// Calendar dates ("YYYY-MM-DD")

const DAY_MS = 86_400_000;
const dayNumber = (date: string): number => Date.parse(`${date}T00:00:00Z`) / DAY_MS;
const fromDayNumber = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);
const addDays = (date: string, days: number): string => fromDayNumber(dayNumber(date) + days);
const addYears = (date: string, years: number): string => {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y + years, m - 1, d)).toISOString().slice(0, 10);
};
const maxDate = (...dates: string[]): string => dates.reduce((a, b) => (a > b ? a : b));
const minDate = (...dates: string[]): string => dates.reduce((a, b) => (a < b ? a : b));
/** 09:00 in Colombia on that day. */
const instantOn = (date: string): Date => new Date(`${date}T14:00:00.000Z`);

/** The earliest affiliation date: S.O.S. took its first members after Ley 100 of 1993. */
const FIRST_AFFILIATION = "1996-01-01";

// ---------------------------------------------------------------------------------------------------
// Text helpers

const plain = (text: string): string =>
  text
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");

/** The landline area prefix: 602 for Valle and Cauca, 606 for Risaralda and Quindío. */
const landlinePrefix = (municipalityCode: string): string => (["66", "63"].includes(municipalityCode.slice(0, 2)) ? "606" : "602");

const weightedMunicipalities: (readonly [string, number])[] = Object.keys(MUNICIPALITIES).map((code) => [code, MUNICIPALITY_WEIGHTS[code] ?? 1] as const);
const municipalitiesByDepartment = new Map<string, (readonly [string, number])[]>();
for (const entry of weightedMunicipalities) {
  const department = entry[0].slice(0, 2);
  municipalitiesByDepartment.set(department, [...(municipalitiesByDepartment.get(department) ?? []), entry]);
}

// ---------------------------------------------------------------------------------------------------
// Network IPS

interface IpsRole {
  primaryCare: boolean;
  active: boolean;
}

const FIXED_IPS: readonly NetworkIpsDoc[] = [
  { _id: SEED_IPS.personaPrimary, name: "IPS Samán del Valle", municipalityCode: "76001", primaryCare: true, active: true },
  { _id: "760010000102", name: "IPS Samán del Valle – Sede Norte", municipalityCode: "76001", primaryCare: true, active: true },
  { _id: SEED_IPS.caliAlternative, name: "Centro Médico Los Guaduales", municipalityCode: "76001", primaryCare: true, active: true },
  { _id: SEED_IPS.caliInactive, name: "Unidad Básica de Atención El Chiminango", municipalityCode: "76001", primaryCare: true, active: false },
  { _id: SEED_IPS.caliSpecialised, name: "Clínica de Especialistas Los Cámbulos", municipalityCode: "76001", primaryCare: false, active: true },
  { _id: SEED_IPS.otherMunicipality, name: "IPS La Ceiba de Palmira", municipalityCode: "76520", primaryCare: true, active: true },
];

/**
 * 4 to 6 IPS per municipality (Cali 8 to 9), each with at least two active primary-care IPS, one
 * primary-care IPS whose contract ended and one specialised IPS: valid and invalid targets everywhere.
 */
function buildNetworkIps(rng: Random): NetworkIpsDoc[] {
  const names = new Set(FIXED_IPS.map((ips) => ips.name));
  const out: NetworkIpsDoc[] = [];
  for (const municipalityCode of Object.keys(MUNICIPALITIES)) {
    const place = municipalityName(municipalityCode) ?? "";
    const fixed = FIXED_IPS.filter((ips) => ips.municipalityCode === municipalityCode);
    const list: NetworkIpsDoc[] = fixed.map((ips) => ({ ...ips, seeded: true }));
    const count = (role: IpsRole) => list.filter((ips) => ips.primaryCare === role.primaryCare && ips.active === role.active).length;
    const roles: IpsRole[] = [];
    for (let i = count({ primaryCare: true, active: true }); i < 2; i++) roles.push({ primaryCare: true, active: true });
    if (count({ primaryCare: true, active: false }) === 0) roles.push({ primaryCare: true, active: false });
    if (count({ primaryCare: false, active: true }) === 0) roles.push({ primaryCare: false, active: true });
    const target = municipalityCode === "76001" ? rng.int(8, 9) : rng.int(4, 6);
    while (list.length + roles.length < target) {
      roles.push(
        rng.weighted<IpsRole>([
          [{ primaryCare: true, active: true }, 60],
          [{ primaryCare: true, active: false }, 15],
          [{ primaryCare: false, active: true }, 25],
        ]),
      );
    }
    let consecutive = fixed.reduce((max, ips) => Math.max(max, Number(ips._id.slice(5, 10))), 0);
    for (const role of roles) {
      consecutive += rng.int(1, 40);
      let name = "";
      do {
        const prefix = role.primaryCare ? rng.pick(PRIMARY_IPS_PREFIXES) : rng.pick(SPECIALISED_IPS_PREFIXES);
        name = `${prefix} ${rng.pick(NAME_CORES)}${rng.chance(0.4) ? ` de ${place}` : ""}`;
      } while (names.has(name));
      names.add(name);
      out.push({ _id: `${municipalityCode}${String(consecutive).padStart(5, "0")}01`, name, municipalityCode, ...role, seeded: true });
    }
    out.push(...list);
  }
  return out.sort((a, b) => a._id.localeCompare(b._id));
}

// ---------------------------------------------------------------------------------------------------
// Employers

interface SeedEmployer extends EmployerDoc {
  /** Relative share of the dependents it gets once every employer has one. */
  weight: number;
}

const NIT_PREFIXES = ["900", "900", "901", "901", "901", "800", "805", "805", "890", "891", "816", "817", "801"] as const;

function buildEmployers(rng: Random, count: number): SeedEmployer[] {
  const employers: SeedEmployer[] = [
    { _id: PERSONA_EMPLOYER_NIT, name: "Confecciones Samán del Valle S.A.S.", municipalityCode: "76001", seeded: true, weight: 8 },
  ];
  const nits = new Set([PERSONA_EMPLOYER_NIT, INSURER_NIT]);
  const names = new Set(employers.map((employer) => employer.name));
  while (employers.length < count) {
    let nit = "";
    do nit = rng.pick(NIT_PREFIXES) + rng.digits(6);
    while (nits.has(nit));
    nits.add(nit);
    const municipalityCode = rng.weighted(weightedMunicipalities);
    const qualifiers = REGION_QUALIFIERS[municipalityCode.slice(0, 2)] ?? [""];
    let name = "";
    for (let attempt = 0; name === "" || names.has(name); attempt++) {
      const qualifier = rng.pick(qualifiers);
      // Past a few collisions, a family name makes it unique ("Transportes El Balso Ospina S.A.S.").
      const family = attempt >= 20 ? ` ${rng.pick(SURNAMES)}` : "";
      name = `${rng.pick(COMPANY_SECTORS)} ${rng.pick(NAME_CORES)}${family}${qualifier ? ` ${qualifier}` : ""} S.A.S.`;
    }
    names.add(name);
    employers.push({ _id: nit, name, municipalityCode, seeded: true, weight: rng.pick([1, 1, 1, 2, 2, 3, 5, 8, 13]) });
  }
  return employers;
}

// ---------------------------------------------------------------------------------------------------
// Members

type Binary = Sex.FEMENINO | Sex.MASCULINO;
type HeadKind = CotizanteKind | "SUBSIDIADO";
type Shape = "ALONE" | "SPOUSE" | "SPOUSE_CHILDREN" | "CHILDREN" | "PARENTS";

interface Household {
  address: string | null;
  landline: string | null;
}

interface PersonSketch {
  sex: Binary;
  birthDate: string;
  surnames: [string, string];
}

const SISBEN_SUBSIDY_GROUPS: (readonly [string, number])[] = [
  ...[1, 2, 3, 4, 5].map((n) => [`A${n}`, 4] as const),
  ...[1, 2, 3, 4, 5, 6, 7].map((n) => [`B${n}`, 3] as const),
  ...Array.from({ length: 18 }, (_, i) => [`C${i + 1}`, 1] as const),
];

class MemberFactory {
  private readonly usedIds = new Set<string>();
  private readonly usedNumbers = new Set<string>();
  /** 1 January of the current year: random ages are whole years on this day. */
  private readonly reference: string;
  /** The last day dates may fall on: 31 December of last year, so no date is in the future. */
  private readonly lastDay: string;
  private readonly activePrimaryByMunicipality = new Map<string, string[]>();
  private readonly primaryByMunicipality = new Map<string, string[]>();
  private readonly employerTable: WeightedTable<SeedEmployer>;
  private personaQuota = 46;
  private coverIndex = 1;

  constructor(
    private readonly rng: Random,
    private readonly today: string,
    networkIps: readonly NetworkIpsDoc[],
    private readonly employers: readonly SeedEmployer[],
    reserved: { ids: string[]; numbers: string[] },
  ) {
    this.reference = `${today.slice(0, 4)}-01-01`;
    this.lastDay = addDays(this.reference, -1);
    this.employerTable = new WeightedTable(employers, (employer) => employer.weight);
    for (const ips of networkIps) {
      if (!ips.primaryCare) continue;
      const all = this.primaryByMunicipality.get(ips.municipalityCode) ?? [];
      all.push(ips._id);
      this.primaryByMunicipality.set(ips.municipalityCode, all);
      if (!ips.active) continue;
      const active = this.activePrimaryByMunicipality.get(ips.municipalityCode) ?? [];
      active.push(ips._id);
      this.activePrimaryByMunicipality.set(ips.municipalityCode, active);
    }
    reserved.ids.forEach((id) => this.usedIds.add(id));
    reserved.numbers.forEach((number) => this.usedNumbers.add(number));
  }

  /** A family group: the cotizante first, then the beneficiaries (at most `limit` members in all). */
  family(limit: number): MemberDoc[] {
    const rng = this.rng;
    const kind = rng.weighted<HeadKind>([
      [CotizanteKind.DEPENDIENTE, 60],
      [CotizanteKind.INDEPENDIENTE, 12],
      [CotizanteKind.PENSIONADO, 8],
      ["SUBSIDIADO", 20],
    ]);
    const headAge = this.headAge(kind);
    const headSex: Binary = rng.chance(0.52) ? Sex.FEMENINO : Sex.MASCULINO;
    const headSketch: PersonSketch = { sex: headSex, birthDate: this.birthDateForAge(headAge), surnames: this.randomSurnames() };

    let employerNit: string | null = null;
    let municipalityCode: string;
    if (kind === CotizanteKind.DEPENDIENTE) {
      const employer = this.nextEmployer();
      employerNit = employer._id;
      municipalityCode = rng.chance(0.7) ? employer.municipalityCode : this.municipalityInDepartment(employer.municipalityCode.slice(0, 2));
    } else {
      municipalityCode = rng.weighted(weightedMunicipalities);
    }
    const regime = kind === "SUBSIDIADO" ? Regime.SUBSIDIADO : Regime.CONTRIBUTIVO;
    const sisbenGroup = kind === "SUBSIDIADO" ? rng.weighted(SISBEN_SUBSIDY_GROUPS) : null;
    const state = this.headState(kind);
    const household: Household = {
      address: rng.chance(0.92) ? this.address() : null,
      landline: rng.chance(0.35) ? landlinePrefix(municipalityCode) + String(rng.int(2, 8)) + rng.digits(6) : null,
    };
    const affiliationDate = this.dateBetween(maxDate(FIRST_AFFILIATION, addYears(headSketch.birthDate, 18)), this.lastDay);
    const history = this.headHistory(municipalityCode, affiliationDate);

    const head = this.member(headSketch, {
      household,
      municipalityCode,
      regime,
      sisbenGroup,
      state,
      affiliationDate,
      history,
      memberType: MemberType.COTIZANTE,
      cotizanteKind: kind === "SUBSIDIADO" ? null : kind,
      employerNit,
      cotizanteId: null,
      relationship: null,
      permanentDisability: false,
      economicDependent: false,
    });

    const group: MemberDoc[] = [head];
    const beneficiaryStates = (relationship: Relationship): AffiliationState => {
      if (state === AffiliationState.AFILIADO_FALLECIDO) return AffiliationState.RETIRADO;
      if (state !== AffiliationState.ACTIVO) return state;
      if (relationship === Relationship.CONYUGE_COMPANERO && rng.chance(0.02)) return AffiliationState.RETIRADO;
      if (relationship === Relationship.PADRE_MADRE && rng.chance(0.04)) return AffiliationState.AFILIADO_FALLECIDO;
      return AffiliationState.ACTIVO;
    };
    const addBeneficiary = (sketch: PersonSketch, relationship: Relationship, permanentDisability: boolean) => {
      if (group.length >= limit) return;
      const childBornLater = relationship === Relationship.HIJO && sketch.birthDate > affiliationDate;
      const earliest = relationship === Relationship.CONYUGE_COMPANERO ? maxDate(affiliationDate, addYears(sketch.birthDate, 18)) : affiliationDate;
      const joined = childBornLater
        ? minDate(addDays(sketch.birthDate, rng.int(3, 60)), this.lastDay)
        : rng.chance(0.6)
          ? minDate(earliest, this.lastDay)
          : this.dateBetween(earliest, this.lastDay);
      group.push(
        this.member(sketch, {
          household,
          municipalityCode,
          regime,
          sisbenGroup,
          state: beneficiaryStates(relationship),
          affiliationDate: joined,
          history: this.beneficiaryHistory(history, joined),
          memberType: MemberType.BENEFICIARIO,
          cotizanteKind: null,
          employerNit: null,
          cotizanteId: head._id,
          relationship,
          permanentDisability,
          economicDependent: relationship !== Relationship.CONYUGE_COMPANERO || rng.chance(0.8),
        }),
      );
    };

    const shape = this.shape(kind, headAge);
    let spouse: PersonSketch | null = null;
    if (shape === "SPOUSE" || shape === "SPOUSE_CHILDREN") {
      const sameSex = rng.chance(0.03);
      const sex: Binary = sameSex ? headSex : headSex === Sex.FEMENINO ? Sex.MASCULINO : Sex.FEMENINO;
      const age = Math.max(18, headAge + rng.int(-8, 6));
      spouse = { sex, birthDate: this.birthDateForAge(age), surnames: this.randomSurnames() };
      addBeneficiary(spouse, Relationship.CONYUGE_COMPANERO, false);
    }
    if (shape === "SPOUSE_CHILDREN" || shape === "CHILDREN") {
      const father = headSex === Sex.MASCULINO ? headSketch : spouse?.sex === Sex.MASCULINO ? spouse : null;
      const mother = headSex === Sex.FEMENINO ? headSketch : spouse?.sex === Sex.FEMENINO ? spouse : null;
      const childSurnames = (): [string, string] => {
        if (father && mother) return [father.surnames[0], mother.surnames[0]];
        if (father) return [father.surnames[0], rng.pick(SURNAMES)];
        if (mother) return rng.chance(0.7) ? [rng.pick(SURNAMES), mother.surnames[0]] : [mother.surnames[0], mother.surnames[1]];
        return this.randomSurnames();
      };
      const youngest = Math.max(0, headAge - 45);
      const oldest = Math.min(23, headAge - 18);
      const children = rng.weighted([
        [1, 45],
        [2, 38],
        [3, 13],
        [4, 4],
      ] as const);
      if (youngest <= oldest) {
        // Siblings a year or more apart (twins aside), eldest first.
        const ages = new Set<number>();
        for (let i = 0; i < children * 3 && ages.size < Math.min(children, oldest - youngest + 1); i++) ages.add(rng.int(youngest, oldest));
        for (const age of [...ages].sort((a, b) => b - a)) {
          const sketch: PersonSketch = {
            sex: rng.chance(0.5) ? Sex.FEMENINO : Sex.MASCULINO,
            birthDate: this.birthDateForAge(age),
            surnames: childSurnames(),
          };
          addBeneficiary(sketch, Relationship.HIJO, rng.chance(0.01));
        }
      }
      // Now and then an adult child with a permanent disability, who stays a beneficiary at any age.
      if (headAge >= 45 && (youngest > oldest || rng.chance(0.04))) {
        const age = rng.int(25, Math.min(headAge - 18, 55));
        addBeneficiary({ sex: rng.chance(0.5) ? Sex.FEMENINO : Sex.MASCULINO, birthDate: this.birthDateForAge(age), surnames: childSurnames() }, Relationship.HIJO, true);
      }
    }
    if (shape === "PARENTS") {
      const both = rng.chance(0.4);
      const fatherFirst = rng.chance(0.4);
      const parents: PersonSketch[] = [];
      const fatherAge = Math.min(92, headAge + rng.int(20, 35));
      const motherAge = Math.min(92, headAge + rng.int(18, 32));
      const father: PersonSketch = { sex: Sex.MASCULINO, birthDate: this.birthDateForAge(fatherAge), surnames: [headSketch.surnames[0], rng.pick(SURNAMES)] };
      const mother: PersonSketch = { sex: Sex.FEMENINO, birthDate: this.birthDateForAge(motherAge), surnames: [headSketch.surnames[1], rng.pick(SURNAMES)] };
      if (both) parents.push(mother, father);
      else parents.push(fatherFirst ? father : mother);
      for (const parent of parents) addBeneficiary(parent, Relationship.PADRE_MADRE, rng.chance(0.05));
    }
    return group;
  }

  private headAge(kind: HeadKind): number {
    const rng = this.rng;
    // The mean of two uniforms: ages bunch in the middle of each range, as in a real population.
    const between = (min: number, max: number) => Math.round((rng.int(min, max) + rng.int(min, max)) / 2);
    switch (kind) {
      case CotizanteKind.DEPENDIENTE:
        return between(19, 62);
      case CotizanteKind.INDEPENDIENTE:
        return between(22, 70);
      case CotizanteKind.PENSIONADO:
        return between(57, 88);
      case "SUBSIDIADO":
        return between(18, 80);
    }
  }

  private shape(kind: HeadKind, headAge: number): Shape {
    if (kind === CotizanteKind.PENSIONADO) {
      return this.rng.weighted<Shape>([
        ["ALONE", 45],
        ["SPOUSE", 45],
        ["CHILDREN", 10],
      ]);
    }
    return this.rng.weighted<Shape>([
      ["ALONE", 35],
      ["SPOUSE", 12],
      ["SPOUSE_CHILDREN", headAge <= 68 ? 28 : 0],
      ["CHILDREN", headAge <= 68 ? 15 : 0],
      ["PARENTS", headAge <= 50 ? 7 : 0],
    ]);
  }

  private headState(kind: HeadKind): AffiliationState {
    const { ACTIVO, SUSPENDIDO, RETIRADO, PROTECCION_LABORAL, AFILIADO_FALLECIDO } = AffiliationState;
    switch (kind) {
      case CotizanteKind.DEPENDIENTE:
        return this.rng.weighted([
          [ACTIVO, 86],
          [SUSPENDIDO, 4],
          [RETIRADO, 4],
          [PROTECCION_LABORAL, 5],
          [AFILIADO_FALLECIDO, 1],
        ]);
      case CotizanteKind.INDEPENDIENTE:
        return this.rng.weighted([
          [ACTIVO, 82],
          [SUSPENDIDO, 10],
          [RETIRADO, 6],
          [AFILIADO_FALLECIDO, 2],
        ]);
      case CotizanteKind.PENSIONADO:
        return this.rng.weighted([
          [ACTIVO, 92],
          [RETIRADO, 2],
          [AFILIADO_FALLECIDO, 6],
        ]);
      case "SUBSIDIADO":
        return this.rng.weighted([
          [ACTIVO, 90],
          [RETIRADO, 8],
          [AFILIADO_FALLECIDO, 2],
        ]);
    }
  }

  /**
   * The persona employer first gets a few dozen dependents (so its list pages), then every other
   * employer one each, then they are drawn by weight.
   */
  private nextEmployer(): SeedEmployer {
    const [persona] = this.employers as [SeedEmployer];
    if (this.personaQuota > 0) {
      this.personaQuota--;
      return persona;
    }
    if (this.coverIndex < this.employers.length) return this.employers[this.coverIndex++] as SeedEmployer;
    return this.employerTable.draw(this.rng);
  }

  private municipalityInDepartment(department: string): string {
    return this.rng.weighted(municipalitiesByDepartment.get(department) ?? weightedMunicipalities);
  }

  /** Oldest first; the last one is current and an active primary-care IPS of the municipality. */
  private headHistory(municipalityCode: string, affiliationDate: string): PrimaryIpsAssignment[] {
    const rng = this.rng;
    const active = this.activePrimaryByMunicipality.get(municipalityCode) ?? [];
    const all = this.primaryByMunicipality.get(municipalityCode) ?? [];
    const first = dayNumber(affiliationDate) + 30;
    const last = dayNumber(this.lastDay);
    let entries = rng.weighted([
      [1, 70],
      [2, 24],
      [3, 6],
    ] as const) as number;
    if (last - first < 60) entries = 1;
    const changes = Array.from({ length: entries - 1 }, () => rng.int(first, last)).sort((a, b) => a - b);
    const codes = [rng.pick(active)];
    while (codes.length < entries) {
      const next = codes[0] as string;
      codes.unshift(rng.pick(all.filter((code) => code !== next)));
    }
    const days = [affiliationDate, ...changes.map(fromDayNumber)];
    return codes.map((ipsCode, i) => ({ ipsCode, since: instantOn(days[i] as string), changedBy: SEED_CHANGED_BY }));
  }

  /** The cotizante's history from the day the beneficiary joined: the family shares its IPS. */
  private beneficiaryHistory(headHistory: PrimaryIpsAssignment[], joined: string): PrimaryIpsAssignment[] {
    const joinedAt = instantOn(joined);
    const before = headHistory.filter((entry) => entry.since <= joinedAt);
    const after = headHistory.filter((entry) => entry.since > joinedAt);
    const atJoin = before[before.length - 1] ?? (headHistory[0] as PrimaryIpsAssignment);
    return [{ ...atJoin, since: joinedAt }, ...after.map((entry) => ({ ...entry }))];
  }

  private member(
    sketch: PersonSketch,
    fields: Pick<
      MemberDoc,
      | "municipalityCode"
      | "regime"
      | "sisbenGroup"
      | "state"
      | "affiliationDate"
      | "memberType"
      | "cotizanteKind"
      | "employerNit"
      | "cotizanteId"
      | "relationship"
      | "permanentDisability"
      | "economicDependent"
    > & { household: Household; history: PrimaryIpsAssignment[] },
  ): MemberDoc {
    const { household, history, ...rest } = fields;
    const [firstName, middleName] = this.givenNames(sketch);
    const age = ageOn(sketch.birthDate, this.today);
    const names = { firstName, middleName, firstSurname: sketch.surnames[0], secondSurname: sketch.surnames[1] };
    const id = this.id();
    const sortName = sortNameOf(names);
    return {
      _id: id,
      documentType: nationalDocumentForAge(age),
      documentNumber: this.documentNumber(sketch),
      ...names,
      sortName,
      sortKey: sortKeyOf(sortName, id),
      birthDate: sketch.birthDate,
      sex: sketch.sex,
      contact: this.contact(names, age, household, rest.municipalityCode),
      ...rest,
      primaryIpsCode: (history[history.length - 1] as PrimaryIpsAssignment).ipsCode,
      primaryIpsHistory: history,
      familyVersion: 0,
      seeded: true,
    };
  }

  private contact(names: { firstName: string; firstSurname: string }, age: number, household: Household, municipalityCode: string): ContactData {
    const rng = this.rng;
    const [mobileChance, emailChance] = age < 14 ? [0, 0] : age < 18 ? [0.6, 0.3] : age < 60 ? [0.95, 0.65] : [0.75, 0.25];
    const mobile = rng.chance(mobileChance) ? rng.pick(MOBILE_PREFIXES) + rng.digits(7) : null;
    const email = rng.chance(emailChance)
      ? `${plain(names.firstName)}.${plain(names.firstSurname)}${rng.chance(0.5) ? rng.int(1, 99) : ""}@${rng.pick(EMAIL_DOMAINS)}`
      : null;
    // Now and then an adult has their own landline (a work line, another home in the same area).
    const landline = age >= 18 && !household.landline && rng.chance(0.05) ? landlinePrefix(municipalityCode) + String(rng.int(2, 8)) + rng.digits(6) : household.landline;
    return { email, mobile, landline, address: household.address };
  }

  private address(): string {
    const rng = this.rng;
    const letter = () => (rng.chance(0.2) ? rng.pick(["A", "B", "C", "D", "N", "BIS"]) : "");
    const street = `${rng.pick(STREET_TYPES)} ${rng.int(1, 120)}${letter()} # ${rng.int(1, 110)}${letter()}-${String(rng.int(2, 99)).padStart(2, "0")}`;
    const unit = rng.weighted([
      ["", 55],
      [` Apto ${rng.int(1, 12)}0${rng.int(1, 8)}`, 35],
      [` Casa ${rng.int(1, 60)}`, 10],
    ] as const);
    return street + unit;
  }

  private givenNames(sketch: PersonSketch): [string, string | null] {
    const rng = this.rng;
    const year = Number(sketch.birthDate.slice(0, 4));
    const modern = rng.chance(year >= 2005 ? 0.85 : year >= 1990 ? 0.5 : year >= 1980 ? 0.15 : 0.03);
    const pool: readonly string[] =
      sketch.sex === Sex.FEMENINO ? (modern ? FEMALE_MODERN : FEMALE_CLASSIC) : modern ? MALE_MODERN : MALE_CLASSIC;
    if (!rng.chance(0.8)) return [rng.pick(pool), null];
    const first = rng.chance(0.35) ? rng.pick(COMPOUND_LEADS[sketch.sex]) : rng.pick(pool);
    let middle = rng.pick(pool);
    while (middle === first) middle = rng.pick(pool);
    return [first, middle];
  }

  private randomSurnames(): [string, string] {
    return [this.rng.pick(SURNAMES), this.rng.pick(SURNAMES)];
  }

  /** A whole-years age on 1 January of this year: the birthday falls anywhere in the year before. */
  private birthDateForAge(age: number): string {
    const year = Number(this.reference.slice(0, 4)) - age;
    return this.dateBetween(`${year - 1}-01-02`, `${year}-01-01`);
  }

  private dateBetween(from: string, to: string): string {
    const start = dayNumber(from);
    const end = Math.max(start, dayNumber(to));
    return fromDayNumber(this.rng.int(start, end));
  }

  /**
   * 10-digit NUIP for anyone born since 1986 (the same number through RC, TI and CC, so it stays valid as
   * the person grows up); an 8-digit cédula from the older series by sex before that. Never repeated.
   */
  private documentNumber(sketch: PersonSketch): string {
    const nuip = Number(sketch.birthDate.slice(0, 4)) >= 1986;
    for (;;) {
      const number = nuip ? this.rng.pick(NUIP_PREFIXES) + this.rng.digits(6) : this.rng.pick(OLD_CC_PREFIXES[sketch.sex]) + this.rng.digits(6);
      if (!this.usedNumbers.has(number)) {
        this.usedNumbers.add(number);
        return number;
      }
    }
  }

  /** 24 hex digits, never one of the personas' (which all start 5e05a0). */
  private id(): string {
    for (;;) {
      const id = this.rng.hex(24);
      if (!id.startsWith(PERSONA_ID_PREFIX) && !this.usedIds.has(id)) {
        this.usedIds.add(id);
        return id;
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------------
// Personas (fixed; see personas.ts)

function personaMembers(today: string): MemberDoc[] {
  const cali = "76001";
  const since = (date: string): PrimaryIpsAssignment[] => [{ ipsCode: PERSONA_IPS_CODE, since: instantOn(date), changedBy: SEED_CHANGED_BY }];
  const home: ContactData = { landline: "6024851273", address: "Carrera 44 # 9C-35 Apto 402" };
  const otherHome: ContactData = { landline: "6024472190", address: "Calle 34 # 11D-20" };
  const person = (
    fields: Pick<MemberDoc, "_id" | "firstName" | "middleName" | "firstSurname" | "secondSurname" | "birthDate" | "sex" | "documentNumber" | "contact" | "affiliationDate"> &
      Partial<MemberDoc>,
  ): MemberDoc => ({
    documentType: nationalDocumentForAge(ageOn(fields.birthDate, today)),
    sortName: sortNameOf(fields),
    sortKey: sortKeyOf(sortNameOf(fields), fields._id),
    municipalityCode: cali,
    regime: Regime.CONTRIBUTIVO,
    memberType: MemberType.BENEFICIARIO,
    cotizanteKind: null,
    state: AffiliationState.ACTIVO,
    sisbenGroup: null,
    primaryIpsCode: PERSONA_IPS_CODE,
    primaryIpsHistory: since(fields.affiliationDate),
    employerNit: null,
    cotizanteId: null,
    relationship: null,
    permanentDisability: false,
    economicDependent: false,
    familyVersion: 0,
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
      employerNit: PERSONA_EMPLOYER_NIT,
    }),
  ];
}

// ---------------------------------------------------------------------------------------------------
// Writing

/** True when every failure in an unordered insert is a duplicate key: those documents are already there. */
function onlyDuplicates(error: unknown): boolean {
  const { code, writeErrors } = error as { code?: unknown; writeErrors?: unknown };
  const list = Array.isArray(writeErrors) ? writeErrors : writeErrors ? [writeErrors] : [];
  if (list.length === 0) return code === 11000;
  return list.every((writeError) => (writeError as { code?: unknown }).code === 11000);
}

/**
 * Unordered inserts of ~1000 documents. `lean`: the documents are built complete here (every field,
 * timestamps included), and skipping mongoose's per-document hydration and validation halves the time;
 * the seed test validates every generated document against the schemas instead.
 */
async function insertInBatches<T>(model: Model<T>, docs: readonly T[], now: Date): Promise<void> {
  for (let i = 0; i < docs.length; i += BATCH_SIZE) {
    const batch = docs.slice(i, i + BATCH_SIZE).map((doc) => ({ ...doc, createdAt: now, updatedAt: now }));
    try {
      await model.insertMany(batch, { ordered: false, lean: true });
    } catch (error) {
      // A re-run after an interrupted seed: what is already there stays, the rest is inserted.
      if (!onlyDuplicates(error)) throw error;
    }
  }
}

/** Generates the whole data set in memory (deterministic for a seed, a size and a year). */
export function buildSeedData(options: Pick<SeedOptions, "members" | "seed" | "today"> = {}): {
  networkIps: NetworkIpsDoc[];
  employers: EmployerDoc[];
  members: MemberDoc[];
} {
  const seed = options.seed ?? DEFAULT_SEED;
  const today = options.today ?? todayInColombia();
  const personas = personaMembers(today);
  const total = Math.max(options.members ?? DEFAULT_SEED_MEMBERS, personas.length);

  const networkIps = buildNetworkIps(new Random(seed, 1));
  const seedEmployers = buildEmployers(new Random(seed, 2), Math.max(3, Math.round(total / 40)));
  const factory = new MemberFactory(new Random(seed, 3), today, networkIps, seedEmployers, {
    ids: personas.map((member) => member._id),
    numbers: personas.map((member) => member.documentNumber),
  });
  const members: MemberDoc[] = [];
  const randomCount = total - personas.length;
  while (members.length < randomCount) members.push(...factory.family(randomCount - members.length));
  members.push(...personas);

  const employers = seedEmployers.map(({ weight: _weight, ...employer }) => employer);
  return { networkIps, employers, members };
}

/**
 * Seeds an empty affiliation database; does nothing when the persona member is already there. Writes
 * the network, the employers, the members and María Fernanda last, ignoring duplicates, so a seed that
 * was interrupted is completed by the next run.
 */
export async function seedAffiliation(connection: Connection, options: SeedOptions = {}): Promise<SeedReport> {
  const started = performance.now();
  const members = memberModel(connection);
  const employers = employerModel(connection);
  const networkIps = networkIpsModel(connection);

  if (await members.exists({ _id: PERSONA_IDS.member })) {
    const [memberCount, employerCount, ipsCount] = await Promise.all([
      members.estimatedDocumentCount(),
      employers.estimatedDocumentCount(),
      networkIps.estimatedDocumentCount(),
    ]);
    const report = { created: false, members: memberCount, employers: employerCount, networkIps: ipsCount, ms: Math.round(performance.now() - started) };
    options.logger?.info(report, "affiliation already seeded");
    return report;
  }

  const data = buildSeedData(options);
  const last = data.members[data.members.length - 1] as MemberDoc;
  const now = new Date();
  await insertInBatches(networkIps, data.networkIps, now);
  await insertInBatches(employers, data.employers, now);
  await insertInBatches(members, data.members.slice(0, -1), now);
  await insertInBatches(members, [last], now);

  const report: SeedReport = {
    created: true,
    members: data.members.length,
    employers: data.employers.length,
    networkIps: data.networkIps.length,
    ms: Math.round(performance.now() - started),
  };
  options.logger?.info(report, "affiliation seeded");
  return report;
}
