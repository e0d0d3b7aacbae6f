import { BodyTooLarge, readBody, sendJson, type RouteHandler, type SubgraphRuntime } from "@sos/kit";
import type { Models } from "../context.js";
import { accessToken } from "../sessions/sessions.js";
import type { IdentitySettings } from "../settings.js";
import { claimAttempt, clearFailures, recordFailure, throttleKey } from "../accounts/throttle.model.js";
import { secretMatches, type IpsClientDoc } from "./ips-client.model.js";

const MAX_TOKEN_REQUEST_BYTES = 4 * 1024;
const NO_STORE = { "cache-control": "no-store", pragma: "no-cache" };

/** client_id and client_secret from HTTP Basic (RFC 6749 §2.3.1) or the form body. */
function credentials(authorization: string | undefined, form: URLSearchParams): { id: string; secret: string } | null {
  const basic = /^Basic\s+(\S+)$/i.exec(authorization ?? "");
  if (basic?.[1]) {
    const decoded = Buffer.from(basic[1], "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon <= 0) return null;
    try {
      return { id: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) };
    } catch {
      return null;
    }
  }
  const id = form.get("client_id");
  const secret = form.get("client_secret");
  return id && secret ? { id, secret } : null;
}

/**
 * POST /oauth/token, grant_type=client_credentials (RFC 6749 §4.4): a partner clinic's system trades its
 * client id and secret for a short-lived token of role IPS scoped to its habilitation code. Failures
 * count against the client id and lock it like a user name; errors are RFC 6749's.
 */
export function clientCredentialsRoute(runtime: SubgraphRuntime<Models, IdentitySettings>): RouteHandler {
  const { models, settings, logger } = runtime;
  return async (req, res) => {
    let form: URLSearchParams;
    try {
      form = new URLSearchParams(await readBody(req, MAX_TOKEN_REQUEST_BYTES));
    } catch (error) {
      if (error instanceof BodyTooLarge) throw error;
      sendJson(res, 400, { error: "invalid_request" }, NO_STORE);
      return;
    }
    if (!(req.headers["content-type"] ?? "").includes("application/x-www-form-urlencoded")) {
      sendJson(res, 400, { error: "invalid_request", error_description: "Use application/x-www-form-urlencoded." }, NO_STORE);
      return;
    }
    if (form.get("grant_type") !== "client_credentials") {
      sendJson(res, 400, { error: "unsupported_grant_type" }, NO_STORE);
      return;
    }
    const given = credentials(req.headers.authorization, form);
    if (!given || given.id.length > 80 || given.secret.length > 200) {
      sendJson(res, 401, { error: "invalid_client" }, { ...NO_STORE, "www-authenticate": 'Basic realm="sos-eps"' });
      return;
    }
    const client = await models.ipsClients.findById(given.id).lean<IpsClientDoc>().exec();
    // Client ids are not secret (RFC 6749 §2.2): an unknown one is refused at once, and only real clients
    // are counted — random ids leave nothing behind.
    if (!client) {
      sendJson(res, 401, { error: "invalid_client" }, { ...NO_STORE, "www-authenticate": 'Basic realm="sos-eps"' });
      return;
    }
    const key = throttleKey("client", given.id);
    const claim = await claimAttempt(models.throttle, key);
    if (!claim.ok) {
      sendJson(res, 429, { error: "invalid_client", error_description: "Demasiados intentos fallidos." }, { ...NO_STORE, "retry-after": String(Math.max(1, Math.ceil((claim.until.getTime() - Date.now()) / 1000))) });
      return;
    }
    if (!secretMatches(client, given.secret)) {
      await recordFailure(models.throttle, key);
      logger.warn({ clientId: given.id.slice(0, 80) }, "client credentials refused");
      sendJson(res, 401, { error: "invalid_client" }, { ...NO_STORE, "www-authenticate": 'Basic realm="sos-eps"' });
      return;
    }
    await clearFailures(models.throttle, key);
    const token = await accessToken(models, settings, { subject: client._id, role: "IPS", ipsCode: client.ipsCode }, settings.clientTokenMinutes);
    sendJson(res, 200, { access_token: token.token, token_type: "Bearer", expires_in: settings.clientTokenMinutes * 60, scope: `ips:${client.ipsCode}` }, NO_STORE);
  };
}
