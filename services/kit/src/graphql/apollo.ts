import { ApolloServer, type ApolloServerPlugin, type ApolloServerOptions } from "@apollo/server";
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { unwrapResolverError } from "@apollo/server/errors";
import { GraphQLError, type GraphQLFormattedError } from "graphql";
import type { LedgerAppender } from "../ledger-appender.js";
import type { BaseContext } from "../context.js";
import { ErrorCode, isAppError } from "../errors.js";
import type { Logger } from "../logger.js";
import type { ServerMetrics } from "../observability/metrics.js";
import { observabilityPlugin } from "../observability/plugin.js";
import { TOKEN_LIMIT_MESSAGE, costLimitPlugin, limitParseOptions, limitRules, type OperationLimits } from "./limits.js";

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
const DATABASE_UNAVAILABLE_MESSAGE = "El servicio no pudo consultar sus datos en este momento. Intente de nuevo en unos segundos.";

/** The driver's errors for a database server it cannot reach (down, restarting, a network cut). */
const UNREACHABLE_DATABASE_ERRORS = new Set(["MongoServerSelectionError", "MongoNetworkError", "MongoNetworkTimeoutError", "MongoNotConnectedError", "MongoTopologyClosedError", "MongoPoolClearedError"]);

/** A socket's own failures: the driver lets them through as they are when the server goes mid-command. */
const SOCKET_ERROR_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT"]);

/**
 * The server's answers while it shuts down or while a replica set elects a new primary (ShutdownInProgress,
 * PrimarySteppedDown, NotWritablePrimary, InterruptedAtShutdown, InterruptedDueToReplStateChange,
 * NotPrimaryNoSecondaryOk, NotPrimaryOrSecondary): the write or read can succeed moments later.
 */
const UNAVAILABLE_SERVER_CODES = new Set([91, 189, 10107, 11600, 11602, 13435, 13436]);

/**
 * Whether an error, or one it was caused by, says the database server could not be reached: the client
 * is told UNAVAILABLE (try again), which is true, rather than INTERNAL, which would be a bug of ours.
 * (A subgraph's other peers fail as PeerCallError, already UNAVAILABLE: a bare socket error is the database's.)
 */
export function isDatabaseUnreachable(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth++) {
    if (UNREACHABLE_DATABASE_ERRORS.has(current.name)) return true;
    const code = (current as { code?: unknown }).code;
    if (SOCKET_ERROR_CODES.has(String(code)) || (current.name.startsWith("Mongo") && UNAVAILABLE_SERVER_CODES.has(Number(code)))) return true;
    if (current.name.startsWith("Mongo") && /ECONNREFUSED|ECONNRESET|EPIPE|connection .*closed/i.test(current.message)) return true;
  }
  return false;
}

/**
 * The extensions a client may see. Anything else (stack traces, `serviceName`, a subgraph's response or
 * URL, driver details) stays in the logs.
 */
const PUBLIC_EXTENSIONS = new Set(["code", "field", "problems", "detail", "limit", "found", "retryAfter", "requestId"]);

function publicExtensions(extensions: Record<string, unknown> | undefined): Record<string, unknown> {
  return Object.fromEntries(Object.entries(extensions ?? {}).filter(([key]) => PUBLIC_EXTENSIONS.has(key)));
}

/**
 * Every error leaves with one of the stable codes. Our own errors and Apollo's request errors pass with
 * their public extensions only; a database out of reach is UNAVAILABLE (try again); anything else (a bug)
 * is logged whole and answered INTERNAL without details, so no stack trace, internal message, service name
 * or URL reaches a client. (A subgraph out of reach never gets here: the gateway's data source answers its
 * fields UNAVAILABLE.)
 */
export function createErrorFormatter(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const unwrapped = unwrapResolverError(error);
    // Apollo re-codes a validation rule's error as GRAPHQL_VALIDATION_FAILED; a limit keeps its own code.
    const original = unwrapped instanceof GraphQLError && isAppError(unwrapped.originalError) ? unwrapped.originalError : unwrapped;
    const code = isAppError(original) ? original.extensions["code"] : formatted.extensions?.["code"];
    const tokenLimit = TOKEN_LIMIT_MESSAGE.exec(formatted.message);
    if (tokenLimit) {
      const limit = Number(tokenLimit[1]);
      return {
        message: `La operación tiene más de ${limit} símbolos; el máximo es ${limit}.`,
        extensions: { code: ErrorCode.TOKEN_LIMIT_EXCEEDED, limit },
      };
    }
    // graphql-js's own variable errors carry no field; ours already do.
    const problem = code === ErrorCode.BAD_USER_INPUT && formatted.extensions?.["field"] === undefined ? variableProblem(formatted.message) : null;
    if (problem) {
      return { ...formatted, message: problem.message, extensions: { ...publicExtensions(formatted.extensions), field: problem.field, detail: formatted.message } };
    }
    // The gateway's planner judges the operation itself: the client's mistake, reported as a validation
    // failure, not an internal error. (The operation-resolution plugin refuses the usual cases, an
    // operation name the document lacks or a subscription, before the planner sees them.)
    if (code === "INVALID_GRAPHQL") {
      return { message: formatted.message, ...(formatted.locations && { locations: formatted.locations }), extensions: { code: "GRAPHQL_VALIDATION_FAILED" } };
    }
    if (isAppError(original) || (typeof code === "string" && (REQUEST_CODES.has(code) || code in ErrorCode))) {
      return { ...formatted, extensions: publicExtensions({ ...formatted.extensions, code }) };
    }
    if (isDatabaseUnreachable(original)) {
      logger.warn({ err: original, path: formatted.path }, "database unreachable: answered UNAVAILABLE");
      return { message: DATABASE_UNAVAILABLE_MESSAGE, ...(formatted.path && { path: formatted.path }), extensions: { code: ErrorCode.UNAVAILABLE } };
    }
    logger.error({ err: original, path: formatted.path, extensions: formatted.extensions }, "unexpected error");
    return {
      message: INTERNAL_MESSAGE,
      ...(formatted.path && { path: formatted.path }),
      ...(formatted.locations && { locations: formatted.locations }),
      extensions: { code: ErrorCode.INTERNAL },
    };
  };
}

/** Puts the request id, the one in the logs and in the X-Request-Id response header, on every error. */
export function requestIdPlugin<TContext extends { requestId: string }>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== "single" || !response.body.singleResult.errors) return;
          const { requestId } = contextValue;
          response.body.singleResult.errors = response.body.singleResult.errors.map((error) => ({
            ...error,
            extensions: { ...error.extensions, requestId },
          }));
        },
      };
    },
  };
}

/**
 * Appends the request's audit entries to the subgraph's ledger chain before the response is sent; when
 * that fails, the answer is withheld.
 */
export function auditPlugin(appender: LedgerAppender, ledgerLogger: Logger): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, operationName, response }) {
          try {
            await contextValue.audit.flush(appender, operationName ?? null);
          } catch (error) {
            // What was read may not leave unrecorded (docs/access.md): the answer is withheld. With the ledger
            // out of reach the client is told to try again (503, UNAVAILABLE); any other failure is a bug of
            // ours (500, INTERNAL). A write the request made stays made; its idempotency key gives the retry
            // the same result.
            const unreachable = isDatabaseUnreachable(error);
            if (unreachable) ledgerLogger.warn({ err: error, requestId: contextValue.requestId }, "access ledger unreachable, answer withheld");
            else ledgerLogger.error({ err: error, requestId: contextValue.requestId }, "access ledger append failed, answer withheld");
            if (response.body.kind === "single") {
              response.body.singleResult.data = null;
              response.body.singleResult.errors = [
                unreachable
                  ? { message: DATABASE_UNAVAILABLE_MESSAGE, extensions: { code: ErrorCode.UNAVAILABLE, requestId: contextValue.requestId } }
                  : { message: INTERNAL_MESSAGE, extensions: { code: ErrorCode.INTERNAL, requestId: contextValue.requestId } },
              ];
            }
            response.http.status = unreachable ? 503 : 500;
          }
        },
      };
    },
  };
}

/**
 * What every ApolloServer of ours is told about the process it runs in: our logger (Apollo's own lines
 * go through the same redaction), and no signal handling of its own — Apollo would otherwise stop the
 * server on SIGTERM before our shutdown (http/shutdown.ts) lets the requests under way finish.
 */
export const APOLLO_PROCESS_OPTIONS = (logger: Logger) => ({ logger, stopOnTerminationSignals: false }) as const;

export interface SubgraphServerOptions<TContext extends BaseContext> {
  schema: NonNullable<ApolloServerOptions<TContext>["schema"]>;
  logger: Logger;
  audit: LedgerAppender;
  /** The same limits as the gateway's: a subgraph protects itself from a direct or forwarded operation. */
  limits: OperationLimits;
  /** Where its requests are counted and timed (GET /metrics). */
  metrics: ServerMetrics;
  plugins?: ApolloServerPlugin<TContext>[];
}

/** The ApolloServer of a subgraph: masked errors, audit flushing, no landing page (clients use the gateway), no inline traces. */
export function createSubgraphServer<TContext extends BaseContext>(options: SubgraphServerOptions<TContext>): ApolloServer<TContext> {
  return new ApolloServer<TContext>({
    schema: options.schema,
    ...APOLLO_PROCESS_OPTIONS(options.logger),
    formatError: createErrorFormatter(options.logger),
    includeStacktraceInErrorResponses: false,
    parseOptions: limitParseOptions(options.limits),
    validationRules: limitRules(options.limits),
    plugins: [
      costLimitPlugin<TContext>(options.limits),
      requestIdPlugin<TContext>(),
      observabilityPlugin<TContext>(options.metrics, options.logger),
      ApolloServerPluginLandingPageDisabled(),
      // Traces for Apollo's cloud reporting, which we do not use: no per-field timing work on every request.
      ApolloServerPluginInlineTraceDisabled(),
      auditPlugin(options.audit, options.logger) as ApolloServerPlugin<TContext>,
      ...(options.plugins ?? []),
    ],
  });
}

