import { ApolloServer, type ApolloServerPlugin, type ApolloServerOptions } from "@apollo/server";
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { unwrapResolverError } from "@apollo/server/errors";
import type { GraphQLFormattedError } from "graphql";
import type { Model } from "mongoose";
import type { AuditEvent } from "../audit.js";
import type { BaseContext } from "../context.js";
import { ErrorCode, isAppError } from "../errors.js";
import type { Logger } from "../logger.js";

/** Codes Apollo itself gives to requests that never reached a resolver; they pass through unchanged. */
const REQUEST_CODES = new Set([
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_REQUEST",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
  "OPERATION_RESOLUTION_FAILURE",
]);

/**
 * graphql-js rejects a variable that does not fit its type before any resolver runs, in English and
 * without a field: `Variable "$input" got invalid value "2001-02-30" at "input.person.birthDate"; ...`.
 * Give it the field path (the variable's name when there is no deeper path) and a Spanish message; the
 * original stays in `detail` for developers.
 */
export function variableProblem(message: string): { field: string; message: string } | null {
  const match = /^Variable "\$([^"]+)" (?:got invalid value .*? at "([^"]+)"|got invalid value|of required type .* was not provided|of non-null type .* must not be null)/s.exec(message);
  if (!match) return null;
  const field = match[2] ?? match[1] ?? "";
  return { field, message: `El dato «${field}» no tiene el formato esperado.` };
}

const INTERNAL_MESSAGE = "Ocurrió un error interno. Intente de nuevo; si persiste, comuníquese con la línea 01 8000 938 777.";

/**
 * Every error leaves with one of the stable codes. Our own errors and Apollo's request errors pass as
 * they are; anything else (a bug, a database failure) is logged whole and answered INTERNAL without
 * details, so no stack trace or driver message reaches a client.
 */
export function createErrorFormatter(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const code = formatted.extensions?.["code"];
    const problem = code === "BAD_USER_INPUT" && !isAppError(original) ? variableProblem(formatted.message) : null;
    if (problem) {
      const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, message: problem.message, extensions: { ...extensions, field: problem.field, detail: formatted.message } };
    }
    if (isAppError(original) || (typeof code === "string" && (REQUEST_CODES.has(code) || code in ErrorCode))) {
      const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    logger.error({ err: original, path: formatted.path }, "unexpected error");
    return {
      message: INTERNAL_MESSAGE,
      ...(formatted.path && { path: formatted.path }),
      ...(formatted.locations && { locations: formatted.locations }),
      extensions: { code: ErrorCode.INTERNAL },
    };
  };
}

/** Writes the request's audit entries before the response is sent. */
export function auditPlugin(model: Model<AuditEvent>): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue }) {
          await contextValue.audit.flush(model);
        },
      };
    },
  };
}

export interface SubgraphServerOptions<TContext extends BaseContext> {
  schema: NonNullable<ApolloServerOptions<TContext>["schema"]>;
  logger: Logger;
  audit: Model<AuditEvent>;
  plugins?: ApolloServerPlugin<TContext>[];
}

/** The ApolloServer of a subgraph: masked errors, audit flushing, no landing page (clients use the gateway), no inline traces. */
export function createSubgraphServer<TContext extends BaseContext>(options: SubgraphServerOptions<TContext>): ApolloServer<TContext> {
  return new ApolloServer<TContext>({
    schema: options.schema,
    formatError: createErrorFormatter(options.logger),
    includeStacktraceInErrorResponses: false,
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      // Traces for Apollo's cloud reporting, which we do not use: no per-field timing work on every request.
      ApolloServerPluginInlineTraceDisabled(),
      auditPlugin(options.audit) as ApolloServerPlugin<TContext>,
      ...(options.plugins ?? []),
    ],
  });
}

