import type { ApolloServerPlugin } from "@apollo/server";
import { AppError, ErrorCode } from "@sos/kit/errors";
import type { GatewayContext } from "../context.js";
import { callerKind, type CallerKind } from "../policy.js";
import { rootFieldCounts } from "./operation-fields.js";

/** graphql-js appends these to validation errors: they spell out field and type names of the schema. */
const SUGGESTION = /\s*Did you mean [^?]*\?/g;

/**
 * The schema is for the callers who explore it (analysts, and everyone but partners in development).
 * Anyone else gets no introspection (INTROSPECTION_DISABLED) and no "Did you mean …" in error messages,
 * so the schema cannot be read field by field from errors either.
 */
export function schemaPrivacyPlugin(allowed: readonly CallerKind[]): ApolloServerPlugin<GatewayContext> {
  const mayExplore = (context: GatewayContext) => allowed.includes(callerKind(context.viewer));
  return {
    async requestDidStart({ contextValue }) {
      if (mayExplore(contextValue)) return;
      return {
        async didResolveOperation({ document, operationName }) {
          const fields = rootFieldCounts(document, operationName);
          if (fields.has("__schema") || fields.has("__type")) {
            throw new AppError(ErrorCode.INTROSPECTION_DISABLED, "La introspección del esquema no está disponible para este usuario.", { http: { status: 400 } });
          }
        },
        async willSendResponse({ response }) {
          if (response.body.kind !== "single" || !response.body.singleResult.errors) return;
          // In the message and in `detail` (graphql-js's own text of a variable error) alike.
          response.body.singleResult.errors = response.body.singleResult.errors.map((error) => {
            const message = error.message.replace(SUGGESTION, "");
            const detail = error.extensions?.["detail"];
            const cleanDetail = typeof detail === "string" ? detail.replace(SUGGESTION, "") : detail;
            if (message === error.message && cleanDetail === detail) return error;
            return { ...error, message, ...(error.extensions && { extensions: { ...error.extensions, detail: cleanDetail } }) };
          });
        },
      };
    },
  };
}
