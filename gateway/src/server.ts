import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from "@apollo/gateway";
import { ApolloServer } from "@apollo/server";
import {
  PURPOSE_HEADER,
  REQUEST_ID_HEADER,
  createErrorFormatter,
  createTokenVerifier,
  serveHttp,
  type Logger,
  type RunningHttpServer,
  type Viewer,
} from "@sos/kit";
import { GraphQLError } from "graphql";
import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";

/** What the gateway knows of a request: the verified viewer and the headers it forwards. */
export interface GatewayContext {
  viewer: Viewer | null;
  forwarded: Record<string, string>;
}

const FORWARDED_HEADERS = ["authorization", PURPOSE_HEADER] as const;

interface SubgraphErrorBody {
  errors?: { message?: unknown; extensions?: Record<string, unknown> }[];
}

/**
 * Passes the caller's identity on to every subgraph, which verifies the token again; and when a subgraph
 * refuses a request with 4xx (a variable its scalar rejects), passes its GraphQL error on with its code,
 * which the default data source would have replaced with a bare HTTP status.
 */
class ForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  override async errorFromResponse(response: Parameters<RemoteGraphQLDataSource["errorFromResponse"]>[0]): Promise<GraphQLError> {
    const fallback = await super.errorFromResponse(response);
    const body = (fallback.extensions["response"] as { body?: SubgraphErrorBody } | undefined)?.body;
    const first = body?.errors?.[0];
    if (response.status >= 400 && response.status < 500 && typeof first?.message === "string" && first.extensions?.["code"]) {
      return new GraphQLError(first.message, { extensions: { ...first.extensions } });
    }
    return fallback;
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const forwarded: Record<string, string> = (context as Partial<GatewayContext>).forwarded ?? {};
    for (const [name, value] of Object.entries(forwarded)) request.http?.headers.set(name, value);
  }
}

export interface GatewayOptions {
  supergraphSdl: string;
  subgraphUrls?: Readonly<Record<string, string>>;
  publicKeyPem: string;
  logger: Logger;
  corsOrigins?: readonly string[];
}

export interface Gateway {
  listen(port: number, host: string): Promise<RunningHttpServer>;
  /** The subgraphs' URLs as the gateway will call them. */
  subgraphs: { name: string; url: string }[];
}

/** Is every subgraph answering GraphQL? Used by GET /health/ready. */
async function probe(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ __typename }" }),
      signal: AbortSignal.timeout(2_000),
    });
    return response.ok;
  } catch {
    return false;
  }
}

/** Routing URLs as composed into the supergraph (the join__Graph enum), by subgraph name. */
export function routingUrls(supergraphSdl: string): { name: string; url: string }[] {
  const pattern = /@join__graph\(name:\s*"([^"]+)",\s*url:\s*"([^"]+)"\)/g;
  return [...supergraphSdl.matchAll(pattern)].map((match) => ({ name: match[1] as string, url: match[2] as string }));
}

export async function createGateway(options: GatewayOptions): Promise<Gateway> {
  const { logger } = options;
  const overrides = options.subgraphUrls ?? {};
  const subgraphs = routingUrls(options.supergraphSdl).map(({ name, url }) => ({ name, url: overrides[name] ?? url }));
  const urlOf = new Map(subgraphs.map(({ name, url }) => [name, url]));
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    buildService: ({ name, url }) => new ForwardingDataSource({ url: urlOf.get(name) ?? url }),
  });
  const verifier = await createTokenVerifier(options.publicKeyPem);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    formatError: createErrorFormatter(logger),
    includeStacktraceInErrorResponses: false,
  });

  async function context(req: IncomingMessage): Promise<GatewayContext> {
    // A bad token fails here with 401, before any plan is made.
    const authorization = req.headers.authorization;
    const viewer = await verifier.viewerFromHeader(authorization);
    const forwarded: Record<string, string> = { [REQUEST_ID_HEADER]: String(req.headers[REQUEST_ID_HEADER] ?? randomUUID()).slice(0, 64) };
    for (const name of FORWARDED_HEADERS) {
      const value = req.headers[name];
      if (typeof value === "string") forwarded[name] = value;
    }
    return { viewer, forwarded };
  }

  return {
    subgraphs,
    listen(port, host) {
      return serveHttp({
        apollo,
        context,
        port,
        host,
        logger,
        corsOrigins: options.corsOrigins ?? [],
        async readiness() {
          const checks = await Promise.all(subgraphs.map(async ({ name, url }) => ({ name, reachable: await probe(url) })));
          return { ready: checks.every((check) => check.reachable), details: { subgraphs: checks } };
        },
      });
    },
  };
}
