import { readBody, sendJson, type RouteHandler } from "@sos/kit/http";
import type { IncomingMessage } from "node:http";

/** The paths OpenID and OAuth clients expect at the issuer's origin, served by the identity subgraph. */
const PUBLISHED = ["GET /.well-known/jwks.json", "GET /.well-known/openid-configuration", "POST /oauth/token"] as const;
const MAX_BODY_BYTES = 4 * 1024;
const RELAYED_HEADERS = ["content-type", "cache-control", "pragma", "www-authenticate"];

/**
 * The key set, the discovery document and the token endpoint at the gateway's own origin, relayed to the
 * identity subgraph: clients and other verifiers need to know one address, the gateway's, and the
 * identity service stays inside the network like every subgraph.
 */
export function identityRoutes(identityGraphqlUrl: string | undefined, admit: (req: IncomingMessage) => Promise<unknown>): Record<string, RouteHandler> {
  if (!identityGraphqlUrl) return {};
  const base = identityGraphqlUrl.replace(/\/graphql$/, "");
  const relay =
    (path: string): RouteHandler =>
    async (req, res) => {
      // Counted like any anonymous request from the same address: a flood of token requests is cut off here.
      try {
        await admit(req);
      } catch (refusal) {
        const retryAfter = (refusal as { extensions?: { retryAfter?: number } }).extensions?.retryAfter;
        sendJson(res, 429, { error: "slow_down" }, retryAfter ? { "retry-after": String(retryAfter) } : {});
        return;
      }
      const body = req.method === "POST" ? await readBody(req, MAX_BODY_BYTES) : undefined;
      let answer: Response;
      let payload: Buffer;
      try {
        answer = await fetch(`${base}${path}`, {
          method: req.method ?? "GET",
          headers: {
            ...(req.headers["content-type"] && { "content-type": req.headers["content-type"] }),
            ...(req.headers.authorization && { authorization: req.headers.authorization }),
            ...(req.headers["x-request-id"] && { "x-request-id": String(req.headers["x-request-id"]) }),
          },
          ...(body !== undefined && { body }),
          signal: AbortSignal.timeout(5_000),
        });
        payload = Buffer.from(await answer.arrayBuffer());
      } catch {
        sendJson(res, 503, { error: "temporarily_unavailable" });
        return;
      }
      for (const name of RELAYED_HEADERS) {
        const value = answer.headers.get(name);
        if (value) res.setHeader(name, value);
      }
      res.statusCode = answer.status;
      res.end(payload);
    };
  return Object.fromEntries(PUBLISHED.map((route) => [route, relay(route.slice(route.indexOf(" ") + 1))]));
}
