import { GATEWAY_SECRET_HEADER, sendJson, type RouteHandler } from "@sos/kit/http";
import { admitted, relayAnswer, type Admit } from "./relay.js";

const RELAYED_HEADERS = ["content-type", "content-length", "content-disposition", "cache-control"];

/**
 * GET /documents/<subgraph>?code=…&expires=…&signature=…: a certificate's PDF at the gateway's own origin,
 * relayed to the subgraph that issued and keeps it (which checks the link's signature and expiry). The
 * link a mutation hands out is a path here, so clients know one address and subgraphs stay inside.
 */
export function documentRoutes(subgraphs: readonly { name: string; url: string }[], admit: Admit): Record<string, RouteHandler> {
  const relay =
    (base: string): RouteHandler =>
    async (req, res) => {
      // No token: counted like any anonymous request from the same address.
      if (!(await admitted(admit, req, res))) return;
      const search = new URL(req.url ?? "/", "http://localhost").search;
      await relayAnswer(res, { url: `${base}/documents${search}`, init: {}, headers: RELAYED_HEADERS, timeoutMs: 10_000 });
    };
  return Object.fromEntries(subgraphs.map(({ name, url }) => [`GET /documents/${name}`, relay(url.replace(/\/graphql$/, ""))]));
}

interface Verification {
  code: string;
  genuine: boolean;
  type: string | null;
  holderInitials: string | null;
  certifies: string | null;
  issuedAt: string | null;
  validUntil: string | null;
  current: boolean | null;
}

const VERIFY = `query($code: String!) { verifyCertificate(code: $code) { code genuine type holderInitials certifies issuedAt validUntil current } }`;
const COLOMBIAN_DATE = new Intl.DateTimeFormat("es-CO", { timeZone: "America/Bogota", day: "numeric", month: "long", year: "numeric" });
const escape = (text: string): string => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

function verificationPage(result: Verification): string {
  const rows = result.genuine
    ? [
        ["Tipo", result.type],
        ["Titular (iniciales)", result.holderInitials],
        ["Certifica", result.certifies],
        ["Expedido", result.issuedAt ? COLOMBIAN_DATE.format(new Date(result.issuedAt)) : null],
        ["Válido hasta", result.validUntil ?? "no vence"],
        ["Vigente hoy", result.current ? "sí" : "no"],
      ]
        .map(([label, value]) => `<tr><th>${escape(String(label))}</th><td>${escape(String(value ?? ""))}</td></tr>`)
        .join("")
    : "";
  const verdict = result.genuine ? "Certificado auténtico, expedido por S.O.S. EPS." : "Este código no corresponde a un certificado auténtico de S.O.S. EPS.";
  return `<!doctype html><html lang="es"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>Verificación de certificados · S.O.S. EPS</title></head><body><h1>Verificación de certificados</h1><p>Código: <code>${escape(result.code)}</code></p><p><strong>${verdict}</strong></p><table>${rows}</table></body></html>`;
}

/**
 * GET /verificar?codigo=…: where the printed link and the QR code of every certificate lead. Asks the
 * graph's own verifyCertificate (the audit subgraph, with the gateway's secret) and shows the answer as
 * a page, or as JSON to a client that asks for it. Nothing personal is shown: the holder's initials only.
 */
export function verificationRoute(auditGraphqlUrl: string | undefined, gatewaySecret: string | null, admit: Admit): Record<string, RouteHandler> {
  if (!auditGraphqlUrl) return {};
  return {
    "GET /verificar": async (req, res) => {
      if (!(await admitted(admit, req, res))) return;
      const code = (new URL(req.url ?? "/", "http://localhost").searchParams.get("codigo") ?? "").slice(0, 40);
      let result: Verification;
      try {
        const answer = await fetch(auditGraphqlUrl, {
          method: "POST",
          headers: { "content-type": "application/json", ...(gatewaySecret && { [GATEWAY_SECRET_HEADER]: gatewaySecret }) },
          body: JSON.stringify({ query: VERIFY, variables: { code } }),
          signal: AbortSignal.timeout(5_000),
        });
        const body = (await answer.json()) as { data?: { verifyCertificate?: Verification } };
        if (!body.data?.verifyCertificate) throw new Error(`audit answered ${answer.status}`);
        result = body.data.verifyCertificate;
      } catch {
        sendJson(res, 503, { error: "temporarily_unavailable", message: "No se pudo verificar ahora: intente de nuevo en unos minutos." });
        return;
      }
      if (req.headers.accept?.includes("application/json")) {
        sendJson(res, 200, result);
        return;
      }
      res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
      res.end(verificationPage(result));
    },
  };
}
