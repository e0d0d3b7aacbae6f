import { AppError, ErrorCode } from "../errors.js";
import { postJson } from "../http/client.js";
import { GATEWAY_SECRET_HEADER, PURPOSE_HEADER, REQUEST_ID_HEADER } from "../http/headers.js";
import { injectTraceHeaders } from "../observability/tracing.js";
import type { AccessRequest } from "../access/member-access.js";

/**
 * Another subgraph asked directly, inside the graph: with the caller's own token, request id and purpose
 * (so the other subgraph applies its own rules to the same viewer) and the secret subgraphs accept. For
 * the rare decision one subgraph must take on another's data at the moment it writes (affiliation checks a
 * clinic against the directory); reads across subgraphs are the gateway's joins, never this.
 */
export interface Peers {
  /**
   * `as`: other credentials than the caller's — only for a service acting on its own account (identity
   * matching a registration against affiliation, before the person has any token).
   */
  query<T>(subgraph: string, query: string, variables?: Record<string, unknown>, as?: { authorization: string; purpose: string }): Promise<T>;
}

/** Where each peer subgraph is (SUBGRAPH_<NAME>_URL); filled in as they start, read at call time. */
export type PeerUrls = Readonly<Record<string, string>>;

const unavailable = (subgraph: string) =>
  new AppError(ErrorCode.UNAVAILABLE, `Un servicio del que depende esta respuesta (${subgraph}) no respondió. Intente de nuevo en unos minutos.`);

/**
 * One GraphQL question to another subgraph, with the caller's credentials and each accepted secret in
 * turn (a secret being rotated may not be known there yet: on 403 the next is tried). Resolves to `data`;
 * rejects on anything else (unreachable, too slow, an error, no data), for the caller to fail closed.
 */
export async function askSubgraph<T>(
  url: string,
  secrets: readonly string[],
  request: AccessRequest,
  operation: { query: string; variables?: Record<string, unknown> },
  timeoutMs = 5_000,
): Promise<T> {
  const body = JSON.stringify({ query: operation.query, variables: operation.variables ?? {} });
  for (const secret of secrets.length ? secrets : [null]) {
    const headers: Record<string, string> = {
      accept: "application/graphql-response+json",
      [REQUEST_ID_HEADER]: request.requestId,
      ...(request.authorization && { authorization: request.authorization }),
      ...(request.purpose && { [PURPOSE_HEADER]: request.purpose }),
      ...(secret && { [GATEWAY_SECRET_HEADER]: secret }),
    };
    // The peer's span joins this request's trace.
    injectTraceHeaders(headers);
    const answer = await postJson(url, headers, body, timeoutMs);
    if (answer.status === 403) continue;
    const parsed = JSON.parse(answer.text) as { data?: T | null; errors?: unknown[] };
    if (answer.status < 200 || answer.status >= 300 || parsed.errors?.length || parsed.data === undefined || parsed.data === null) throw new Error(`${url} answered ${answer.status}`);
    return parsed.data;
  }
  throw new Error(`${url} refused every secret this subgraph knows`);
}

export function createPeers(urls: PeerUrls, secrets: readonly string[], request: AccessRequest, timeoutMs = 5_000): Peers {
  return {
    async query<T>(subgraph: string, query: string, variables: Record<string, unknown> = {}, as?: { authorization: string; purpose: string }): Promise<T> {
      const url = urls[subgraph];
      if (!url) throw unavailable(subgraph);
      // Fail closed: a decision that needs the other subgraph is not taken without it.
      return askSubgraph<T>(url, secrets, as ? { ...request, ...as } : request, { query, variables }, timeoutMs).catch(() => {
        throw unavailable(subgraph);
      });
    },
  };
}
