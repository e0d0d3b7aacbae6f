import { ageOn, nationalDocumentForAge } from "@sos/kit";
import { WeightedTable, addDays, addYears, dayNumber, fromDayNumber, instantOn, maxDate, minDate, type Random } from "@sos/kit/seed";
import { drawHeadAge, drawHeadKind, drawHeadState, drawShape, incomeBandFor, SISBEN_SUBSIDY_GROUPS } from "./demographics.js";
import type { WeightedEmployer } from "./employers.js";
import { SURNAMES } from "./names.js";
import { municipalitiesByDepartment, weightedMunicipalities, type NetworkClinic } from "./network.js";
import { PersonFactory, landlinePrefix, type Home, type PersonSketch } from "./people.js";
import { SEED_CHANGED_BY } from "./persona-members.js";
import {
  AffiliationState,
  CotizanteKind,
  MemberType,
  Regime,
  Relationship,
  Sex,
  type SyntheticIpsAssignment,
  type SyntheticMember,
} from "./types.js";

/** The earliest affiliation date: S.O.S. took its first members after Ley 100 of 1993. */
const FIRST_AFFILIATION = "1996-01-01";

// Family groups of members: a cotizante (dependent, independent, pensioner, or subsidised) and the
// beneficiaries the rules allow, sharing a home, with their affiliation history and primary clinic.

/**
 * Draws households one after another from one Random: the order of the draws is the data set, so a new
 * draw goes where it leaves every earlier value as it was (see incomeBandFor).
 */
export class HouseholdFactory extends PersonFactory {
  /** The last day dates may fall on: 31 December of last year, so no date is in the future. */
  private readonly lastDay: string;
  private readonly activePrimaryByMunicipality = new Map<string, string[]>();
  private readonly primaryByMunicipality = new Map<string, string[]>();
  private readonly employerTable: WeightedTable<WeightedEmployer>;
  private personaQuota = 46;
  private coverIndex = 1;

  constructor(
    rng: Random,
    private readonly today: string,
    networkIps: readonly NetworkClinic[],
    private readonly employers: readonly WeightedEmployer[],
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
  household(limit: number): SyntheticMember[] {
    const rng = this.rng;
    const kind = drawHeadKind(rng);
    const headAge = drawHeadAge(rng, kind);
    const headSex: Sex = rng.chance(0.52) ? Sex.FEMENINO : Sex.MASCULINO;
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
    const state = drawHeadState(rng, kind);
    const home: Home = {
      address: rng.chance(0.92) ? this.address() : null,
      landline: rng.chance(0.35) ? landlinePrefix(municipalityCode) + String(rng.int(2, 8)) + rng.digits(6) : null,
    };
    const affiliationDate = this.dateBetween(maxDate(FIRST_AFFILIATION, addYears(headSketch.birthDate, 18)), this.lastDay);
    const history = this.headHistory(municipalityCode, affiliationDate);

    const head = this.member(headSketch, {
      home,
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

    const group: SyntheticMember[] = [head];
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
          home,
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

    const shape = drawShape(rng, kind, headAge);
    let spouse: PersonSketch | null = null;
    if (shape === "SPOUSE" || shape === "SPOUSE_CHILDREN") {
      const sameSex = rng.chance(0.03);
      const sex: Sex = sameSex ? headSex : headSex === Sex.FEMENINO ? Sex.MASCULINO : Sex.FEMENINO;
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

  /**
   * The persona employer first gets a few dozen dependents (so its list pages), then every other
   * employer one each, then they are drawn by weight.
   */
  private nextEmployer(): WeightedEmployer {
    const [persona] = this.employers as [WeightedEmployer];
    if (this.personaQuota > 0) {
      this.personaQuota--;
      return persona;
    }
    if (this.coverIndex < this.employers.length) return this.employers[this.coverIndex++] as WeightedEmployer;
    return this.employerTable.draw(this.rng);
  }

  private municipalityInDepartment(department: string): string {
    return this.rng.weighted(municipalitiesByDepartment.get(department) ?? weightedMunicipalities);
  }

  /** Oldest first; the last one is current and an active primary-care IPS of the municipality. */
  private headHistory(municipalityCode: string, affiliationDate: string): SyntheticIpsAssignment[] {
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
  private beneficiaryHistory(headHistory: SyntheticIpsAssignment[], joined: string): SyntheticIpsAssignment[] {
    const joinedAt = instantOn(joined);
    const before = headHistory.filter((entry) => entry.since <= joinedAt);
    const after = headHistory.filter((entry) => entry.since > joinedAt);
    const atJoin = before[before.length - 1] ?? (headHistory[0] as SyntheticIpsAssignment);
    return [{ ...atJoin, since: joinedAt }, ...after.map((entry) => ({ ...entry }))];
  }

  private member(
    sketch: PersonSketch,
    fields: Pick<
      SyntheticMember,
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
    > & { home: Home; history: SyntheticIpsAssignment[] },
  ): SyntheticMember {
    const { home, history, ...rest } = fields;
    const [firstName, middleName] = this.givenNames(sketch);
    const age = ageOn(sketch.birthDate, this.today);
    const names = { firstName, middleName, firstSurname: sketch.surnames[0], secondSurname: sketch.surnames[1] };
    const id = this.id();
    const documentNumber = this.documentNumber(sketch);
    return {
      _id: id,
      documentType: nationalDocumentForAge(age),
      documentNumber,
      incomeBand: rest.memberType === MemberType.COTIZANTE && rest.regime === Regime.CONTRIBUTIVO ? incomeBandFor(documentNumber) : null,
      ...names,
      birthDate: sketch.birthDate,
      sex: sketch.sex,
      contact: this.contact(names, age, home, rest.municipalityCode),
      ...rest,
      primaryIpsCode: (history[history.length - 1] as SyntheticIpsAssignment).ipsCode,
      primaryIpsHistory: history,
      seeded: true,
    };
  }
}
