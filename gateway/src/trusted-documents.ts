import type { HTTPGraphQLRequest } from "@apollo/server";
import { AppError, ErrorCode } from "@sos/kit/errors";
import { createHash } from "node:crypto";

/**
 * Trusted documents: the reviewed operations of schema/operations/, by id (the SHA-256 of the body).
 * A client sends an id instead of a document, in either of the two forms in use:
 * `extensions.persistedQuery.sha256Hash` (Apollo Client's persisted queries) or `documentId`
 * ("sha256:<hex>" or the bare hex, the GraphQL-over-HTTP persisted-documents proposal).
 */
export interface TrustedDocuments {
  /** Replaces an id by its document; says whether what will run is a reviewed document. */
  resolve(request: HTTPGraphQLRequest): { request: HTTPGraphQLRequest; trusted: boolean };
  readonly size: number;
  /** Every document with its operation's name (the query plans are made ahead from them). */
  readonly documents: readonly { name: string; body: string }[];
}

interface Manifest {
  format?: unknown;
  operations?: { id?: unknown; name?: unknown; body?: unknown }[];
}

type Payload = Record<string, unknown>;

const sha256 = (text: string): string => createHash("sha256").update(text).digest("hex");

function requestedId(payload: Payload): string | null {
  const documentId = payload["documentId"];
  if (typeof documentId === "string") return documentId.replace(/^sha256:/, "");
  const persisted = (payload["extensions"] as Payload | undefined)?.["persistedQuery"] as Payload | undefined;
  return typeof persisted?.["sha256Hash"] === "string" ? persisted["sha256Hash"] : null;
}

/** The payload without the id: Apollo's own persisted-query support is off, and would refuse it. */
function withoutId(payload: Payload, query: string): Payload {
  const { documentId: _documentId, extensions, ...rest } = payload;
  const { persistedQuery: _persistedQuery, ...otherExtensions } = (extensions as Payload | undefined) ?? {};
  return { ...rest, query, ...(Object.keys(otherExtensions).length && { extensions: otherExtensions }) };
}

const notFound = () =>
  new AppError(ErrorCode.PERSISTED_QUERY_NOT_FOUND, "La operación solicitada no está en la lista de operaciones aprobadas.", { http: { status: 400 } });

export function loadTrustedDocuments(json: string): TrustedDocuments {
  const manifest = JSON.parse(json) as Manifest;
  if (manifest.format !== "apollo-persisted-query-manifest" || !Array.isArray(manifest.operations)) {
    throw new Error("The trusted documents file is not a persisted-query manifest (run `npm run compose`).");
  }
  const byId = new Map<string, string>();
  const documents: { name: string; body: string }[] = [];
  for (const operation of manifest.operations) {
    if (typeof operation.id !== "string" || typeof operation.body !== "string") throw new Error("A trusted document lacks its id or body.");
    if (sha256(operation.body) !== operation.id) throw new Error(`Trusted document ${operation.id} does not match its body.`);
    byId.set(operation.id, operation.body);
    if (typeof operation.name === "string") documents.push({ name: operation.name, body: operation.body });
  }

  function resolvePayload(payload: Payload): { payload: Payload; trusted: boolean } {
    const id = requestedId(payload);
    const query = typeof payload["query"] === "string" ? payload["query"] : null;
    if (id !== null) {
      const body = byId.get(id);
      if (body !== undefined) return { payload: withoutId(payload, body), trusted: true };
      // An unknown id with no document is an error; with one (an APQ client's retry), it is ad hoc.
      if (query === null) throw notFound();
      return { payload: withoutId(payload, query), trusted: false };
    }
    return { payload, trusted: query !== null && byId.has(sha256(query)) };
  }

  return {
    size: byId.size,
    documents,
    resolve(request) {
      if (request.method === "GET") {
        const params = new URLSearchParams(request.search);
        const payload: Payload = Object.fromEntries(params);
        if (typeof payload["extensions"] === "string") {
          try {
            payload["extensions"] = JSON.parse(payload["extensions"]) as Payload;
          } catch {
            return { request, trusted: false };
          }
        }
        const resolved = resolvePayload(payload);
        const search = new URLSearchParams();
        for (const [name, value] of Object.entries(resolved.payload)) search.set(name, typeof value === "string" ? value : JSON.stringify(value));
        return { request: { ...request, search: `?${search}` }, trusted: resolved.trusted };
      }
      if (!request.body || typeof request.body !== "object" || Array.isArray(request.body)) return { request, trusted: false };
      const resolved = resolvePayload(request.body as Payload);
      return { request: { ...request, body: resolved.payload }, trusted: resolved.trusted };
    },
  };
}
