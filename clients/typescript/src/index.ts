// @sos/client: the graph's typed client. The types and typed documents in ./generated are written by
// `npm run compose` from the public API schema (schema/api.graphql) and the trusted documents
// (schema/operations); this file is the small, hand-written part: sending a document by its id.
//
//   const client = createClient({ url: "http://127.0.0.1:4000/graphql" });
//   const { login } = await client.request(LoginDocument, { input: { email, password } });
//   const { me } = await client.withToken(login.accessToken).request(MemberHomeDocument);
//
// The gateway answers only reviewed documents for partner clinics, and production only for analysts
// (docs/security.md#trusted-documents): the body never leaves the app, only the id the manifest gives it.
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { persistedDocumentIds, type OperationName } from "./generated/persisted-documents.js";

export * from "./generated/graphql.js";
export { persistedDocumentIds, type OperationName };
export type { TypedDocumentNode };

/** One entry of a response's `errors`: `extensions.code` is stable (UNAUTHENTICATED, FORBIDDEN, BAD_USER_INPUT, …). */
export interface GraphqlErrorEntry {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; requestId?: string; field?: string; [key: string]: unknown };
}

/** The response carried errors (or no data): the partial `data`, when there is some, is kept. */
export class GraphqlRequestError<TResult = unknown> extends Error {
  constructor(
    readonly operationName: string,
    readonly status: number,
    readonly errors: GraphqlErrorEntry[],
    readonly data: TResult | null | undefined,
  ) {
    const codes = errors.map((error) => error.extensions?.code ?? "ERROR");
    super(`${operationName}: ${errors.map((error, i) => `${codes[i]}: ${error.message}`).join("; ") || `HTTP ${status} without data`}`);
    this.name = "GraphqlRequestError";
  }

  /** The errors' codes, in order. */
  get codes(): string[] {
    return this.errors.map((error) => error.extensions?.code ?? "ERROR");
  }
}

/** The operation a document holds: the trusted documents hold exactly one, named. */
export function operationName(document: TypedDocumentNode<unknown, never>): OperationName {
  for (const definition of document.definitions) {
    if (definition.kind === "OperationDefinition" && definition.name && definition.name.value in persistedDocumentIds) {
      return definition.name.value as OperationName;
    }
  }
  throw new Error("The document is not one of the trusted documents of schema/operations (run `npm run compose`)");
}

/** The id the gateway knows a trusted document by (schema/operations/manifest.json). */
export const persistedDocumentId = (document: TypedDocumentNode<unknown, never>): string => persistedDocumentIds[operationName(document)];

/** Variables may be left out when the operation has none, or none required. */
export type VariablesArgument<TVariables> = Record<string, never> extends TVariables ? [variables?: TVariables] : [variables: TVariables];

export interface ClientOptions {
  /** The gateway's GraphQL endpoint, e.g. http://127.0.0.1:4000/graphql. */
  url: string;
  /** The access token (login's `accessToken`, or a clinic's client-credentials token). */
  token?: string;
  /** Extra headers: an agent's `x-access-purpose`, a request id. */
  headers?: Record<string, string>;
  /** Another fetch (tests, a proxy); the global one by default. */
  fetch?: typeof fetch;
}

export interface Client {
  /** Sends the document's id and the variables; resolves with `data`, or throws GraphqlRequestError. */
  request<TResult, TVariables>(document: TypedDocumentNode<TResult, TVariables>, ...variables: VariablesArgument<TVariables>): Promise<TResult>;
  /** The same client acting with another access token. */
  withToken(token: string): Client;
}

export function createClient(options: ClientOptions): Client {
  const send = options.fetch ?? fetch;
  return {
    async request<TResult, TVariables>(document: TypedDocumentNode<TResult, TVariables>, ...[variables]: VariablesArgument<TVariables>): Promise<TResult> {
      const name = operationName(document as TypedDocumentNode<unknown, never>);
      const response = await send(options.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          accept: "application/graphql-response+json, application/json",
          ...(options.token && { authorization: `Bearer ${options.token}` }),
          ...options.headers,
        },
        body: JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: persistedDocumentIds[name] } }, variables: variables ?? {} }),
      });
      const text = await response.text();
      let body: { data?: TResult | null; errors?: GraphqlErrorEntry[] };
      try {
        body = JSON.parse(text) as typeof body;
      } catch {
        throw new GraphqlRequestError<TResult>(name, response.status, [{ message: `Not a GraphQL response (HTTP ${response.status}): ${text.slice(0, 200)}` }], undefined);
      }
      if (body.errors?.length || body.data === null || body.data === undefined) {
        throw new GraphqlRequestError<TResult>(name, response.status, body.errors ?? [], body.data);
      }
      return body.data;
    },
    withToken: (token) => createClient({ ...options, token }),
  };
}
