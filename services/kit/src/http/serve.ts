import { HeaderMap, type ApolloServer, type HTTPGraphQLRequest } from "@apollo/server";
import { createHash, randomUUID, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { GraphQLError } from "graphql";
import { ErrorCode } from "../errors.js";
import { GATEWAY_SECRET_HEADER } from "./headers.js";
import type { Logger } from "../logger.js";
import { endServerSpan, serverSpan } from "../observability/tracing.js";
import { handleCors } from "./cors.js";
import { BodyTooLarge, CLIENT_GONE, errorBody, readBody, sendJson } from "./messages.js";

/** An extra route beside /graphql: `"GET /metrics": (req, res) => ...`. */
export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/** What GET /health/ready reports: 200 when ready, 503 otherwise, with the details as JSON. */
export type ReadinessCheck = () => Promise<{ ready: boolean; details?: Record<string, unknown> }>;

export interface HttpServerOptions<TContext extends object> {
  apollo: ApolloServer<TContext>;
  /**
   * Builds the request context; a GraphQLError thrown here (a bad token, a rate limit) becomes the
   * response, with the status and headers of its `http` extension. It may set response headers.
   */
  context: (req: IncomingMessage, res: ServerResponse) => Promise<TContext>;
  port: number;
  host: string;
  logger: Logger;
  /** Whether the service can do its work (database connected, subgraphs reachable). */
  readiness: ReadinessCheck;
  routes?: Record<string, RouteHandler>;
  /** Largest request body accepted, in bytes (default 100 KiB: the largest operation plus variables). */
  maxBodyBytes?: number;
  /** Largest request head (request line and headers), in bytes; larger ones get 431. Default 16 KiB. */
  maxHeaderBytes?: number;
  /** Browser origins allowed to call (CORS), e.g. the web portal's; none by default. */
  corsOrigins?: readonly string[];
  /**
   * Subgraphs: the secrets a caller must present in X-Gateway-Secret (several while one is rotated).
   * Empty: direct calls are accepted (development only; the service's config decides).
   */
  gatewaySecrets?: readonly string[];
  /**
   * Whether a caller's traceparent header continues its trace here (default true). The gateway says no: a
   * client would otherwise choose whether its requests are sampled; subgraphs continue the gateway's.
   */
  trustTraceContext?: boolean;
  /** What GET /graphql answers a browser asking for HTML with no operation in the URL (the gateway's playground). */
  landingPage?: RouteHandler;
  /** Rewrites a GraphQL request before Apollo reads it (the gateway resolves trusted documents here). */
  prepare?: (request: HTTPGraphQLRequest, req: IncomingMessage) => HTTPGraphQLRequest | Promise<HTTPGraphQLRequest>;
}

export interface RunningHttpServer {
  url: string;
  port: number;
  server: Server;
  /** Requests being answered right now. */
  inFlight(): number;
  /** Starts reporting not ready (GET /health/ready answers 503) while still answering: the first step of a shutdown. */
  drain(): void;
  /**
   * Stops accepting connections and waits for the requests under way; past `graceMs` (default: no
   * limit) cuts the connections left. Resolves whether every request under way was answered.
   */
  close(graceMs?: number): Promise<{ complete: boolean }>;
}

export const GRAPHQL_PATH = "/graphql";
export { GATEWAY_SECRET_HEADER };
export { BodyTooLarge, readBody, sendJson };

/** A request id from the caller is kept only when it is a plain token (it ends up in logs). */
function requestIdOf(req: IncomingMessage): string {
  const given = req.headers["x-request-id"];
  return typeof given === "string" && /^[A-Za-z0-9._:-]{1,64}$/.test(given) ? given : randomUUID();
}

const digest = (value: string): Buffer => createHash("sha256").update(value).digest();

/** Constant-time comparison against every accepted secret (hashes first, so lengths never leak). */
function presentsSecret(req: IncomingMessage, secrets: readonly Buffer[]): boolean {
  const given = req.headers[GATEWAY_SECRET_HEADER];
  if (typeof given !== "string" || !given) return false;
  const hashed = digest(given);
  return secrets.some((secret) => timingSafeEqual(hashed, secret));
}


/**
 * GraphQL over HTTP: a client that accepts only `application/json` (not `application/graphql-response+json`)
 * reads errors from the body, and a well-formed request whose document fails to parse, validate or
 * coerce its variables SHOULD get 200. A request that is not well-formed (BAD_REQUEST) keeps its 400.
 */
function isLegacyJsonGraphqlError(contentType: string | undefined, body: string): boolean {
  if (!contentType?.startsWith("application/json")) return false;
  try {
    const parsed = JSON.parse(body) as { errors?: { extensions?: { code?: unknown } }[] };
    return Boolean(parsed.errors?.length) && parsed.errors!.every((error) => error.extensions?.code !== "BAD_REQUEST");
  } catch {
    return false;
  }
}

/**
 * Starts an ApolloServer and serves it over node:http — the integration API Apollo documents for
 * frameworks it does not ship — with GET /health/live (the process answers), GET /health/ready (the
 * readiness check passes) and any extra routes. Binds the given host; port 0 picks a free one.
 */
export async function serveHttp<TContext extends object>(options: HttpServerOptions<TContext>): Promise<RunningHttpServer> {
  const { apollo, logger } = options;
  const limit = options.maxBodyBytes ?? 100 * 1024;
  const secrets = (options.gatewaySecrets ?? []).map(digest);
  let draining = false;
  const inFlight = new Set<ServerResponse>();
  const routes: Record<string, RouteHandler> = {
    "GET /health/live": (_req, res) => sendJson(res, 200, { status: "ok" }),
    "GET /health/ready": async (_req, res) => {
      if (draining) {
        sendJson(res, 503, { status: "shutting-down" });
        return;
      }
      const { ready, details } = await options.readiness();
      // A check may qualify its own status ("degraded": ready, with something missing).
      sendJson(res, ready ? 200 : 503, { status: ready ? "ok" : "unavailable", ...details });
    },
    ...options.routes,
  };
  await apollo.start();

  async function handleGraphql(req: IncomingMessage, res: ServerResponse, url: URL, requestId: string): Promise<void> {
    if (secrets.length && !presentsSecret(req, secrets)) {
      sendJson(res, 403, errorBody(ErrorCode.FORBIDDEN, "Este servicio solo atiende peticiones que llegan por el gateway.", requestId));
      return;
    }
    const declared = Number(req.headers["content-length"] ?? 0);
    if (declared > limit) throw new BodyTooLarge();
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
    const given: HTTPGraphQLRequest = { method: req.method ?? "GET", headers, search: url.search, body };
    const request = options.prepare ? await options.prepare(given, req) : given;
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: request,
      context: async () => {
        try {
          return await options.context(req, res);
        } catch (error) {
          // A refusal while building the context (a bad token, a rate limit) carries the id too.
          if (error instanceof GraphQLError) error.extensions["requestId"] = requestId;
          throw error;
        }
      },
    });
    for (const [name, value] of response.headers) res.setHeader(name, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === "complete") {
      if (res.statusCode === 400 && isLegacyJsonGraphqlError(response.headers.get("content-type"), response.body.string)) res.statusCode = 200;
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  }

  const corsOrigins = new Set(options.corsOrigins ?? []);
  const server = createServer({ maxHeaderSize: options.maxHeaderBytes ?? 16 * 1024 }, (req, res) => {
    // One id per request, the caller's when it is a plain token: in the logs, on every error and here.
    const requestId = requestIdOf(req);
    req.headers["x-request-id"] = requestId;
    res.setHeader("x-request-id", requestId);
    // Once shutting down, every answer closes its connection, so no client sends another on it and few
    // idle connections are left to cut when the server stops listening.
    if (draining) res.setHeader("connection", "close");
    inFlight.add(res);
    res.once("close", () => inFlight.delete(res));
    if (handleCors(req, res, corsOrigins)) return;
    const url = new URL(req.url ?? "/", "http://localhost");
    const key = `${req.method} ${url.pathname}`;
    const landing = options.landingPage && key === `GET ${GRAPHQL_PATH}` && !url.search && /\btext\/html\b/.test(req.headers.accept ?? "") ? options.landingPage : undefined;
    const route = landing ?? (Object.hasOwn(routes, key) ? routes[key] : undefined);
    const known = route !== undefined || url.pathname === GRAPHQL_PATH;
    // The span is named by the route (never by an unknown path a client made up).
    const carrier = options.trustTraceContext === false ? {} : req.headers;
    serverSpan(known ? key : `${req.method ?? "HTTP"}`, carrier, { "http.request.method": req.method ?? "", "sos.request_id": requestId }, (span) => {
      // On close, not finish: a request the client abandoned or the deadline cut is exported too.
      res.once("close", () => endServerSpan(span, res.statusCode));
      handle(req, res, url, route, requestId);
    });
  });

  function handle(req: IncomingMessage, res: ServerResponse, url: URL, route: RouteHandler | undefined, requestId: string): void {
    const work = route
      ? Promise.resolve(route(req, res))
      : url.pathname === GRAPHQL_PATH
        ? handleGraphql(req, res, url, requestId)
        : Promise.resolve(sendJson(res, 404, errorBody(ErrorCode.NOT_FOUND, "Ruta no encontrada. El grafo está en POST /graphql.", requestId)));
    work.catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (error instanceof BodyTooLarge) {
        // The rest of the body is never read, so this connection cannot carry another request: close it,
        // and the client's next request opens a fresh one instead of failing on the leftover bytes.
        sendJson(res, 413, errorBody("BAD_REQUEST", `La petición supera el tamaño máximo (${limit} bytes).`, requestId), { connection: "close" });
        res.once("finish", () => req.socket.destroySoon());
        return;
      }
      if (error instanceof GraphQLError) {
        // A refusal before Apollo (an unknown trusted-document id): its own code, message and status.
        const http = error.extensions["http"] as { status?: number } | undefined;
        const code = typeof error.extensions["code"] === "string" ? error.extensions["code"] : "BAD_REQUEST";
        sendJson(res, http?.status ?? 400, errorBody(code, error.message, requestId));
        return;
      }
      if (!req.complete && (req.socket.destroyed || CLIENT_GONE.has((error as NodeJS.ErrnoException | null)?.code ?? ""))) {
        // The client hung up before its whole request arrived (a slow client cut off by the timeouts below, an
        // app closed mid-upload): nobody is left to answer, and nothing went wrong here.
        logger.info({ requestId, err: error }, "the client closed the connection before its request was read");
        res.destroy();
        return;
      }
      logger.error({ err: error, requestId }, "request failed outside GraphQL");
      sendJson(res, 500, errorBody(ErrorCode.INTERNAL, "No se pudo procesar la petición.", requestId));
    });
  }
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
    inFlight: () => inFlight.size,
    drain() {
      draining = true;
      // Answers not yet begun close their connection too, so no keep-alive socket outlives the drain.
      for (const res of inFlight) if (!res.headersSent) res.setHeader("connection", "close");
    },
    async close(graceMs) {
      draining = true;
      // Stops listening and closes idle keep-alive connections; busy ones end after their answer.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      let complete = true;
      if (graceMs === undefined) {
        await closed;
      } else {
        let timer: NodeJS.Timeout | undefined;
        const deadline = new Promise<"late">((resolve) => (timer = setTimeout(() => resolve("late"), graceMs)));
        if ((await Promise.race([closed, deadline])) === "late") {
          complete = inFlight.size === 0;
          server.closeAllConnections();
          await closed;
        }
        clearTimeout(timer);
      }
      await apollo.stop();
      return { complete };
    },
  };
}
