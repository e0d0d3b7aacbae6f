import { LedgerAppender, ledgerModel, type AuditEvent } from "@sos/kit";
import { errorCodes, startTestSubgraph, type TestSubgraph } from "@sos/kit/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { audit } from "../src/subgraph.js";

// The audit subgraph alone, over a ledger written as other subgraphs write it (kit's LedgerAppender).
let subgraph: TestSubgraph;
const MEMBER = "5e05a0000000000000000001";
const member = { subject: "user-member-0001", role: "MEMBER" as const, memberId: MEMBER };
const auditor = { subject: "user-auditor-0001", role: "AUDITOR" as const };
const read = (actor: AuditEvent["actor"], action: string, purpose: string | null = null): AuditEvent => ({ at: new Date(), requestId: "r", operation: null, actor, action, subjectMemberId: MEMBER, purpose });

beforeAll(async () => {
  subgraph = await startTestSubgraph(audit);
  const ledger = ledgerModel(subgraph.connection);
  await new LedgerAppender(ledger, "affiliation").append([
    read({ subject: "user-agent-0001", role: "AGENT" }, "MEMBER_READ", "Llamada de la afiliada"),
    read({ subject: member.subject, role: "MEMBER", memberId: MEMBER }, "INCAPACITY_DIAGNOSIS_READ"),
  ]);
  await new LedgerAppender(ledger, "incapacities").append([read({ subject: "user-employer-0001", role: "EMPLOYER", employerNit: "900123456" }, "INCAPACITY_READ")]);
});
afterAll(() => subgraph?.close());

const ENTITY = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Member { accessLog { totalCount edges { node { who role purpose service employer { nit } } } } } } }`;

describe("who read a member's data", () => {
  it("shows the member every read by others, newest first, without their own", async () => {
    const result = await subgraph.query<{ _entities: { accessLog: { totalCount: number; edges: { node: Record<string, unknown> }[] } }[] }>(ENTITY, { viewer: member, variables: { r: [{ __typename: "Member", id: MEMBER }] } });
    expect(result.errors).toBeUndefined();
    const log = result.data!._entities[0]!.accessLog;
    expect(log.totalCount).toBe(2);
    expect(log.edges.map((edge) => edge.node)).toEqual([
      { who: "Su empleador", role: "EMPLOYER", purpose: null, service: "incapacities", employer: { nit: "900123456" } },
      { who: "Un agente de S.O.S.", role: "AGENT", purpose: "Llamada de la afiliada", service: "affiliation", employer: null },
    ]);
  });

  it("refuses anyone else", async () => {
    const other = await subgraph.query(ENTITY, { viewer: { subject: "x", role: "MEMBER", memberId: "5e05a0000000000000000010" }, variables: { r: [{ __typename: "Member", id: MEMBER }] } });
    expect(errorCodes(other)).toEqual(["FORBIDDEN"]);
  });
});

describe("auditors", () => {
  it("verify every chain", async () => {
    const result = await subgraph.query<{ accessLedgerVerification: { chain: string; entries: number; valid: boolean }[] }>(`{ accessLedgerVerification { chain entries valid } }`, { viewer: auditor });
    expect(result.data!.accessLedgerVerification.sort((a, b) => a.chain.localeCompare(b.chain))).toEqual([
      { chain: "affiliation", entries: 2, valid: true },
      { chain: "incapacities", entries: 1, valid: true },
    ]);
    expect(errorCodes(await subgraph.query(`{ accessLedgerVerification { valid } }`, { viewer: member }))).toEqual(["FORBIDDEN"]);
  });
});
