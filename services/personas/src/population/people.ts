import { dayNumber, fromDayNumber, plain, type Random } from "@sos/kit/seed";
import { syntheticMemberId } from "../personas.js";
import { COMPOUND_LEADS, EMAIL_DOMAINS, FEMALE_CLASSIC, FEMALE_MODERN, MALE_CLASSIC, MALE_MODERN, MOBILE_PREFIXES, NUIP_PREFIXES, OLD_CC_PREFIXES, STREET_TYPES, SURNAMES } from "./names.js";
import { Sex, type SyntheticContact } from "./types.js";

/** What a family group shares: one address and one home landline. */
export interface Home {
  address: string | null;
  landline: string | null;
}

/** A person drawn before they get names and a document: what their relatives' draws depend on. */
export interface PersonSketch {
  sex: Sex;
  birthDate: string;
  surnames: [string, string];
}

/** The landline area prefix: 602 for Valle and Cauca, 606 for Risaralda and Quindío. */
export const landlinePrefix = (municipalityCode: string): string => (["66", "63"].includes(municipalityCode.slice(0, 2)) ? "606" : "602");

/**
 * One person's invented particulars — names, birth date, document number, contact, id — never repeating
 * a number; ids in the order every subgraph's seed knows. The household generator (households.ts) builds on it.
 */
export class PersonFactory {
  /** Generated members so far: the next one's syntheticMemberId index. */
  private generated = 0;
  protected readonly usedNumbers = new Set<string>();
  /** 1 January of the current year: random ages are whole years on this day. */
  protected readonly reference: string;

  constructor(
    protected readonly rng: Random,
    today: string,
    reserved: { numbers: string[] },
  ) {
    this.reference = `${today.slice(0, 4)}-01-01`;
    reserved.numbers.forEach((number) => this.usedNumbers.add(number));
  }

  protected contact(names: { firstName: string; firstSurname: string }, age: number, home: Home, municipalityCode: string): SyntheticContact {
    const rng = this.rng;
    const [mobileChance, emailChance] = age < 14 ? [0, 0] : age < 18 ? [0.6, 0.3] : age < 60 ? [0.95, 0.65] : [0.75, 0.25];
    const mobile = rng.chance(mobileChance) ? rng.pick(MOBILE_PREFIXES) + rng.digits(7) : null;
    const email = rng.chance(emailChance)
      ? `${plain(names.firstName)}.${plain(names.firstSurname)}${rng.chance(0.5) ? rng.int(1, 99) : ""}@${rng.pick(EMAIL_DOMAINS)}`
      : null;
    // Now and then an adult has their own landline (a work line, another home in the same area).
    const landline = age >= 18 && !home.landline && rng.chance(0.05) ? landlinePrefix(municipalityCode) + String(rng.int(2, 8)) + rng.digits(6) : home.landline;
    return { email, mobile, landline, address: home.address };
  }

  protected address(): string {
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

  protected givenNames(sketch: PersonSketch): [string, string | null] {
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

  protected randomSurnames(): [string, string] {
    return [this.rng.pick(SURNAMES), this.rng.pick(SURNAMES)];
  }

  /** A whole-years age on 1 January of this year: the birthday falls anywhere in the year before. */
  protected birthDateForAge(age: number): string {
    const year = Number(this.reference.slice(0, 4)) - age;
    return this.dateBetween(`${year - 1}-01-02`, `${year}-01-01`);
  }

  protected dateBetween(from: string, to: string): string {
    const start = dayNumber(from);
    const end = Math.max(start, dayNumber(to));
    return fromDayNumber(this.rng.int(start, end));
  }

  /**
   * 10-digit NUIP for anyone born since 1986 (the same number through RC, TI and CC, so it stays valid as
   * the person grows up); an 8-digit cédula from the older series by sex before that. Never repeated.
   */
  protected documentNumber(sketch: PersonSketch): string {
    const nuip = Number(sketch.birthDate.slice(0, 4)) >= 1986;
    for (;;) {
      const number = nuip ? this.rng.pick(NUIP_PREFIXES) + this.rng.digits(6) : this.rng.pick(OLD_CC_PREFIXES[sketch.sex]) + this.rng.digits(6);
      if (!this.usedNumbers.has(number)) {
        this.usedNumbers.add(number);
        return number;
      }
    }
  }

  /** The next generated member's id, in the order every subgraph's seed knows (syntheticMemberId). */
  protected id(): string {
    return syntheticMemberId(this.generated++);
  }
}
