import { HeaderMap, type ApolloServer, type HTTPGraphQLRequest } from "@apollo/server";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { GraphQLError } from "graphql";
import { ErrorCode } from "../errors.js";
import type { Logger } from "../logger.js";

/** An extra route beside /graphql: `"GET /metrics": (req, res) => ...`. */
export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/** What GET /health/ready reports: 200 when ready, 503 otherwise, with the details as JSON. */
export type ReadinessCheck = () => Promise<{ ready: boolean; details?: Record<string, unknown> }>;

export interface HttpServerOptions<TContext extends object> {
  apollo: ApolloServer<TContext>;
  /** Builds the request context; a GraphQLError thrown here (a bad token) becomes the response. */
  context: (req: IncomingMessage) => Promise<TContext>;
  port: number;
  host: string;
  logger: Logger;
  /** Whether the service can do its work (database connected, subgraphs reachable). */
  readiness: ReadinessCheck;
  routes?: Record<string, RouteHandler>;
  /** Largest request body accepted, in bytes. */
  maxBodyBytes?: number;
  /** Browser origins allowed to call (CORS), e.g. the web portal's; none by default. */
  corsOrigins?: readonly string[];
}

export interface RunningHttpServer {
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

export const GRAPHQL_PATH = "/graphql";

class BodyTooLarge extends Error {}

async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new BodyTooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

const errorBody = (code: string, message: string) => ({ errors: [{ message, extensions: { code } }] });

const CORS_HEADERS = {
  "access-control-allow-methods": "GET, POST, OPTIONS",
  "access-control-allow-headers": "authorization, content-type, x-access-purpose, x-request-id, apollo-require-preflight",
  "access-control-max-age": "600",
};

/** Answers CORS for allowed origins; true when the request was a preflight and has been answered. */
function handleCors(req: IncomingMessage, res: ServerResponse, origins: ReadonlySet<string>): boolean {
  const origin = req.headers.origin;
  if (!origin || !origins.has(origin)) return false;
  res.setHeader("access-control-allow-origin", origin);
  res.setHeader("vary", "Origin");
  if (req.method !== "OPTIONS") return false;
  res.writeHead(204, CORS_HEADERS).end();
  return true;
}

/**
 * Starts an ApolloServer and serves it over node:http — the integration API Apollo documents for
 * frameworks it does not ship — with GET /health/live (the process answers), GET /health/ready (the
 * readiness check passes) and any extra routes. Binds the given host; port 0 picks a free one.
 */
export async function serveHttp<TContext extends object>(options: HttpServerOptions<TContext>): Promise<RunningHttpServer> {
  const { apollo, logger } = options;
  const limit = options.maxBodyBytes ?? 1_000_000;
  const routes: Record<string, RouteHandler> = {
    "GET /health/live": (_req, res) => sendJson(res, 200, { status: "ok" }),
    "GET /health/ready": async (_req, res) => {
      const { ready, details } = await options.readiness();
      sendJson(res, ready ? 200 : 503, { status: ready ? "ok" : "unavailable", ...details });
    },
    ...options.routes,
  };
  await apollo.start();

  async function handleGraphql(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
    }
    let body: unknown = undefined;
    if (req.method === "POST") {
      const raw = await readBody(req, limit);
      const contentType = headers.get("content-type") ?? "";
      if (raw && contentType.includes("application/json")) {
        try {
          body = JSON.parse(raw);
        } catch {
          sendJson(res, 400, errorBody("BAD_REQUEST", "El cuerpo de la petición no es JSON válido."));
          return;
        }
      } else {
        body = raw;
      }
    }
    const request: HTTPGraphQLRequest = { method: req.method ?? "GET", headers, search: url.search, body };
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: request,
      context: () => options.context(req),
    });
    for (const [name, value] of response.headers) res.setHeader(name, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === "complete") {
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  }

  const corsOrigins = new Set(options.corsOrigins ?? []);
  const server = createServer((req, res) => {
    if (handleCors(req, res, corsOrigins)) return;
    const url = new URL(req.url ?? "/", "http://localhost");
    const route = routes[`${req.method} ${url.pathname}`];
    const work = route
      ? Promise.resolve(route(req, res))
      : url.pathname === GRAPHQL_PATH
        ? handleGraphql(req, res, url)
        : Promise.resolve(sendJson(res, 404, errorBody(ErrorCode.NOT_FOUND, "Ruta no encontrada. El grafo está en POST /graphql.")));
    work.catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (error instanceof BodyTooLarge) {
        sendJson(res, 413, errorBody("BAD_REQUEST", `La petición supera el tamaño máximo (${limit} bytes).`));
        return;
      }
      const status = error instanceof GraphQLError ? 400 : 500;
      if (status === 500) logger.error({ err: error }, "request failed outside GraphQL");
      sendJson(res, status, errorBody(status === 500 ? ErrorCode.INTERNAL : "BAD_REQUEST", "No se pudo procesar la petición."));
    });
  });
  // Keep-alive sockets from the gateway would otherwise hold close() open; a client that trickles its
  // request is cut off rather than holding a socket for Node's default 5 minutes.
  server.keepAliveTimeout = 5_000;
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${options.host.includes(":") ? `[${options.host}]` : options.host}:${port}${GRAPHQL_PATH}`;
  return {
    url,
    port,
    server,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await apollo.stop();
    },
  };
}
