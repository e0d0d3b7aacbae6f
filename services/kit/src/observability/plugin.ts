import type { ApolloServerPlugin } from "@apollo/server";
import type { Logger } from "../logger.js";
import { READINESS_PROBE, plainOperationName, type ServerMetrics } from "./metrics.js";
import { describeRequestSpan } from "./tracing.js";

/** What the plugin reads of a request's context: the gateway's and every subgraph's have it. */
interface ObservedContext {
  requestId: string;
  viewer?: { role: string } | null;
}

/** Slower than this, a request's log line is a warning. */
const SLOW_SECONDS = 2;

/**
 * For every GraphQL request: its metrics (operation, outcome, error codes, duration), its operation name
 * and viewer role on the request's span, and one log line with the request id, operation, role, outcome,
 * codes and milliseconds — never the query or its variables, which carry personal data.
 */
export function observabilityPlugin<TContext extends ObservedContext>(metrics: ServerMetrics, logger: Logger): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      let probe = false;
      return {
        async didResolveOperation({ operationName, operation, contextValue }) {
          // The gateway's readiness probe every few seconds would drown the real traffic.
          probe = operationName === READINESS_PROBE;
          describeRequestSpan({
            "graphql.operation.name": plainOperationName(operationName) ?? "",
            "graphql.operation.type": operation?.operation ?? "",
            "sos.viewer.role": contextValue.viewer?.role ?? "anonymous",
          });
        },
        async willSendResponse({ response, operationName, contextValue }) {
          if (probe) return;
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          const errors = response.body.kind === "single" ? (response.body.singleResult.errors ?? []) : [];
          const codes = errors.map((error) => String(error.extensions?.["code"] ?? "INTERNAL"));
          metrics.request(operationName, codes, seconds);
          const role = contextValue.viewer?.role ?? "anonymous";
          const line = {
            requestId: contextValue.requestId,
            operation: plainOperationName(operationName),
            role,
            outcome: codes.length ? "error" : "ok",
            ...(codes.length && { codes: [...new Set(codes)] }),
            ms: Math.round(seconds * 1000),
          };
          if (seconds > SLOW_SECONDS || codes.includes("INTERNAL")) logger.warn(line, "graphql request");
          else logger.info(line, "graphql request");
        },
      };
    },
  };
}
