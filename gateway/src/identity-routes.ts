import { readBody, type RouteHandler } from "@sos/kit/http";
import { admitted, relayAnswer, type Admit } from "./relay.js";

/** The paths OpenID and OAuth clients expect at the issuer's origin, served by the identity subgraph. */
const PUBLISHED = ["GET /.well-known/jwks.json", "GET /.well-known/openid-configuration", "POST /oauth/token"] as const;
const MAX_BODY_BYTES = 4 * 1024;
const RELAYED_HEADERS = ["content-type", "cache-control", "pragma", "www-authenticate"];

/**
 * The key set, the discovery document and the token endpoint at the gateway's own origin, relayed to the
 * identity subgraph: clients and other verifiers need to know one address, the gateway's, and the
 * identity service stays inside the network like every subgraph.
 */
export function identityRoutes(identityGraphqlUrl: string | undefined, admit: Admit): Record<string, RouteHandler> {
  if (!identityGraphqlUrl) return {};
  const base = identityGraphqlUrl.replace(/\/graphql$/, "");
  const relay =
    (path: string): RouteHandler =>
    async (req, res) => {
      // Counted like any anonymous request from the same address: a flood of token requests is cut off here.
      if (!(await admitted(admit, req, res))) return;
      const body = req.method === "POST" ? await readBody(req, MAX_BODY_BYTES) : undefined;
      await relayAnswer(res, {
        url: `${base}${path}`,
        init: {
          method: req.method ?? "GET",
          headers: {
            ...(req.headers["content-type"] && { "content-type": req.headers["content-type"] }),
            ...(req.headers.authorization && { authorization: req.headers.authorization }),
            ...(req.headers["x-request-id"] && { "x-request-id": String(req.headers["x-request-id"]) }),
          },
          ...(body !== undefined && { body }),
        },
        headers: RELAYED_HEADERS,
        timeoutMs: 5_000,
      });
    };
  return Object.fromEntries(PUBLISHED.map((route) => [route, relay(route.slice(route.indexOf(" ") + 1))]));
}
