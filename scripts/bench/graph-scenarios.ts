// The scenarios of npm run bench:graph (scripts/bench/run.ts): the operations, who sends them, and the
// data they need from the running graph (the second page's cursor).
import { PERSONA_EMPLOYER_NIT } from "@sos/personas";
import { readFileSync } from "node:fs";
import { MANIFEST_PATH } from "../lib/supergraph.js";
import type { Scenario } from "./load.js";

/** The id clients send for a trusted document of schema/operations. */
function trustedDocumentId(name: string): string {
  const manifest = JSON.parse(readFileSync(MANIFEST_PATH, "utf8")) as { operations: { id: string; name: string }[] };
  const operation = manifest.operations.find((candidate) => candidate.name === name);
  if (!operation) throw new Error(`no trusted document ${name}: run npm run compose`);
  return operation.id;
}

async function graphql<T>(url: string, token: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(30_000),
  });
  const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length || !body.data) throw new Error(`GraphQL error: ${body.errors?.[0]?.message ?? response.status}`);
  return body.data;
}


const ME = `query Me { me { fullName state employer { name } primaryIps { habilitationCode } familyGroup { size beneficiaries { fullName relationship birthDate } } } }`;
const DEPENDENTS = `query Dependents($nit: String!, $after: String) {
  employer(nit: $nit) {
    name
    dependents(first: 20, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes { id fullName documentType documentNumber state }
    }
  }
}`;
// Partner clinics may send only trusted documents, by id: schema/operations/ips/RightsCheck.graphql.
const RIGHTS_CHECK_ID = trustedDocumentId("RightsCheck");
const UPDATE_CONTACT = `mutation UpdateContact($mobile: String!) { updateContactData(input: { mobile: $mobile }) { id contact { mobile } } }`;
const EMPLOYER_NIT_WITH_CHECK_DIGIT = `${PERSONA_EMPLOYER_NIT}-8`;
const MOBILES = ["3157284610", "3157284611"] as const;


/** The four scenarios against the gateway at `url`, with a token per persona and real documents for rightsCheck. */
export async function graphScenarios(options: {
  url: string;
  tokens: { member: string; employer: string; ips: string };
  documents: { documentType: string; documentNumber: string }[];
  log: (message: string) => void;
}): Promise<Scenario[]> {
  const { url, tokens, documents, log } = options;
  // The second page of dependents continues from the first page's endCursor.
  type DependentsData = { employer: { dependents: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } };
  const firstPage = await graphql<DependentsData>(url, tokens.employer, DEPENDENTS, { nit: EMPLOYER_NIT_WITH_CHECK_DIGIT });
  const { totalCount, pageInfo } = firstPage.employer.dependents;
  const secondPageCursor = pageInfo.hasNextPage ? pageInfo.endCursor : null;
  if (!secondPageCursor) log(`the persona employer has only ${totalCount} dependents: every dependents request asks for the first page`);

  return [
    { key: "me", title: "me + family group (member)", request: () => ({ query: ME, token: tokens.member }) },
    {
      key: "dependents",
      title: `employer dependents, 20 + totalCount (${totalCount} in all)`,
      request: (i) => ({
        query: DEPENDENTS,
        variables: { nit: EMPLOYER_NIT_WITH_CHECK_DIGIT, after: i % 2 === 1 ? secondPageCursor : null },
        token: tokens.employer,
      }),
    },
    {
      key: "rightsCheck",
      title: `rightsCheck (ips), ${documents.length} documents`,
      request: (i) => {
        const document = documents[i % documents.length] as { documentType: string; documentNumber: string };
        return { persistedId: RIGHTS_CHECK_ID, variables: { ...document }, token: tokens.ips };
      },
    },
    {
      key: "updateContactData",
      title: "updateContactData mobile (member)",
      request: (i) => ({ query: UPDATE_CONTACT, variables: { mobile: MOBILES[i % 2] }, token: tokens.member }),
    },
  ];
}
