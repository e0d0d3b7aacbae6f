import { sendJson, type RouteHandler } from "@sos/kit/http";
import type { IncomingMessage, ServerResponse } from "node:http";
import { admitted, relayAnswer, type Admit } from "./relay.js";

/** The largest support document (kit/uploads MAX_UPLOAD_BYTES; the gateway does not load the kit's models). */
const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
/** One byte more than a document may have: enough for the subgraph to tell "too large" itself. */
const RELAY_LIMIT = MAX_UPLOAD_BYTES + 1;

const RELAYED_HEADERS = ["content-type", "content-length", "content-disposition", "cache-control", "x-content-type-options", "content-security-policy", "cross-origin-resource-policy"];
/**
 * Bodies held in memory at once, across all clients: the gateway holds a body whole before relaying it, so
 * this bounds its memory (at most this many × 10 MB); one more upload waits its turn as a 503.
 */
const MAX_BODIES_IN_FLIGHT = 4;
let bodiesInFlight = 0;

/**
 * The body, read up to RELAY_LIMIT bytes; null when more arrives (the rest is left unread). Read by hand,
 * not with `for await` and a break, which would destroy the request and the socket the 413 needs.
 */
async function readLimited(req: IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  const body = (req as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  for (let next = await body.next(); !next.done; next = await body.next()) {
    size += next.value.length;
    if (size > RELAY_LIMIT) return null;
    chunks.push(next.value);
  }
  return Buffer.concat(chunks);
}

function tooLarge(req: IncomingMessage, res: ServerResponse): void {
  // The rest of the body is never read: close the connection once answered (as serveHttp does).
  sendJson(res, 413, { error: "too_large", message: "El documento supera el máximo de 10 MB." }, { connection: "close" });
  res.once("finish", () => req.socket.destroySoon());
}

/**
 * PUT /uploads/<subgraph>?id=…&expires=…&signature=… (a support document's bytes) and GET of the same path
 * (its download), at the gateway's own origin, relayed to the subgraph that keeps the document, which
 * checks the link, the size and the type by content. The gateway holds at most 10 MB + 1 byte of a body:
 * past that it answers 413 itself. No token (the link is the permission): counted per address, like
 * certificate downloads.
 */
export function uploadRoutes(subgraphs: readonly { name: string; url: string }[], admit: Admit): Record<string, RouteHandler> {
  const relay =
    (base: string, method: "GET" | "PUT"): RouteHandler =>
    async (req, res) => {
      if (!(await admitted(admit, req, res, { closeAfter: method === "PUT" }))) return;
      let body: Buffer | null = null;
      if (method === "PUT") {
        if (Number(req.headers["content-length"] ?? 0) > RELAY_LIMIT) return tooLarge(req, res);
        if (bodiesInFlight >= MAX_BODIES_IN_FLIGHT) {
          sendJson(res, 503, { error: "busy", message: "Hay muchas cargas en curso: intente de nuevo en unos segundos." }, { "retry-after": "5", connection: "close" });
          res.once("finish", () => req.socket.destroySoon());
          return;
        }
        bodiesInFlight++;
      }
      try {
        if (method === "PUT") {
          body = await readLimited(req);
          if (!body) return tooLarge(req, res);
        }
        const search = new URL(req.url ?? "/", "http://localhost").search;
        await relayAnswer(res, {
          url: `${base}/uploads${search}`,
          init: { method, ...(body && { body, headers: { "content-type": "application/octet-stream" } }) },
          headers: RELAYED_HEADERS,
          timeoutMs: 30_000,
        });
      } finally {
        // The body is held until the subgraph has answered.
        if (method === "PUT") bodiesInFlight--;
      }
    };
  return Object.fromEntries(
    subgraphs.flatMap(({ name, url }) => {
      const base = url.replace(/\/graphql$/, "");
      return [
        [`PUT /uploads/${name}`, relay(base, "PUT")],
        [`GET /uploads/${name}`, relay(base, "GET")],
      ];
    }),
  );
}
