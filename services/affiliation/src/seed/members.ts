import { ageOn, nationalDocumentForAge } from "@sos/kit";
import { WeightedTable, addDays, addYears, dayNumber, fromDayNumber, instantOn, maxDate, minDate, type Random } from "@sos/kit/seed";
import { AffiliationState, CotizanteKind, IncomeBand, MemberType, Regime, Relationship, Sex } from "../member/member.enums.js";
import { sortKeyOf, sortNameOf, type MemberDoc, type PrimaryIpsAssignment } from "../member/member.model.js";
import type { SeedEmployer } from "./employers.js";
import { SURNAMES } from "./names.js";
import { municipalitiesByDepartment, weightedMunicipalities, type NetworkClinic } from "./network.js";
import { PersonFactory, landlinePrefix, type Binary, type Household, type PersonSketch } from "./people.js";
import { SEED_CHANGED_BY } from "./persona-members.js";

/** The earliest affiliation date: S.O.S. took its first members after Ley 100 of 1993. */
const FIRST_AFFILIATION = "1996-01-01";

// Family groups of members: a cotizante (dependent, independent, pensioner, or subsidised) and the
// beneficiaries the rules allow, with their affiliation history and primary clinic.

type HeadKind = CotizanteKind | "SUBSIDIADO";
type Shape = "ALONE" | "SPOUSE" | "SPOUSE_CHILDREN" | "CHILDREN" | "PARENTS";


const SISBEN_SUBSIDY_GROUPS: (readonly [string, number])[] = [
  ...[1, 2, 3, 4, 5].map((n) => [`A${n}`, 4] as const),
  ...[1, 2, 3, 4, 5, 6, 7].map((n) => [`B${n}`, 3] as const),
  ...Array.from({ length: 18 }, (_, i) => [`C${i + 1}`, 1] as const),
];

/**
 * A cotizante's income band, about 70 % / 22 % / 8 % as in the contributivo: drawn from the document
 * number's last digits rather than the generator, so adding it left every other seeded value as it was.
 */
function incomeBandFor(documentNumber: string): IncomeBand {
  const draw = Number(documentNumber.slice(-2));
  return draw < 70 ? IncomeBand.RANGO_1 : draw < 92 ? IncomeBand.RANGO_2 : IncomeBand.RANGO_3;
}

export class MemberFactory extends PersonFactory {
  /** The last day dates may fall on: 31 December of last year, so no date is in the future. */
  private readonly lastDay: string;
  private readonly activePrimaryByMunicipality = new Map<string, string[]>();
  private readonly primaryByMunicipality = new Map<string, string[]>();
  private readonly employerTable: WeightedTable<SeedEmployer>;
  private personaQuota = 46;
  private coverIndex = 1;

  constructor(
    rng: Random,
    private readonly today: string,
    networkIps: readonly NetworkClinic[],
    private readonly employers: readonly SeedEmployer[],
    reserved: { numbers: string[] },
  ) {
    super(rng, today, reserved);
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
    const documentNumber = this.documentNumber(sketch);
    return {
      _id: id,
      documentType: nationalDocumentForAge(age),
      documentNumber,
      incomeBand: rest.memberType === MemberType.COTIZANTE && rest.regime === Regime.CONTRIBUTIVO ? incomeBandFor(documentNumber) : null,
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
}
