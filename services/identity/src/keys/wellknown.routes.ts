import { TOKEN_ALGORITHM, TOKEN_AUDIENCE, TOKEN_ISSUER, sendJson, type RouteHandler, type SubgraphRuntime } from "@sos/kit";
import type { Models } from "../context.js";
import type { IdentitySettings } from "../settings.js";
import { keyringOf } from "./keyring.js";

/**
 * The key set and the discovery document, public: the gateway and every subgraph verify tokens against
 * the key set (refetched when a token names an unknown key), and the gateway republishes both at its
 * origin. Any OpenID provider that publishes the same two documents can replace this service.
 */
export function wellKnownRoutes(runtime: SubgraphRuntime<Models, IdentitySettings>): Record<string, RouteHandler> {
  const { models, settings } = runtime;
  const keyring = () => keyringOf(models.signingKeys, settings.signingKeyDays);
  return {
    async "GET /.well-known/jwks.json"(_req, res) {
      // A key about to sign is published before its first token: ask for the current one first.
      await keyring().currentKey();
      sendJson(res, 200, await keyring().jwks(), { "cache-control": "public, max-age=300" });
    },
    "GET /.well-known/openid-configuration"(_req, res) {
      sendJson(
        res,
        200,
        {
          issuer: TOKEN_ISSUER,
          jwks_uri: `${settings.publicOrigin}/.well-known/jwks.json`,
          token_endpoint: `${settings.publicOrigin}/oauth/token`,
          grant_types_supported: ["client_credentials"],
          token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
          id_token_signing_alg_values_supported: [TOKEN_ALGORITHM],
          response_types_supported: ["token"],
          subject_types_supported: ["public"],
          // Not standard OpenID, but where a client learns the audience our tokens carry.
          audience: TOKEN_AUDIENCE,
        },
        { "cache-control": "public, max-age=300" },
      );
    },
  };
}
