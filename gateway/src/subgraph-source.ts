import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from "@apollo/gateway";
import { PeerCallError, postJson, type JsonAnswer } from "@sos/kit/http";
import type { Logger } from "@sos/kit/logger";
import { injectTraceHeaders } from "@sos/kit/observability";
import { GraphQLError } from "graphql";
import type { GatewayContext } from "./context.js";
import type { FetchOutcome, Metrics } from "./metrics.js";
import { unavailableResponse } from "./unavailable.js";

type GatewayGraphQLResponse = Awaited<ReturnType<GraphQLDataSource<GatewayContext>["process"]>>;

interface SubgraphErrorBody {
  errors?: { message?: unknown; extensions?: Record<string, unknown> }[];
}

/** The answer's body as Apollo's default data source reads it: JSON when declared so, else text. */
function parseBody(answer: JsonAnswer): unknown {
  const type = answer.contentType;
  return type.startsWith("application/json") || type.startsWith("application/graphql-response+json") ? JSON.parse(answer.text) : answer.text;
}

/**
 * The error for a subgraph that refused the call. A 400 is about the operation (a variable its scalar
 * rejects, a limit): its GraphQL error passes on with its code, for the client to act on. Any other 4xx
 * (a secret or key that does not match; 413) is ours to fix: SUBGRAPH_REFUSED. A 502, 503 or 504 is a
 * subgraph that did not answer (UNAVAILABLE, below); any other 5xx stays an internal error.
 */
function refusal(answer: JsonAnswer, url: string): GraphQLError {
  let body: unknown;
  try {
    body = parseBody(answer);
  } catch {
    body = answer.text;
  }
  const first = (body as SubgraphErrorBody | null)?.errors?.[0];
  if (answer.status === 400 && typeof first?.message === "string" && first.extensions?.["code"]) {
    return new GraphQLError(first.message, { extensions: { ...first.extensions } });
  }
  const response = { url, status: answer.status, statusText: answer.statusText, body };
  if (answer.status < 500) return new GraphQLError(`subgraph answered HTTP ${answer.status}`, { extensions: { code: "SUBGRAPH_REFUSED", response } });
  return new GraphQLError(`${answer.status}: ${answer.statusText}`, { extensions: { response, ...(UNAVAILABLE_STATUSES.has(answer.status) && { unavailable: true }) } });
}

/** A subgraph stopping or overloaded (or a proxy in front of it saying so): it did not answer, try again. */
const UNAVAILABLE_STATUSES = new Set([502, 503, 504]);

/**
 * How the gateway calls one subgraph. It passes on the caller's identity (the subgraph verifies the token
 * again), the request id and purpose, and the secret that proves the call came through the gateway; gives
 * every call a deadline; and counts each call's duration and outcome and each error the subgraph answered.
 * It replaces Apollo's RemoteGraphQLDataSource, whose fetch (a WHATWG Request, make-fetch-happen or
 * node's fetch, web streams) cost more CPU than the rest of the gateway (BENCHMARKS.md). Left out of it:
 * automatic persisted queries to subgraphs (off there too) and narrowing the response's cache policy by
 * the subgraphs' Cache-Control headers (the graph declares no @cacheControl: there is no policy to narrow).
 */
export class SubgraphDataSource implements GraphQLDataSource<GatewayContext> {
  constructor(
    private readonly subgraph: string,
    private readonly url: string,
    private readonly timeoutMs: number,
    private readonly metrics: Metrics,
    private readonly logger?: Logger,
  ) {}

  async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    const { request, context } = options;
    if (!request.query) throw new Error("Missing query");
    // What the executor asks to send (a federated-trace header when usage reporting is on), then the caller's.
    const headers: Record<string, string> = {};
    for (const [name, value] of request.http?.headers ?? []) headers[name.toLowerCase()] = value;
    Object.assign(headers, (context as Partial<GatewayContext>).forwarded);
    // The subgraph's span continues this call's (traceparent), when tracing is on.
    injectTraceHeaders(headers);
    const body = JSON.stringify({ query: request.query, variables: request.variables, operationName: request.operationName, extensions: request.extensions });
    const started = performance.now();
    let outcome: FetchOutcome = "network_error";
    try {
      const answer = await postJson(this.url, headers, body, this.timeoutMs);
      // Anything but a 2xx with a JSON object is counted as an HTTP error.
      outcome = "http_error";
      if (answer.status < 200 || answer.status >= 300) throw refusal(answer, this.url);
      const parsed = parseBody(answer);
      if (typeof parsed !== "object" || parsed === null) throw new Error(`Expected JSON response body, but received: ${String(parsed).slice(0, 200)}`);
      outcome = "ok";
      const response = parsed as GatewayGraphQLResponse;
      for (const error of response.errors ?? []) this.metrics.subgraphError(this.subgraph, String(error.extensions?.["code"] ?? "INTERNAL"));
      return response;
    } catch (error) {
      if (error instanceof PeerCallError) outcome = error.reason;
      // Down, restarting or past its deadline: the fields it would have filled are answered UNAVAILABLE,
      // each at its path, and the rest of the answer is served (docs/operations.md, "When a subgraph is down").
      if (error instanceof PeerCallError || (error instanceof GraphQLError && error.extensions["unavailable"] === true)) {
        this.logger?.warn({ subgraph: this.subgraph, reason: outcome, err: error.message }, "subgraph did not answer: its fields are answered UNAVAILABLE");
        // The executor's parsed document of the fetch (only its own operations carry one; else the text is parsed).
        return unavailableResponse("document" in options ? options.document : undefined, request.query, request.variables);
      }
      throw error;
    } finally {
      this.metrics.subgraphFetch(this.subgraph, outcome, (performance.now() - started) / 1000);
    }
  }
}
