import { GraphQLError } from "graphql";

/**
 * The stable error codes of the graph. Clients branch on these; messages are for people and are in
 * Spanish. A code is never renamed once published.
 */
export const ErrorCode = {
  UNAUTHENTICATED: "UNAUTHENTICATED",
  FORBIDDEN: "FORBIDDEN",
  BAD_USER_INPUT: "BAD_USER_INPUT",
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  INTERNAL: "INTERNAL",
  /** A part of the graph this answer depends on did not answer (try again); nothing was served unchecked. */
  UNAVAILABLE: "UNAVAILABLE",
  // Refusals before any resolver runs: the operation is too big, too frequent or not allowed for the caller.
  DEPTH_LIMIT_EXCEEDED: "DEPTH_LIMIT_EXCEEDED",
  ALIAS_LIMIT_EXCEEDED: "ALIAS_LIMIT_EXCEEDED",
  ROOT_FIELD_LIMIT_EXCEEDED: "ROOT_FIELD_LIMIT_EXCEEDED",
  DIRECTIVE_LIMIT_EXCEEDED: "DIRECTIVE_LIMIT_EXCEEDED",
  TOKEN_LIMIT_EXCEEDED: "TOKEN_LIMIT_EXCEEDED",
  COST_LIMIT_EXCEEDED: "COST_LIMIT_EXCEEDED",
  RATE_LIMITED: "RATE_LIMITED",
  PERSISTED_QUERY_NOT_FOUND: "PERSISTED_QUERY_NOT_FOUND",
  PERSISTED_QUERY_NOT_IN_LIST: "PERSISTED_QUERY_NOT_IN_LIST",
  INTROSPECTION_DISABLED: "INTROSPECTION_DISABLED",
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** One invalid field of an input: its path from the argument (`input.contact.email`) and why. */
export interface FieldProblem {
  field: string;
  message: string;
}

export class AppError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extra: Record<string, unknown> = {}) {
    super(message, { extensions: { ...extra, code } });
  }

  get code(): ErrorCode {
    return this.extensions["code"] as ErrorCode;
  }
}

export const unauthenticated = (message = "Debe iniciar sesión para consultar esta información."): AppError =>
  new AppError(ErrorCode.UNAUTHENTICATED, message);

export const forbidden = (message = "No tiene permiso para consultar esta información."): AppError =>
  new AppError(ErrorCode.FORBIDDEN, message);

export const notFound = (message: string): AppError => new AppError(ErrorCode.NOT_FOUND, message);

export const conflict = (message: string, extra: Record<string, unknown> = {}): AppError =>
  new AppError(ErrorCode.CONFLICT, message, extra);

/** A bad input: names the first offending field in `field` and lists every problem in `problems`. */
export const badUserInput = (problems: FieldProblem[] | FieldProblem): AppError => {
  const list = Array.isArray(problems) ? problems : [problems];
  const first = list[0] ?? { field: "input", message: "Datos no válidos." };
  return new AppError(ErrorCode.BAD_USER_INPUT, first.message, { field: first.field, problems: list });
};

export const isAppError = (error: unknown): error is AppError =>
  error instanceof GraphQLError && typeof error.extensions["code"] === "string" &&
  (Object.values(ErrorCode) as string[]).includes(error.extensions["code"]);
