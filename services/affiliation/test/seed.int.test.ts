// The synthetic seed, checked the way a developer using the dev stack would notice a problem: the data
// is the same every time, a restart does not duplicate it, an interrupted seed heals, the personas are
// who the tokens say, and every record is one the graph's own rules would accept.
import { createHash } from "node:crypto";
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import type { Connection } from "mongoose";
import {
  DocumentType,
  ageOn,
  connectDatabase,
  createLogger,
  departmentOf,
  documentTypeAgeProblem,
  ensureIndexes,
  formatNit,
  ipsMunicipality,
  isIpsHabilitationCode,
  isKnownMunicipality,
  isValidDocumentNumber,
  nationalDocumentForAge,
  parseNit,
  todayInColombia,
} from "@sos/kit";
import { testDatabaseName, testMongoUri } from "@sos/kit/testing";
import { employerModel, type EmployerDoc } from "../src/employer/employer.model.js";
import { beneficiaryViolation, CHILD_AGE_LIMIT } from "../src/family/family.rules.js";
import { AffiliationState, CotizanteKind, MemberType, Regime, Relationship, isSubsidyEligible } from "../src/member/member.enums.js";
import { memberModel, sortKeyOf, sortNameOf, type MemberDoc } from "../src/member/member.model.js";
import { PERSONA_EMPLOYER_NIT, PERSONA_IDS, PERSONA_IPS_CODE, buildNetworkIps, buildPopulation, syntheticMemberId, type NetworkClinic } from "@sos/personas";
import { DEFAULT_SEED, PERSONA_FAMILY_IDS, SEED_IPS, buildSeedData, seedAffiliation, type SeedReport } from "../src/seed/seed.js";

const logger = createLogger("test", "silent");
const today = todayInColombia();
const ageOf = (member: Pick<MemberDoc, "birthDate">): number => ageOn(member.birthDate, today);

const opened: Connection[] = [];

async function freshDatabase(prefix: string): Promise<Connection> {
  const connection = await connectDatabase({ uri: testMongoUri(), dbName: testDatabaseName(prefix), logger });
  opened.push(connection);
  // As the service does at start: the unique document index is what would refuse a duplicated person.
  await ensureIndexes([memberModel(connection), employerModel(connection)]);
  return connection;
}

interface Snapshot {
  members: MemberDoc[];
  employers: EmployerDoc[];
  networkIps: NetworkClinic[];
}

const withoutTimestamps = <T extends object>(doc: T): Omit<T, "createdAt" | "updatedAt"> => {
  const { createdAt: _created, updatedAt: _updated, ...rest } = doc as T & { createdAt?: unknown; updatedAt?: unknown };
  return rest;
};

async function snapshot(connection: Connection): Promise<Snapshot> {
  const [members, employers] = await Promise.all([
    memberModel(connection).find().sort({ _id: 1 }).lean<MemberDoc[]>(),
    employerModel(connection).find().sort({ _id: 1 }).lean<EmployerDoc[]>(),
  ]);
  // The clinics are not stored here (the directory has them): the network the seed assigned members to.
  return { members, employers, networkIps: buildNetworkIps(DEFAULT_SEED) };
}

function digest(data: Snapshot): string {
  const hash = createHash("sha256");
  for (const docs of [data.members, data.employers]) {
    for (const doc of docs) hash.update(JSON.stringify(withoutTimestamps(doc)));
    hash.update("|");
  }
  return hash.digest("hex");
}

async function counts(connection: Connection): Promise<{ members: number; employers: number }> {
  const [members, employers] = await Promise.all([memberModel(connection).countDocuments({}), employerModel(connection).countDocuments({})]);
  return { members, employers };
}

let main: Connection;
let report: SeedReport;
let data: Snapshot;
let byId: Map<string, MemberDoc>;
let ipsByCode: Map<string, NetworkClinic>;
let employerByNit: Map<string, EmployerDoc>;

beforeAll(async () => {
  main = await freshDatabase("seed");
  report = await seedAffiliation(main, { logger });
  data = await snapshot(main);
  byId = new Map(data.members.map((member) => [member._id, member]));
  ipsByCode = new Map(data.networkIps.map((ips) => [ips._id, ips]));
  employerByNit = new Map(data.employers.map((employer) => [employer._id, employer]));
});

afterAll(async () => {
  for (const connection of opened) {
    await connection.dropDatabase();
    await connection.close();
  }
});

const member = (id: string): MemberDoc => {
  const found = byId.get(id);
  if (!found) throw new Error(`member ${id} was not seeded`);
  return found;
};
const beneficiariesOf = (cotizanteId: string): MemberDoc[] => data.members.filter((m) => m.cotizanteId === cotizanteId);

describe("seedAffiliation: running it", () => {
  it("creates 3,000 members by default, about one employer per 40 members and the IPS network, all marked seeded", async () => {
    expect(report).toMatchObject({ created: true, members: 3000, employers: 75 });
    expect(data.networkIps.length).toBeGreaterThanOrEqual(4 * 21);
    expect(await counts(main)).toEqual({ members: report.members, employers: report.employers });
    for (const docs of [data.members, data.employers]) {
      expect(docs.every((doc) => doc.seeded === true)).toBe(true);
    }
    expect(data.members.every((m) => m.familyVersion === 0)).toBe(true);
  });

  it("gives the same data for the same seed, in another database, and other data for another seed", async () => {
    const twin = await freshDatabase("seed_twin");
    await seedAffiliation(twin, { logger });
    expect(digest(await snapshot(twin))).toBe(digest(data));

    const other = buildSeedData({ seed: 7 });
    // The ids are the same by design (syntheticMemberId: other subgraphs seed by them); the people differ.
    expect(other.members.map((m) => m._id).slice(0, 20)).toEqual(buildSeedData().members.map((m) => m._id).slice(0, 20));
    expect(other.members.map((m) => m.documentNumber).slice(0, 20)).not.toEqual(buildSeedData().members.map((m) => m.documentNumber).slice(0, 20));
  });

  it("does nothing on a second start: created false, nothing duplicated or changed", async () => {
    const before = digest(data);
    const again = await seedAffiliation(main, { logger });
    expect(again).toMatchObject({ created: false, members: report.members, employers: report.employers });
    expect(await counts(main)).toEqual({ members: report.members, employers: report.employers });
    expect(digest(await snapshot(main))).toBe(before);
  });

  it("completes an interrupted seed on the next run, and then stops", async () => {
    const db = await freshDatabase("seed_repair");
    const options = { members: 700, logger };
    expect((await seedAffiliation(db, options)).created).toBe(true);
    const complete = digest(await snapshot(db));
    const completeCounts = await counts(db);

    // Interrupted before the last write: everything is there except María Fernanda.
    await memberModel(db).deleteOne({ _id: PERSONA_IDS.member });
    expect(await seedAffiliation(db, options)).toMatchObject({ created: true, members: 700 });
    expect(digest(await snapshot(db))).toBe(complete);

    // Interrupted half-way: part of the employers and about half of the members never got written.
    await employerModel(db).deleteMany({ _id: { $gt: "900500000" } });
    await memberModel(db).deleteMany({ _id: { $gt: syntheticMemberId(350) } });
    await memberModel(db).deleteOne({ _id: PERSONA_IDS.member });
    expect((await counts(db)).members).toBeLessThan(500);
    expect((await seedAffiliation(db, options)).created).toBe(true);
    expect(await counts(db)).toEqual(completeCounts);
    expect(digest(await snapshot(db))).toBe(complete);

    expect((await seedAffiliation(db, options)).created).toBe(false);
    expect(await counts(db)).toEqual(completeCounts);
  });

  it("stores the population of @sos/personas as built: the people other subgraphs' seeds know are the ones it holds", () => {
    const options = { members: 700, today };
    const population = buildPopulation(options);
    const built = buildSeedData(options);
    expect(built.employers).toEqual(population.employers);
    expect(built.networkIps).toEqual(population.networkIps);
    // Affiliation adds only its own bookkeeping: the name order lists page by and the family version.
    const withoutBookkeeping = built.members.map(({ sortName: _name, sortKey: _key, familyVersion: _version, ...rest }) => rest);
    expect(withoutBookkeeping).toEqual(population.members);
  });

  it("builds documents the mongoose schemas accept (the seed inserts them lean)", async () => {
    const built = buildSeedData({ members: 1500 });
    const Members = memberModel(main);
    const Employers = employerModel(main);
    const problem = (doc: { validate(): Promise<unknown> }) => doc.validate().then(
      () => null,
      (error: Error) => error.message,
    );
    const problems = await Promise.all([
      ...built.members.map((doc) => problem(new Members(doc))),
      ...built.employers.map((doc) => problem(new Employers(doc))),
    ]);
    expect(problems.filter((message) => message !== null)).toEqual([]);
  });
});

describe("seedAffiliation: the personas", () => {
  it("María Fernanda Valencia Muñoz: CC, about 38, Cali, cotizante dependiente of the persona employer, active, with contact data", () => {
    const maria = member(PERSONA_IDS.member);
    expect(maria).toMatchObject({
      firstName: "María",
      middleName: "Fernanda",
      firstSurname: "Valencia",
      secondSurname: "Muñoz",
      sortName: "valencia munoz maria fernanda",
      documentType: DocumentType.CC,
      municipalityCode: "76001",
      regime: Regime.CONTRIBUTIVO,
      memberType: MemberType.COTIZANTE,
      cotizanteKind: CotizanteKind.DEPENDIENTE,
      employerNit: PERSONA_EMPLOYER_NIT,
      state: AffiliationState.ACTIVO,
      primaryIpsCode: PERSONA_IPS_CODE,
    });
    expect(ageOf(maria)).toBeGreaterThanOrEqual(38);
    expect(maria.contact.email).toMatch(/@correo\.example$/);
    expect(maria.contact.mobile).toMatch(/^3\d{9}$/);
    expect(maria.contact.landline).toMatch(/^602\d{7}$/);
    expect(maria.contact.address).toBeTruthy();
    expect(maria.primaryIpsHistory.map((entry) => entry.ipsCode)).toEqual([PERSONA_IPS_CODE]);
  });

  it("her family: a spouse (the beneficiary persona) and two children, a TI of about 12 and an RC of about 4", () => {
    const family = beneficiariesOf(PERSONA_IDS.member).sort((a, b) => a._id.localeCompare(b._id));
    expect(family.map((m) => m._id)).toEqual([PERSONA_IDS.beneficiary, PERSONA_FAMILY_IDS.olderChild, PERSONA_FAMILY_IDS.youngerChild]);
    expect(member(PERSONA_IDS.beneficiary)).toMatchObject({ relationship: Relationship.CONYUGE_COMPANERO, memberType: MemberType.BENEFICIARIO, documentType: DocumentType.CC });
    const older = member(PERSONA_FAMILY_IDS.olderChild);
    const younger = member(PERSONA_FAMILY_IDS.youngerChild);
    expect(older.relationship).toBe(Relationship.HIJO);
    expect(younger.relationship).toBe(Relationship.HIJO);
    // Fixed birth dates (2014, 2022): TI and RC today, and the type follows the age in later years.
    expect(older.documentType).toBe(nationalDocumentForAge(ageOf(older)));
    expect(younger.documentType).toBe(nationalDocumentForAge(ageOf(younger)));
    if (today < "2029-02-08") expect([older.documentType, younger.documentType]).toEqual([DocumentType.TI, DocumentType.RC]);
    for (const relative of family) {
      expect(relative).toMatchObject({ municipalityCode: "76001", regime: Regime.CONTRIBUTIVO, primaryIpsCode: PERSONA_IPS_CODE, state: AffiliationState.ACTIVO });
    }
  });

  it("the other member: a cotizante of another family in Cali, same IPS and employer, with one beneficiary", () => {
    const other = member(PERSONA_IDS.otherMember);
    expect(other).toMatchObject({
      memberType: MemberType.COTIZANTE,
      municipalityCode: "76001",
      primaryIpsCode: PERSONA_IPS_CODE,
      employerNit: PERSONA_EMPLOYER_NIT,
      state: AffiliationState.ACTIVO,
      cotizanteId: null,
    });
    expect(beneficiariesOf(PERSONA_IDS.otherMember).map((m) => m._id)).toEqual([PERSONA_FAMILY_IDS.otherBeneficiary]);
  });

  it("the persona employer, in Cali, has several dozen dependents: more than one page of 20", async () => {
    expect(employerByNit.get(PERSONA_EMPLOYER_NIT)).toMatchObject({ name: "Confecciones Samán del Valle S.A.S.", municipalityCode: "76001" });
    const dependents = await memberModel(main).countDocuments({ employerNit: PERSONA_EMPLOYER_NIT });
    expect(dependents).toBeGreaterThan(40);
  });

  it("the fixed network IPS the tests use are what SEED_IPS says", () => {
    expect(ipsByCode.get(SEED_IPS.personaPrimary)).toMatchObject({ municipalityCode: "76001", primaryCare: true, active: true, name: "IPS Samán del Valle" });
    expect(ipsByCode.get(SEED_IPS.caliAlternative)).toMatchObject({ municipalityCode: "76001", primaryCare: true, active: true });
    expect(ipsByCode.get(SEED_IPS.caliInactive)).toMatchObject({ municipalityCode: "76001", primaryCare: true, active: false });
    expect(ipsByCode.get(SEED_IPS.caliSpecialised)).toMatchObject({ municipalityCode: "76001", primaryCare: false, active: true });
    const elsewhere = ipsByCode.get(SEED_IPS.otherMunicipality);
    expect(elsewhere).toMatchObject({ primaryCare: true, active: true });
    expect(elsewhere?.municipalityCode).not.toBe("76001");
  });
});

describe("seedAffiliation: every record is valid", () => {
  it("ids are 24 hex digits, unique, and only the personas' start with 5e05a0", () => {
    const personaIds = new Set<string>(Object.values(PERSONA_FAMILY_IDS));
    expect(byId.size).toBe(data.members.length);
    for (const m of data.members) {
      expect(m._id).toMatch(/^[0-9a-f]{24}$/);
      expect(m._id.startsWith("5e05a0")).toBe(personaIds.has(m._id));
    }
  });

  it("every member's document type fits their age today, and the number fits the type", () => {
    const problems = data.members
      .map((m) => ({ m, problem: documentTypeAgeProblem(m.documentType, ageOf(m)) }))
      .filter(({ m, problem }) => problem !== null || !isValidDocumentNumber(m.documentType, m.documentNumber))
      .map(({ m, problem }) => `${m._id} ${m.documentType} ${m.documentNumber} ${m.birthDate}: ${problem ?? "number"}`);
    expect(problems).toEqual([]);
    for (const m of data.members) {
      if (m.documentType === DocumentType.CC) expect(m.documentNumber).toMatch(/^[1-9]\d{7,9}$/);
      else expect(m.documentNumber).toMatch(/^\d{10}$/);
    }
    const documents = new Set(data.members.map((m) => `${m.documentType}:${m.documentNumber}`));
    expect(documents.size).toBe(data.members.length);
    const types = new Set(data.members.map((m) => m.documentType));
    expect([...types].sort()).toEqual([DocumentType.CC, DocumentType.RC, DocumentType.TI]);
  });

  it("names: two given names (mostly) and two surnames, with Spanish accents, and the sort name and key derived from them", () => {
    for (const m of data.members) {
      expect(m.sortName).toBe(sortNameOf(m));
      expect(m.sortKey).toBe(sortKeyOf(m.sortName, m._id));
      expect(m.firstSurname && m.secondSurname).toBeTruthy();
    }
    const withMiddle = data.members.filter((m) => m.middleName).length;
    expect(withMiddle / data.members.length).toBeGreaterThan(0.7);
    expect(data.members.some((m) => /[áéíóúñÁÉÍÓÚÑ]/.test(`${m.firstName} ${m.firstSurname}`))).toBe(true);
  });

  it("NITs, IPS habilitation codes and municipalities are valid", () => {
    for (const employer of data.employers) {
      expect(employer._id).toMatch(/^[89]\d{8}$/);
      expect(parseNit(formatNit(employer._id))).toEqual({ base: employer._id, checkDigit: expect.any(Number) });
      expect(employer._id).not.toBe("805001157");
      expect(employer.name).toMatch(/ S\.A\.S\.$/);
      expect(isKnownMunicipality(employer.municipalityCode)).toBe(true);
    }
    expect(new Set(data.employers.map((e) => e.name)).size).toBe(data.employers.length);
    for (const ips of data.networkIps) {
      expect(isIpsHabilitationCode(ips._id)).toBe(true);
      expect(ipsMunicipality(ips._id)).toBe(ips.municipalityCode);
    }
    for (const m of data.members) {
      expect(isKnownMunicipality(m.municipalityCode)).toBe(true);
      if (m.employerNit) expect(employerByNit.has(m.employerNit)).toBe(true);
    }
    // Weighted towards Cali.
    const cali = data.members.filter((m) => m.municipalityCode === "76001").length;
    expect(cali / data.members.length).toBeGreaterThan(0.3);
  });

  it("contact data looks Colombian: mobiles 3xx, landlines 602 (Valle, Cauca) or 606 (Risaralda, Quindío), invented e-mail domains", () => {
    for (const m of data.members) {
      const { mobile, landline, email } = m.contact;
      if (mobile) expect(mobile).toMatch(/^3\d{9}$/);
      if (landline) {
        const department = departmentOf(m.municipalityCode);
        expect(landline).toMatch(department === "Risaralda" || department === "Quindío" ? /^606[2-8]\d{6}$/ : /^602[2-8]\d{6}$/);
      }
      if (email) expect(email).toMatch(/^[a-z0-9.]+@(example\.com|example\.net|example\.org|correo\.example)$/);
    }
    expect(data.members.filter((m) => m.contact.mobile).length).toBeGreaterThan(data.members.length / 2);
  });

  it("every municipality offers valid and invalid primary-IPS targets: 2+ active primary, an inactive one, a specialised one", () => {
    const municipalities = new Set(data.networkIps.map((ips) => ips.municipalityCode));
    for (const code of municipalities) {
      const here = data.networkIps.filter((ips) => ips.municipalityCode === code);
      expect(here.length).toBeGreaterThanOrEqual(4);
      expect(here.filter((ips) => ips.primaryCare && ips.active).length).toBeGreaterThanOrEqual(2);
      expect(here.some((ips) => !ips.active)).toBe(true);
      expect(here.some((ips) => !ips.primaryCare)).toBe(true);
    }
    // Every municipality where members live is covered.
    for (const m of data.members) expect(municipalities.has(m.municipalityCode)).toBe(true);
  });

  it("no member's primary IPS is inactive, specialised or in another municipality; the history ends with it", () => {
    const bad = data.members.filter((m) => {
      const ips = ipsByCode.get(m.primaryIpsCode);
      return !ips || !ips.active || !ips.primaryCare || ips.municipalityCode !== m.municipalityCode;
    });
    expect(bad.map((m) => m._id)).toEqual([]);
    for (const m of data.members) {
      const history = m.primaryIpsHistory;
      expect(history.length).toBeGreaterThanOrEqual(1);
      expect(history[history.length - 1]?.ipsCode).toBe(m.primaryIpsCode);
      for (let i = 1; i < history.length; i++) {
        expect(history[i]!.since.getTime()).toBeGreaterThan(history[i - 1]!.since.getTime());
        expect(history[i]!.ipsCode).not.toBe(history[i - 1]!.ipsCode);
      }
      for (const entry of history) expect(ipsByCode.get(entry.ipsCode)?.primaryCare).toBe(true);
    }
    const changed = data.members.filter((m) => m.primaryIpsHistory.length > 1).length;
    expect(changed).toBeGreaterThan(data.members.length * 0.1);
  });

  it("dates: born before joining, joined no later than today", () => {
    for (const m of data.members) {
      expect(m.birthDate <= m.affiliationDate).toBe(true);
      expect(m.affiliationDate <= today).toBe(true);
      expect(ageOf(m)).toBeGreaterThanOrEqual(0);
      expect(ageOf(m)).toBeLessThanOrEqual(110);
    }
  });
});

describe("seedAffiliation: family groups", () => {
  it("beneficiaries belong to a cotizante and share their régimen, municipality and primary IPS", () => {
    for (const m of data.members) {
      if (m.memberType === MemberType.COTIZANTE) {
        expect(m.cotizanteId ?? null).toBeNull();
        expect(m.relationship ?? null).toBeNull();
        continue;
      }
      expect(m.memberType).toBe(MemberType.BENEFICIARIO);
      const cotizante = byId.get(m.cotizanteId ?? "");
      expect(cotizante?.memberType).toBe(MemberType.COTIZANTE);
      expect(m.relationship).toBeTruthy();
      expect(m.employerNit ?? null).toBeNull();
      expect({ regime: m.regime, municipalityCode: m.municipalityCode, primaryIpsCode: m.primaryIpsCode, sisbenGroup: m.sisbenGroup }).toEqual({
        regime: cotizante?.regime,
        municipalityCode: cotizante?.municipalityCode,
        primaryIpsCode: cotizante?.primaryIpsCode,
        sisbenGroup: cotizante?.sisbenGroup,
      });
    }
  });

  it("every group is legal under the family rules (one spouse, parents only alone, children 25+ only with a permanent disability)", () => {
    const order = [Relationship.CONYUGE_COMPANERO, Relationship.HIJO, Relationship.PADRE_MADRE];
    const violations: string[] = [];
    for (const cotizante of data.members.filter((m) => m.memberType === MemberType.COTIZANTE)) {
      const group = beneficiariesOf(cotizante._id).sort((a, b) => order.indexOf(a.relationship!) - order.indexOf(b.relationship!));
      const admitted: MemberDoc[] = [];
      for (const beneficiary of group) {
        // The rules as they stood when each joined: the cotizante was active then.
        const violation = beneficiaryViolation({ memberType: MemberType.COTIZANTE, state: AffiliationState.ACTIVO }, admitted, {
          relationship: beneficiary.relationship!,
          age: ageOf(beneficiary),
          permanentDisability: beneficiary.permanentDisability ?? false,
          economicDependent: beneficiary.economicDependent ?? false,
        });
        if (violation) violations.push(`${cotizante._id} ← ${beneficiary._id}: ${violation.message}`);
        admitted.push(beneficiary);
      }
      const current = group.filter((m) => m.state !== AffiliationState.RETIRADO && m.state !== AffiliationState.AFILIADO_FALLECIDO);
      const count = (relationship: Relationship) => current.filter((m) => m.relationship === relationship).length;
      expect(count(Relationship.CONYUGE_COMPANERO)).toBeLessThanOrEqual(1);
      if (count(Relationship.PADRE_MADRE) > 0) expect(count(Relationship.CONYUGE_COMPANERO) + count(Relationship.HIJO)).toBe(0);
      for (const child of current.filter((m) => m.relationship === Relationship.HIJO)) {
        if (ageOf(child) >= CHILD_AGE_LIMIT) expect(child.permanentDisability).toBe(true);
      }
    }
    expect(violations).toEqual([]);
  });

  it("has realistic shapes: cotizantes about 45%, subsidiado heads with SISBEN A–C, every relationship and state", () => {
    const cotizantes = data.members.filter((m) => m.memberType === MemberType.COTIZANTE);
    expect(cotizantes.length / data.members.length).toBeGreaterThan(0.35);
    expect(cotizantes.length / data.members.length).toBeLessThan(0.6);

    const subsidiado = data.members.filter((m) => m.regime === Regime.SUBSIDIADO);
    expect(subsidiado.length / data.members.length).toBeGreaterThan(0.1);
    for (const m of subsidiado) {
      expect(isSubsidyEligible(m.sisbenGroup ?? "")).toBe(true);
      expect(m.employerNit ?? null).toBeNull();
      expect(m.cotizanteKind ?? null).toBeNull();
    }
    for (const m of data.members.filter((x) => x.regime === Regime.CONTRIBUTIVO)) expect(m.sisbenGroup ?? null).toBeNull();

    const kinds = new Set(cotizantes.map((m) => m.cotizanteKind));
    expect(kinds).toEqual(new Set([CotizanteKind.DEPENDIENTE, CotizanteKind.INDEPENDIENTE, CotizanteKind.PENSIONADO, null]));
    for (const m of cotizantes) expect(Boolean(m.employerNit)).toBe(m.cotizanteKind === CotizanteKind.DEPENDIENTE);

    expect(new Set(data.members.map((m) => m.relationship).filter(Boolean))).toEqual(new Set(Object.values(Relationship)));
    expect(new Set(data.members.map((m) => m.state))).toEqual(new Set(Object.values(AffiliationState)));
    const active = data.members.filter((m) => m.state === AffiliationState.ACTIVO).length;
    expect(active / data.members.length).toBeGreaterThan(0.75);
  });

  it("every employer has dependents", () => {
    const withDependents = new Set(data.members.map((m) => m.employerNit).filter(Boolean));
    expect(data.employers.filter((e) => !withDependents.has(e._id)).map((e) => e._id)).toEqual([]);
  });
});
