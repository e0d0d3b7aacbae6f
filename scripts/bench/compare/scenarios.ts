// What npm run bench:compare sends: the operations of its four scenarios, and who sends them. Every
// request carries one of a pool of distinct tokens of its persona, rotated, so requests in flight at the
// same time never share a token and no gateway can merge them (each verifies or forwards its own).
import { PERSONA_EMPLOYER_NIT, PERSONAS } from "@sos/personas";
import type { TokenSigner } from "@sos/kit";
import { GATEWAY_SECRET_HEADER, PURPOSE_HEADER } from "@sos/kit/http";
import type { GraphqlRequest } from "../load.js";

/** Where a scenario's requests go: through a gateway, or straight to a subgraph (the overhead baseline). */
export type Target = { kind: "gateway"; key: string } | { kind: "subgraph"; name: string };

export interface CompareScenario {
  key: "dashboard" | "fanout" | "overhead" | "nplus1-10" | "nplus1-100";
  title: string;
  /** What the table says the operation is. */
  operation: string;
  /** The subgraph the direct target calls, when the scenario has one (overhead). */
  directSubgraph?: string;
  request(i: number, target: Target): GraphqlRequest;
}

/** One query touching every subgraph a member's home screen needs. */
export const MEMBER_DASHBOARD = `query MemberDashboard {
  me {
    id fullName documentType documentNumber state regime
    familyGroup { size beneficiaries { id fullName relationship state } }
    primaryIps { habilitationCode name address phone }
    authorizations(first: 5) { totalCount nodes { number state serviceDate } }
    pendingDeliveries(first: 5, onlyOpen: true) { totalCount nodes { id description state dueAt } }
    incapacities(first: 5) { totalCount nodes { number type days state } }
    pacInvoices(first: 5) { totalCount nodes { number period amount dueDate state } }
    pqrs(first: 5) { totalCount nodes { number type subject state dueAt } }
  }
}`;

/** An agent's list of 50 members with entities of five subgraphs nested below it, seven levels deep. */
export const AGENT_FAN_OUT = `query AgentFanOut($nit: String!) {
  employer(nit: $nit) {
    name
    dependents(first: 50) {
      totalCount
      nodes {
        id fullName state
        primaryIps { habilitationCode name }
        authorizations(first: 3) { nodes { number state items { description } } }
        incapacities(first: 3) { nodes { number days state } }
        pacInvoices(first: 3) { nodes { number amount state holder { fullName primaryIps { name } } } }
      }
    }
  }
}`;

/** A member's own record: affiliation alone, the same text through a gateway and to the subgraph. */
export const MEMBER_RECORD = `query MemberRecord { me { id fullName documentType documentNumber state regime memberType affiliationDate municipalityCode } }`;

/** The agents' authorization queue, each entry with its member (affiliation) and clinics (directory). */
export const AUTHORIZATION_QUEUE = `query AuthorizationQueue($first: Int!) {
  authorizationQueue(first: $first) {
    totalCount
    nodes { number state dueAt member { fullName documentNumber primaryIps { name } } requestingIps { name } destinationIps { name } }
  }
}`;

/** The benchmark's declared purpose: agents must state one (docs/access.md), and it lands in the access ledger. */
const AGENT_PURPOSE = "benchmark: carga sintética";

export interface TokenPools {
  member: string[];
  agent: string[];
}

/** `size` distinct tokens per persona (ES256 signatures differ even within one second). */
export async function signTokenPools(signer: TokenSigner, size: number): Promise<TokenPools> {
  const pool = async (persona: string): Promise<string[]> => {
    const viewer = PERSONAS[persona];
    if (!viewer) throw new Error(`no persona ${persona}`);
    return Promise.all(Array.from({ length: size }, () => signer.sign(viewer, "2h")));
  };
  return { member: await pool("member"), agent: await pool("agent") };
}

export function compareScenarios(tokens: TokenPools, gatewaySecret: string): CompareScenario[] {
  const pick = (pool: string[], i: number): string => pool[i % pool.length] as string;
  const agent = (i: number, query: string, variables: Record<string, unknown>): GraphqlRequest => ({
    query,
    variables,
    token: pick(tokens.agent, i),
    headers: { [PURPOSE_HEADER]: AGENT_PURPOSE },
  });
  const queue = (first: 10 | 100): CompareScenario => ({
    key: first === 10 ? "nplus1-10" : "nplus1-100",
    title: `N+1: authorization queue, ${first} entries`,
    operation: `authorizationQueue(first: ${first}) with each entry's member, its primary IPS and two clinics (agent)`,
    request: (i) => agent(i, AUTHORIZATION_QUEUE, { first }),
  });
  return [
    {
      key: "dashboard",
      title: "Member dashboard",
      operation: "me with family, primary IPS, authorizations, pending deliveries, incapacities, PAC invoices and PQRS: every subgraph (member)",
      request: (i) => ({ query: MEMBER_DASHBOARD, token: pick(tokens.member, i) }),
    },
    {
      key: "fanout",
      title: "Deep fan-out",
      operation: "an employer's 50 dependents with primary IPS, authorizations, incapacities and PAC invoices with their holder's IPS: five subgraphs, seven levels (agent)",
      request: (i) => agent(i, AGENT_FAN_OUT, { nit: `${PERSONA_EMPLOYER_NIT}-8` }),
    },
    {
      key: "overhead",
      title: "Gateway overhead",
      operation: "me with affiliation's fields only, through each gateway and straight to the affiliation subgraph (member)",
      directSubgraph: "affiliation",
      request: (i, target) => ({
        query: MEMBER_RECORD,
        token: pick(tokens.member, i),
        // Straight to the subgraph, the call presents what a gateway presents.
        ...(target.kind === "subgraph" && { headers: { [GATEWAY_SECRET_HEADER]: gatewaySecret } }),
      }),
    },
    queue(10),
    queue(100),
  ];
}
