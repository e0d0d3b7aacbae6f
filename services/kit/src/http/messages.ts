// Reading a request's body and writing a JSON answer: what the server's own routes and any route a
// subgraph adds (the identity service's token endpoint, uploads) share.
import type { IncomingMessage, ServerResponse } from "node:http";

/** How reading a request fails when its client has gone. */
export const CLIENT_GONE = new Set(["ECONNRESET", "ERR_STREAM_PREMATURE_CLOSE", "ECONNABORTED"]);

/** A body past the limit: the route answers 413 (serveHttp does, for its own routes). */
export class BodyTooLarge extends Error {}

/** The body as text; past `limit` bytes it stops reading and throws BodyTooLarge. */
export async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new BodyTooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...headers, "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

/** The GraphQL error shape for an answer made outside GraphQL (a 404, a 413, a failure before Apollo). */
export const errorBody = (code: string, message: string, requestId?: string) => ({ errors: [{ message, extensions: { code, ...(requestId && { requestId }) } }] });
