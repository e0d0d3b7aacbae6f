import type { ApolloServerPlugin } from "@apollo/server";
import { ErrorCode } from "@sos/kit/errors";
import type { GatewayContext } from "../context.js";

/** The codes of operations refused before any subgraph call: limits, trusted documents, introspection. */
const REFUSALS = new Set<string>([
  ErrorCode.DEPTH_LIMIT_EXCEEDED,
  ErrorCode.ALIAS_LIMIT_EXCEEDED,
  ErrorCode.ROOT_FIELD_LIMIT_EXCEEDED,
  ErrorCode.DIRECTIVE_LIMIT_EXCEEDED,
  ErrorCode.TOKEN_LIMIT_EXCEEDED,
  ErrorCode.COST_LIMIT_EXCEEDED,
  ErrorCode.INTROSPECTION_DISABLED,
]);

/** Counts refused operations by code, so an operator sees a probe or a client that needs tuning. */
export function refusalMetricsPlugin(count: (code: string) => void): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== "single") return;
          for (const error of response.body.singleResult.errors ?? []) {
            const code = error.extensions?.["code"];
            if (typeof code === "string" && REFUSALS.has(code)) count(code);
          }
        },
      };
    },
  };
}
