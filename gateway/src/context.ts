import type { TokenVerifier, Viewer } from "@sos/kit/auth";
import { AppError, ErrorCode } from "@sos/kit/errors";
import { GATEWAY_SECRET_HEADER, PURPOSE_HEADER, REQUEST_ID_HEADER } from "@sos/kit/http";
import type { IncomingMessage, ServerResponse } from "node:http";
import { clientAddress } from "./client-address.js";
import { ANONYMOUS, callerKind, type CallerKind } from "./policy.js";
import { rateLimitHeaders, type Allowance, type RateLimiter } from "./rate-limit.js";

/** What the gateway knows of a request: the verified viewer and the headers it forwards to subgraphs. */
export interface GatewayContext {
  viewer: Viewer | null;
  requestId: string;
  forwarded: Record<string, string>;
}

const FORWARDED_HEADERS = ["authorization", PURPOSE_HEADER] as const;

export interface ContextDependencies {
  verifier: TokenVerifier;
  limiter: RateLimiter;
  /** Whether the request's document came from the trusted list (set while the request was prepared). */
  isTrusted: (req: IncomingMessage) => boolean;
  adHocCallers: readonly CallerKind[];
  gatewaySecret: string | null;
  /** How many proxies of ours stand in front of the gateway (0: none, the socket's address is the client's). */
  trustProxyHops: number;
}

/**
 * Builds each request's context, refusing it on the way: a bad token (401), a caller over its rate
 * (429, Retry-After), an operation this caller may only send from the trusted list (400). None of these
 * reaches a subgraph.
 */
export function createContextFactory(deps: ContextDependencies) {
  async function limit(req: IncomingMessage, viewer: Viewer | null): Promise<Allowance> {
    if (!viewer) return deps.limiter.consume("anonymous-ip", clientAddress(req, deps.trustProxyHops));
    const organisation = viewer.ipsCode ? `ips:${viewer.ipsCode}` : viewer.employerNit ? `employer:${viewer.employerNit}` : null;
    const allowances = await Promise.all([
      deps.limiter.consume("user", viewer.subject),
      ...(organisation ? [deps.limiter.consume("client", organisation)] : []),
    ]);
    return allowances.reduce((tightest, next) => (next.remaining < tightest.remaining ? next : tightest));
  }

  return async (req: IncomingMessage, res: ServerResponse): Promise<GatewayContext> => {
    const requestId = String(req.headers[REQUEST_ID_HEADER]);
    let viewer: Viewer | null;
    try {
      viewer = await deps.verifier.viewerFromHeader(req.headers.authorization);
    } catch (error) {
      // Bad tokens cost a signature check each: their senders are counted like anonymous callers.
      await deps.limiter.consume("anonymous-ip", clientAddress(req, deps.trustProxyHops));
      throw error;
    }
    const allowance = await limit(req, viewer);
    for (const [name, value] of Object.entries(rateLimitHeaders(allowance))) res.setHeader(name, value);

    const kind = callerKind(viewer);
    if (!deps.isTrusted(req) && !deps.adHocCallers.includes(kind)) {
      throw new AppError(
        ErrorCode.PERSISTED_QUERY_NOT_IN_LIST,
        kind === ANONYMOUS || kind === "IPS"
          ? "Solo se aceptan operaciones de la lista aprobada, enviadas por su id (schema/operations)."
          : "Este usuario solo puede enviar operaciones de la lista aprobada, por su id.",
        { http: { status: 400 } },
      );
    }

    const forwarded: Record<string, string> = { [REQUEST_ID_HEADER]: requestId };
    for (const name of FORWARDED_HEADERS) {
      const value = req.headers[name];
      if (typeof value === "string") forwarded[name] = value;
    }
    if (deps.gatewaySecret) forwarded[GATEWAY_SECRET_HEADER] = deps.gatewaySecret;
    return { viewer, requestId, forwarded };
  };
}
