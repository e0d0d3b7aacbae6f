import { randomUUID } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { AuditTrail } from "./audit.js";
import type { TokenVerifier } from "./auth/tokens.js";
import type { Viewer } from "./auth/viewer.js";
import { PURPOSE_HEADER, REQUEST_ID_HEADER } from "./http/headers.js";
import type { Logger } from "./logger.js";

/** What every subgraph's request context has; each service adds its loaders and models. */
export interface BaseContext {
  viewer: Viewer | null;
  requestId: string;
  /** The purpose the caller states for this access (header X-Access-Purpose); agents must give one. */
  purpose: string | null;
  logger: Logger;
  audit: AuditTrail;
  /** The caller's Authorization header, passed on when this subgraph asks another (docs/access.md). */
  authorization: string | null;
}

const header = (headers: IncomingHttpHeaders, name: string): string | null => {
  const value = headers[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first?.trim() || null;
};

export { PURPOSE_HEADER, REQUEST_ID_HEADER };

/** Verifies the token (UNAUTHENTICATED when present and bad) and builds the per-request base context. */
export async function createBaseContext(
  headers: IncomingHttpHeaders,
  verifier: TokenVerifier,
  logger: Logger,
): Promise<BaseContext> {
  const requestId = header(headers, REQUEST_ID_HEADER)?.slice(0, 64) ?? randomUUID();
  const purpose = header(headers, PURPOSE_HEADER)?.slice(0, 200) ?? null;
  const authorization = header(headers, "authorization");
  const viewer = await verifier.viewerFromHeader(authorization);
  return {
    authorization,
    viewer,
    requestId,
    purpose,
    logger: logger.child({ requestId, role: viewer?.role }),
    audit: new AuditTrail(viewer, requestId, purpose),
  };
}
