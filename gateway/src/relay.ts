import { sendJson } from "@sos/kit/http";
import type { IncomingMessage, ServerResponse } from "node:http";

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
 * Asks the subgraph and copies its status, the named headers and its body to the client; 503 with a clear
 * message when it does not answer in time.
 */
export async function relayAnswer(res: ServerResponse, request: { url: string; init: RequestInit; headers: readonly string[]; timeoutMs: number }): Promise<void> {
  let answer: Response;
  let payload: Buffer;
  try {
    answer = await fetch(request.url, { ...request.init, signal: AbortSignal.timeout(request.timeoutMs) });
    payload = Buffer.from(await answer.arrayBuffer());
  } catch {
    sendJson(res, 503, { error: "temporarily_unavailable", message: "El servicio no respondió: intente de nuevo en unos minutos." });
    return;
  }
  for (const name of request.headers) {
    const value = answer.headers.get(name);
    if (value) res.setHeader(name, value);
  }
  res.statusCode = answer.status;
  res.end(payload);
}
