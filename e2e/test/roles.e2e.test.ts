import { PERSONAS, PERSONA_EMPLOYER_NIT, PERSONA_IDS, PERSONA_IPS_CODE } from "@sos/personas";
import type { AuditEvent } from "@sos/kit";
import { errorCodes } from "@sos/kit/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_GATEWAY_SECRET, startStack, type Stack } from "./stack.js";

// Who sees what (docs/domain.md, "Who uses the graph"), checked through the gateway with real tokens.
let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.close();
});

const { member, beneficiary, employer, ips, agent, analyst } = PERSONAS as Required<typeof PERSONAS>;
const ME = `{ me { id fullName documentType memberType state regime familyGroup { size cotizante { id } beneficiaries { id fullName relationship birthDate } } } }`;

interface MeData {
  me: {
    id: string;
    fullName: string;
    memberType: string;
    familyGroup: { size: number; cotizante: { id: string }; beneficiaries: { id: string; fullName: string; relationship: string; birthDate: string }[] } | null;
  } | null;
}

describe("identity", () => {
  it("answers UNAUTHENTICATED to a protected query without a token", async () => {
    const result = await stack.query(ME);
    expect(errorCodes(result)).toEqual(["UNAUTHENTICATED"]);
    expect(result.data).toBeNull();
  });

  it("refuses a forged, expired or malformed token with HTTP 401 before any subgraph is asked", async () => {
    // A token whose payload was changed (another member's id) after signing.
    const [header, , signature] = (await stack.token(member!)).split(".");
    const payload = Buffer.from(JSON.stringify({ role: "MEMBER", memberId: PERSONA_IDS.otherMember, sub: "x" })).toString("base64url");
    const forged = `${header}.${payload}.${signature}`;
    const expired = await stack.signer.sign(member!, "-1m");
    for (const authorization of [`Bearer ${forged}`, `Bearer ${expired}`, "Basic abc", "Bearer"]) {
      const response = await fetch(stack.gatewayUrl, {
        method: "POST",
        headers: { "content-type": "application/json", authorization },
        body: JSON.stringify({ query: ME }),
      });
      const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
      expect(response.status).toBe(401);
      expect(body.errors[0]?.extensions.code).toBe("UNAUTHENTICATED");
    }
  });
});

describe("a member (cotizante)", () => {
  it("reads themself and their family group", async () => {
    const result = await stack.query<MeData>(ME, { viewer: member });
    expect(result.errors).toBeUndefined();
    expect(result.data?.me?.id).toBe(PERSONA_IDS.member);
    expect(result.data?.me?.fullName).toBe("María Fernanda Valencia Muñoz");
    expect(result.data?.me?.memberType).toBe("COTIZANTE");
    const group = result.data?.me?.familyGroup;
    expect(group?.cotizante.id).toBe(PERSONA_IDS.member);
    expect(group?.size).toBe(3);
    expect(group?.beneficiaries.map((b) => b.relationship).sort()).toEqual(["CONYUGE_COMPANERO", "HIJO", "HIJO"]);
    expect(group?.beneficiaries.every((b) => /^\d{4}-\d{2}-\d{2}$/.test(b.birthDate))).toBe(true);
  });

  it("cannot read a member of another family, by id or by document", async () => {
    const byId = await stack.query(`query($id: ID!) { member(id: $id) { id fullName } }`, { viewer: member, variables: { id: PERSONA_IDS.otherMember } });
    expect(errorCodes(byId)).toEqual(["FORBIDDEN"]);
    expect(byId.data?.["member"]).toBeNull();

    const other = await stack.connection.collection("members").findOne({ _id: PERSONA_IDS.otherMember as never });
    const byDocument = await stack.query(`query($t: DocumentType!, $n: String!) { memberByDocument(documentType: $t, documentNumber: $n) { id } }`, {
      viewer: member,
      variables: { t: other?.["documentType"], n: other?.["documentNumber"] },
    });
    expect(errorCodes(byDocument)).toEqual(["FORBIDDEN"]);
  });

  it("learns nothing from an id that does not exist (same answer as another family's)", async () => {
    const result = await stack.query(`{ member(id: "ffffffffffffffffffffffff") { id } }`, { viewer: member });
    expect(errorCodes(result)).toEqual(["FORBIDDEN"]);
  });
});

describe("a former beneficiary", () => {
  it("is no longer visible to their former cotizante, nor listed in the group", async () => {
    const retired = await stack.connection.collection("members").findOne({ memberType: "BENEFICIARIO", state: "RETIRADO" });
    expect(retired).not.toBeNull();
    const cotizante = { subject: "user-retired-check", role: "MEMBER" as const, memberId: String(retired?.["cotizanteId"]) };
    const read = await stack.query(`query($id: ID!) { member(id: $id) { id contact { mobile } } }`, { viewer: cotizante, variables: { id: retired?._id } });
    expect(errorCodes(read)).toEqual(["FORBIDDEN"]);
    const group = await stack.query<{ me: { familyGroup: { beneficiaries: { id: string }[] } } }>(`{ me { familyGroup { beneficiaries { id } } } }`, { viewer: cotizante });
    expect(group.data?.me.familyGroup.beneficiaries.map((b) => b.id)).not.toContain(retired?._id);
  });
});

describe("a beneficiary", () => {
  it("reads themself but not the family group nor the cotizante", async () => {
    const self = await stack.query<{ me: { id: string; memberType: string } }>(`{ me { id memberType } }`, { viewer: beneficiary });
    expect(self.data?.me).toEqual({ id: PERSONA_IDS.beneficiary, memberType: "BENEFICIARIO" });

    const group = await stack.query(`{ me { id familyGroup { size } } }`, { viewer: beneficiary });
    expect(errorCodes(group)).toEqual(["FORBIDDEN"]);
    expect(group.data?.["me"]).toEqual({ id: PERSONA_IDS.beneficiary, familyGroup: null });

    const cotizante = await stack.query(`query($id: ID!) { member(id: $id) { id } }`, { viewer: beneficiary, variables: { id: PERSONA_IDS.member } });
    expect(errorCodes(cotizante)).toEqual(["FORBIDDEN"]);
  });
});

describe("an employer", () => {
  const DEPENDENTS = `query($nit: String!, $after: String) {
    employer(nit: $nit) { nit formattedNit name dependents(first: 20, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id employer { nit } state } } }
  }`;
  interface Page {
    employer: { nit: string; formattedNit: string; dependents: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: { id: string; employer: { nit: string }; state: string }[] } };
  }

  it("pages through exactly its own dependents, each once", async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let total = 0;
    let pages = 0;
    do {
      const result: Awaited<ReturnType<typeof stack.query<Page>>> = await stack.query<Page>(DEPENDENTS, { viewer: employer, variables: { nit: "900123456-8", after } });
      expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
      const dependents = result.data!.employer.dependents;
      total = dependents.totalCount;
      for (const node of dependents.nodes) {
        expect(node.employer.nit).toBe(PERSONA_EMPLOYER_NIT);
        seen.push(node.id);
      }
      after = dependents.pageInfo.hasNextPage ? dependents.pageInfo.endCursor : null;
      pages += 1;
    } while (after);
    const stored = await stack.connection.collection("members").countDocuments({ employerNit: PERSONA_EMPLOYER_NIT });
    expect(pages).toBeGreaterThan(1);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(stored);
    expect(total).toBe(stored);
  });

  it("sees a dependent's affiliation state but not their personal or health data", async () => {
    const result = await stack.query(`query($id: ID!) { member(id: $id) { state birthDate contact { email } sisbenGroup primaryIps { habilitationCode } } }`, {
      viewer: employer,
      variables: { id: PERSONA_IDS.member },
    });
    expect(result.data?.["member"]).toMatchObject({ state: "ACTIVO", birthDate: null, contact: null, sisbenGroup: null, primaryIps: null });
    expect(errorCodes(result)).toEqual(["FORBIDDEN", "FORBIDDEN", "FORBIDDEN", "FORBIDDEN"]);
  });

  it("cannot see another employer, nor a member who is not its dependent", async () => {
    const other = await stack.connection.collection("employers").findOne({ _id: { $ne: PERSONA_EMPLOYER_NIT } as never });
    const { formatNit } = await import("@sos/kit");
    const otherEmployer = await stack.query(`query($nit: String!) { employer(nit: $nit) { name } }`, { viewer: employer, variables: { nit: formatNit(String(other?._id)) } });
    expect(errorCodes(otherEmployer)).toEqual(["FORBIDDEN"]);

    const spouse = await stack.query(`query($id: ID!) { member(id: $id) { id } }`, { viewer: employer, variables: { id: PERSONA_IDS.beneficiary } });
    expect(errorCodes(spouse)).toEqual(["FORBIDDEN"]);
  });

  it("gets BAD_USER_INPUT naming the field for a NIT with a wrong check digit", async () => {
    const result = await stack.query(`{ employer(nit: "900123456-1") { name } }`, { viewer: employer });
    expect(errorCodes(result)).toEqual(["BAD_USER_INPUT"]);
    expect(result.errors?.[0]?.extensions?.field).toBe("nit");
  });
});

describe("a partner clinic (IPS)", () => {
  it("checks the rights of anyone who presents: state, régimen and primary IPS only", async () => {
    const someone = await stack.connection.collection("members").findOne({ primaryIpsCode: { $ne: PERSONA_IPS_CODE } });
    const result = await stack.persisted("RightsCheck", {
      viewer: ips,
      variables: { documentType: someone?.["documentType"], documentNumber: someone?.["documentNumber"] },
    });
    expect(result.errors).toBeUndefined();
    expect(result.data?.["rightsCheck"]).toMatchObject({ affiliated: true, state: someone?.["state"], regime: someone?.["regime"] });
    const audit = (await stack.ledger().findOne({ chain: "affiliation", subjectMemberId: String(someone?._id), action: "RIGHTS_CHECK" })) as AuditEvent | null;
    expect(audit?.actor).toMatchObject({ role: "IPS", ipsCode: PERSONA_IPS_CODE });
  });

  it("says plainly when the person is not affiliated", async () => {
    const result = await stack.persisted("RightsCheck", { viewer: ips, variables: { documentType: "CC", documentNumber: "9999999999" } });
    expect(result.data?.["rightsCheck"]).toMatchObject({ affiliated: false, entitled: false, state: null, regime: null, primaryIps: null });
  });

  it("reads its assigned patients but not a patient of another IPS", async () => {
    const assigned = await stack.persisted<{ assignedPatients: { nodes: { id: string; primaryIps: { habilitationCode: string } }[] } }>(
      "AssignedPatients",
      { viewer: ips, variables: { first: 50 } },
    );
    expect(assigned.errors).toBeUndefined();
    const nodes = assigned.data!.assignedPatients.nodes;
    expect(nodes.length).toBeGreaterThan(0);
    expect(nodes.every((node) => node.primaryIps.habilitationCode === PERSONA_IPS_CODE)).toBe(true);

    // Anything off the reviewed list is refused before it reaches the subgraph (which would say FORBIDDEN).
    const stranger = await stack.connection.collection("members").findOne({ primaryIpsCode: { $ne: PERSONA_IPS_CODE } });
    const result = await stack.query(`query($id: ID!) { member(id: $id) { id } }`, { viewer: ips, variables: { id: stranger?._id } });
    expect(result.status).toBe(400);
    expect(errorCodes(result)).toEqual(["PERSISTED_QUERY_NOT_IN_LIST"]);
  });
});

describe("an agent", () => {
  it("must state a purpose, and every access is recorded with it", async () => {
    const query = `query($id: ID!) { member(id: $id) { id fullName contact { mobile } } }`;
    const without = await stack.query(query, { viewer: agent, variables: { id: PERSONA_IDS.otherMember } });
    expect(errorCodes(without)).toEqual(["FORBIDDEN"]);
    expect(without.errors?.[0]?.message).toMatch(/X-Access-Purpose/);

    const purpose = "Llamada 2026-11-23: afiliado pide confirmar su IPS";
    const withPurpose = await stack.query(query, { viewer: agent, variables: { id: PERSONA_IDS.otherMember }, headers: { "x-access-purpose": purpose } });
    expect(withPurpose.errors).toBeUndefined();
    const events = await stack.ledger().find({ chain: "affiliation", subjectMemberId: PERSONA_IDS.otherMember, "actor.role": "AGENT" }).toArray();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: "MEMBER_READ", purpose, actor: { subject: agent!.subject } });
  });
});

describe("an analyst", () => {
  it("sees no individual member: aggregates only", async () => {
    expect(errorCodes(await stack.query(`{ me { id } }`, { viewer: analyst }))).toEqual(["FORBIDDEN"]);
    const byId = await stack.query(`query($id: ID!) { member(id: $id) { id } }`, { viewer: analyst, variables: { id: PERSONA_IDS.member } });
    expect(errorCodes(byId)).toEqual(["FORBIDDEN"]);
    const rights = await stack.query(`{ rightsCheck(documentType: CC, documentNumber: "1234567") { affiliated } }`, { viewer: analyst });
    expect(errorCodes(rights)).toEqual(["FORBIDDEN"]);
  });
});

describe("affiliation statistics", () => {
  const STATS = `query($input: AffiliationStatisticsInput!) { affiliationStatistics(input: $input) { total suppressedCells cells { regime state municipalityCode departmentCode count } } }`;
  interface Stats {
    affiliationStatistics: { total: number; suppressedCells: number; cells: { regime: string | null; state: string | null; municipalityCode: string | null; departmentCode: string | null; count: number }[] };
  }

  it("give analysts counts that match the data, never a cell under 5 people", async () => {
    const result = await stack.query<Stats>(STATS, { viewer: analyst, variables: { input: { groupBy: ["REGIME", "STATE"] } } });
    expect(result.errors).toBeUndefined();
    const stats = result.data!.affiliationStatistics;
    expect(stats.cells.every((cell) => cell.count >= 5)).toBe(true);
    expect(stats.total).toBe(stats.cells.reduce((sum, cell) => sum + cell.count, 0));
    const activeContributivo = await stack.connection.collection("members").countDocuments({ regime: "CONTRIBUTIVO", state: "ACTIVO" });
    expect(stats.cells.find((cell) => cell.regime === "CONTRIBUTIVO" && cell.state === "ACTIVO")?.count).toBe(Math.round(activeContributivo / 5) * 5);
    expect(stats.cells.every((cell) => cell.count % 5 === 0)).toBe(true);
  });

  it("suppress the small cells of a fine breakdown, which subtraction from a coarser one cannot recover", async () => {
    const result = await stack.query<Stats>(STATS, { viewer: analyst, variables: { input: { groupBy: ["MUNICIPALITY", "STATE", "REGIME"] } } });
    const stats = result.data!.affiliationStatistics;
    expect(stats.suppressedCells).toBeGreaterThan(0);
    expect(stats.cells.every((cell) => cell.count >= 5)).toBe(true);
    const coarse = await stack.query<Stats>(STATS, { viewer: analyst, variables: { input: { groupBy: ["MUNICIPALITY"] } } });
    for (const town of coarse.data!.affiliationStatistics.cells) {
      const published = stats.cells.filter((cell) => cell.municipalityCode === town.municipalityCode).reduce((sum, cell) => sum + cell.count, 0);
      // What the two queries leave unexplained is a multiple of 5, never an exact small count.
      expect((town.count - published) % 5).toBe(0);
    }
  });

  it("group by department from the municipality code", async () => {
    const result = await stack.query<Stats>(STATS, { viewer: analyst, variables: { input: { groupBy: ["DEPARTMENT"] } } });
    const departments = result.data!.affiliationStatistics.cells.map((cell) => cell.departmentCode);
    expect(departments).toContain("76");
    expect(departments.every((code) => ["19", "63", "66", "76"].includes(code ?? ""))).toBe(true);
  });

  it("are not for members, and refuse a bad grouping naming the field", async () => {
    const asMember = await stack.query(STATS, { viewer: member, variables: { input: { groupBy: ["REGIME"] } } });
    expect(errorCodes(asMember)).toEqual(["FORBIDDEN"]);
    const tooFine = await stack.query(STATS, { viewer: analyst, variables: { input: { groupBy: ["REGIME", "STATE", "SEX", "MUNICIPALITY"] } } });
    expect(errorCodes(tooFine)).toEqual(["BAD_USER_INPUT"]);
    expect(tooFine.errors?.[0]?.extensions?.field).toBe("input.groupBy");
    const none = await stack.query(STATS, { viewer: analyst, variables: { input: { groupBy: [] } } });
    expect(none.errors?.[0]?.extensions?.field).toBe("input.groupBy");
  });
});

describe("entity references", () => {
  it("pass the same gate as queries: a member cannot resolve another family's Member through _entities", async () => {
    const token = await stack.token(member!);
    const response = await fetch(stack.subgraphUrl, {
      method: "POST",
      // Even with the gateway's secret (a caller inside the network), a forged representation is refused.
      headers: { "content-type": "application/json", authorization: `Bearer ${token}`, "x-gateway-secret": TEST_GATEWAY_SECRET },
      body: JSON.stringify({
        query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on Member { id fullName } } }`,
        variables: { r: [{ __typename: "Member", id: PERSONA_IDS.member }, { __typename: "Member", id: PERSONA_IDS.otherMember }] },
      }),
    });
    const body = (await response.json()) as { data: { _entities: ({ id: string } | null)[] }; errors: { extensions: { code: string } }[] };
    expect(body.data._entities[0]?.id).toBe(PERSONA_IDS.member);
    expect(body.data._entities[1]).toBeNull();
    expect(body.errors.map((error) => error.extensions.code)).toEqual(["FORBIDDEN"]);
  });
});
