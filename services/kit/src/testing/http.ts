import { createTokenSigner, type TokenSigner } from "../auth/tokens.js";
import { generateKeyPairPem } from "../auth/keys.js";

/** A fresh signing key per test file: the public half goes to the servers under test. */
export async function createTestKeys(): Promise<{ publicKeyPem: string; signer: TokenSigner }> {
  const { privateKeyPem, publicKeyPem } = await generateKeyPairPem();
  return { publicKeyPem, signer: await createTokenSigner(privateKeyPem) };
}

export interface GraphqlResult<TData> {
  status: number;
  data?: TData | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string; field?: string } & Record<string, unknown> }[];
  extensions?: Record<string, unknown>;
  /** The response's headers (request id, rate limits). */
  headers?: Headers;
}

/** One GraphQL request over real HTTP, as a client sends it. */
export async function graphqlRequest<TData = Record<string, unknown>>(
  url: string,
  query: string | null,
  options: { variables?: Record<string, unknown>; token?: string; headers?: Record<string, string>; extensions?: Record<string, unknown> } = {},
): Promise<GraphqlResult<TData>> {
  const response = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      // What current clients send: the GraphQL response type first, so refusals keep their 4xx status.
      accept: "application/graphql-response+json, application/json;q=0.9",
      ...(options.token && { authorization: `Bearer ${options.token}` }),
      ...options.headers,
    },
    body: JSON.stringify({ ...(query !== null && { query }), variables: options.variables ?? {}, ...(options.extensions && { extensions: options.extensions }) }),
  });
  const body = (await response.json()) as Omit<GraphqlResult<TData>, "status">;
  return { status: response.status, headers: response.headers, ...body };
}

/** The codes of a result's errors, for assertions. */
export const errorCodes = (result: GraphqlResult<unknown>): (string | undefined)[] =>
  (result.errors ?? []).map((error) => error.extensions?.code);
