import type { IncomingMessage, ServerResponse } from "node:http";

const CORS_HEADERS = {
  "access-control-allow-methods": "GET, POST, PUT, OPTIONS",
  "access-control-allow-headers": "authorization, content-type, x-access-purpose, x-request-id, apollo-require-preflight, apollographql-client-name, apollographql-client-version",
  "access-control-max-age": "600",
};

/** Answers CORS for allowed origins; true when the request was a preflight and has been answered. */
export function handleCors(req: IncomingMessage, res: ServerResponse, origins: ReadonlySet<string>): boolean {
  const origin = req.headers.origin;
  if (!origin || !origins.has(origin)) return false;
  res.setHeader("access-control-allow-origin", origin);
  res.setHeader("vary", "Origin");
  res.setHeader("access-control-expose-headers", "x-request-id, ratelimit, ratelimit-policy, retry-after");
  if (req.method !== "OPTIONS") return false;
  res.writeHead(204, CORS_HEADERS).end();
  return true;
}
