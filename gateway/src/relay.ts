import { sendJson } from "@sos/kit/http";
import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";

// What the gateway's relays share (token endpoint and key set, certificate downloads, support documents,
// the verification page): the same admission of a request without a token, and the same copy of a
// subgraph's answer back to the client.

/** The rate limit of requests without a token (per address): rejects when spent. */
export type Admit = (req: IncomingMessage) => Promise<unknown>;

/**
 * Admits the request, or answers 429 with Retry-After and resolves false. `closeAfter`: the request's body
 * is left unread, so the connection is closed once the answer is sent.
 */
export async function admitted(admit: Admit, req: IncomingMessage, res: ServerResponse, options: { closeAfter?: boolean } = {}): Promise<boolean> {
  try {
    await admit(req);
    return true;
  } catch (refusal) {
    const retryAfter = (refusal as { extensions?: { retryAfter?: number } }).extensions?.retryAfter;
    sendJson(res, 429, { error: "slow_down" }, { ...(retryAfter && { "retry-after": String(retryAfter) }), ...(options.closeAfter && { connection: "close" }) });
    if (options.closeAfter) res.once("finish", () => req.socket.destroySoon());
    return false;
  }
}

/**
 * Asks the subgraph and streams its status, the named headers and its body to the client (a document is
 * never held whole in the gateway's memory); 503 with a clear message when it does not answer in time.
 */
export async function relayAnswer(res: ServerResponse, request: { url: string; init: RequestInit; headers: readonly string[]; timeoutMs: number }): Promise<void> {
  let answer: Response;
  try {
    answer = await fetch(request.url, { ...request.init, signal: AbortSignal.timeout(request.timeoutMs) });
  } catch {
    sendJson(res, 503, { error: "temporarily_unavailable", message: "El servicio no respondió: intente de nuevo en unos minutos." });
    return;
  }
  for (const name of request.headers) {
    const value = answer.headers.get(name);
    if (value) res.setHeader(name, value);
  }
  res.statusCode = answer.status;
  if (!answer.body) {
    res.end();
    return;
  }
  // A subgraph that stops half-way leaves a cut response, never a wrong one: the connection is closed.
  await pipeline(Readable.fromWeb(answer.body as WebReadableStream<Uint8Array>), res).catch(() => res.destroy());
}
