import { maxAliasesRule } from "@escape.tech/graphql-armor-max-aliases";
import { maxDepthRule } from "@escape.tech/graphql-armor-max-depth";
import { maxDirectivesRule } from "@escape.tech/graphql-armor-max-directives";
import type { ApolloServerPlugin, BaseContext as ApolloContext } from "@apollo/server";
import {
  GraphQLError,
  Kind,
  type DocumentNode,
  type GraphQLField,
  type GraphQLOutputType,
  type GraphQLSchema,
  type ParseOptions,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from "graphql";
// The CommonJS build: the ES one imports graphql's .mjs files by name, a second copy of graphql-js beside
// the one Apollo uses, which refuses the other's schema.
import { getComplexity, type ComplexityEstimator } from "graphql-query-complexity/cjs";
import { ConfigError } from "../config.js";
import { AppError, ErrorCode } from "../errors.js";
import { DEFAULT_PAGE_SIZE } from "./page-size.js";

/**
 * How big one operation may be. Every limit refuses the operation before any resolver (or, at the
 * gateway, any subgraph) runs, each with its own code, so a client knows which one to tune.
 */
export interface OperationLimits {
  /** Nesting of selections (inline fragments do not count, named fragments are followed). */
  readonly depth: number;
  /** Aliased fields in the whole operation (`__typename` excepted). */
  readonly aliases: number;
  /** Fields at the root of the operation, aliases included: one request, at most this many entry points. */
  readonly rootFields: number;
  /** Directives in the whole operation. */
  readonly directives: number;
  /** Lexical tokens in the document: the parser stops there, so a huge document costs nothing more. */
  readonly tokens: number;
  /** Estimated cost (see `estimateCost`). */
  readonly cost: number;
  /** The size assumed for a list field that has no `first`/`last` argument. */
  readonly defaultListSize: number;
}

export const DEFAULT_LIMITS: OperationLimits = Object.freeze({
  depth: 10,
  aliases: 15,
  rootFields: 10,
  directives: 20,
  tokens: 1_500,
  cost: 2_000,
  defaultListSize: 10,
});

const LIMIT_VARIABLES: Record<Exclude<keyof OperationLimits, "defaultListSize">, string> = {
  depth: "GRAPHQL_MAX_DEPTH",
  aliases: "GRAPHQL_MAX_ALIASES",
  rootFields: "GRAPHQL_MAX_ROOT_FIELDS",
  directives: "GRAPHQL_MAX_DIRECTIVES",
  tokens: "GRAPHQL_MAX_TOKENS",
  cost: "GRAPHQL_MAX_COST",
};

/** GRAPHQL_MAX_DEPTH, GRAPHQL_MAX_ALIASES, ... override the defaults; each must be a positive whole number. */
export function limitsFromEnv(env: NodeJS.ProcessEnv): OperationLimits {
  const limits: Record<string, number> = { ...DEFAULT_LIMITS };
  for (const [key, name] of Object.entries(LIMIT_VARIABLES)) {
    const raw = env[name]?.trim();
    if (!raw) continue;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 1) throw new ConfigError(`${name} must be a positive whole number, got "${raw}".`);
    limits[key] = value;
  }
  return Object.freeze(limits) as unknown as OperationLimits;
}

/** A refusal of the operation as a whole: HTTP 400, its own code, the limit and what was found. */
export function limitError(code: ErrorCode, message: string, details: { limit: number; found?: number }): AppError {
  return new AppError(code, message, { ...details, http: { status: 400 } });
}

type Report = (ctx: ValidationContext | null, error: GraphQLError) => void;

/** graphql-armor's rules throw their own English error; ours reports a coded, Spanish one instead. */
function reportAs(code: ErrorCode, limit: number, message: (found: number) => string): { propagateOnRejection: false; onReject: Report[] } {
  return {
    propagateOnRejection: false,
    onReject: [
      (ctx, error) => {
        const found = Number(/found (\d+)/.exec(error.message)?.[1] ?? Number.NaN);
        ctx?.reportError(limitError(code, message(found), { limit, ...(Number.isFinite(found) && { found }) }));
      },
    ],
  };
}

/** Counts the root fields of each operation, following fragments at the root. */
function maxRootFieldsRule(limit: number): ValidationRule {
  return (context) => {
    const count = (selectionSet: SelectionSetNode, seen: Set<string>): number => {
      let total = 0;
      for (const selection of selectionSet.selections) {
        if (selection.kind === Kind.FIELD) total += selection.name.value === "__typename" ? 0 : 1;
        else if (selection.kind === Kind.INLINE_FRAGMENT) total += count(selection.selectionSet, seen);
        else if (!seen.has(selection.name.value)) {
          seen.add(selection.name.value);
          const fragment = context.getFragment(selection.name.value);
          if (fragment) total += count(fragment.selectionSet, seen);
        }
      }
      return total;
    };
    return {
      OperationDefinition(node) {
        const found = count(node.selectionSet, new Set());
        if (found > limit) {
          context.reportError(
            limitError(ErrorCode.ROOT_FIELD_LIMIT_EXCEEDED, `La operación pide ${found} campos raíz; el máximo es ${limit}. Divídala en varias peticiones.`, { limit, found }),
          );
        }
      },
    };
  };
}

/** The validation rules that enforce depth, aliases, root fields and directives. */
export function limitRules(limits: OperationLimits): ValidationRule[] {
  return [
    maxDepthRule({
      n: limits.depth,
      flattenFragments: true,
      ...reportAs(ErrorCode.DEPTH_LIMIT_EXCEEDED, limits.depth, (found) => `La operación anida ${found} niveles; el máximo es ${limits.depth}.`),
    }) as ValidationRule,
    maxAliasesRule({
      n: limits.aliases,
      ...reportAs(ErrorCode.ALIAS_LIMIT_EXCEEDED, limits.aliases, (found) => `La operación usa ${found} alias; el máximo es ${limits.aliases}.`),
    }) as ValidationRule,
    maxDirectivesRule({
      n: limits.directives,
      ...reportAs(ErrorCode.DIRECTIVE_LIMIT_EXCEEDED, limits.directives, (found) => `La operación usa ${found} directivas; el máximo es ${limits.directives}.`),
    }) as ValidationRule,
    maxRootFieldsRule(limits.rootFields),
  ];
}

/** The parser stops after this many tokens (graphql-js's own guard), before building any tree. */
export const limitParseOptions = (limits: OperationLimits): ParseOptions => ({ maxTokens: limits.tokens });

/** graphql-js's message when the token guard trips ("more that", sic); the error formatter gives it its own code. */
export const TOKEN_LIMIT_MESSAGE = /^Syntax Error: Document contains more tha[nt] (\d+) tokens/;

/** `[Member!]!` → is it a list? Read from the printed type: no instanceof across two copies of graphql. */
const isList = (type: GraphQLOutputType): boolean => String(type).replace(/!$/, "").startsWith("[");
const namedTypeName = (type: GraphQLOutputType): string => String(type).replace(/[[\]!]/g, "");
const isConnectionName = (name: string): boolean => name.endsWith("Connection");

/**
 * The cost of one field: objects cost 1, scalars 0, and a list multiplies what each element costs by its
 * expected size: `first`/`last` when given (the page), the number of representations for `_entities`,
 * 1 for the edges and nodes of a connection (the connection field already counted the page), and
 * `defaultListSize` otherwise. A connection is counted as a list of its page size.
 */
export function costEstimator(defaultListSize: number): ComplexityEstimator {
  return ({ type, field, args, childComplexity }) => {
    const named = namedTypeName(field.type);
    const own = isLeaf(field) ? 0 : 1;
    // Only a positive page counts: a negative `first` must not cancel the cost of the fields beside it
    // (the argument is refused later anyway, but the estimate is taken first).
    // Introspection answers from the schema, not the database: its size is the schema's, fixed, and who may
    // ask is decided apart (the gateway's schema privacy). Counting its nested type lists as data lists
    // would price GraphiQL's standard query at ~15,000 and refuse it; a flat price still stops a request
    // from asking for the whole schema twenty times under aliases.
    if (field.name === "__schema") return INTROSPECTION_COST;
    if (field.name === "__type") return 1;
    const given = [args["first"], args["last"]].find((value): value is number => typeof value === "number" && value > 0);
    const page = given ?? null;
    if (field.name === "_entities") {
      const representations = Array.isArray(args["representations"]) ? args["representations"].length : defaultListSize;
      return own + representations * childComplexity;
    }
    // A connection without `first` serves the default page, not the default list size.
    if (isConnectionName(named)) return own + (page ?? DEFAULT_PAGE_SIZE) * childComplexity;
    if (!isList(field.type)) return own + childComplexity;
    if (isConnectionName(type.name)) return own + childComplexity;
    return own + (page ?? defaultListSize) * childComplexity;
  };
}

/** The price of reading the whole schema once: eight times fit under the default limit. */
const INTROSPECTION_COST = 250;

/** Leaf fields (scalars, enums) have no selection of their own and cost nothing. */
function isLeaf(field: GraphQLField<unknown, unknown>): boolean {
  let type: unknown = field.type;
  while (type && typeof type === "object" && "ofType" in type && type.ofType) type = type.ofType;
  return !(type && typeof type === "object" && "getFields" in type);
}

/**
 * An Apollo plugin that estimates each operation's cost once it is resolved (variables known) and refuses
 * it over the limit before execution; the estimate and the limit go back in `extensions.cost` so clients
 * can see how close they are.
 */
/** How many estimates a server remembers, and the longest variables (as JSON) an estimate is remembered for. */
const KNOWN_ESTIMATES = 2_000;
const MAX_REMEMBERED_VARIABLES = 2_048;

/**
 * Estimates already made, by schema, document, operation and variables: the same request costs the same, so
 * the apps' repeated operations are estimated once (the estimate walks the whole document). Oldest out first.
 */
function knownEstimates() {
  const bySchema = new WeakMap<object, Map<string, number>>();
  return {
    key(queryHash: string, operationName: string | null, variables: Record<string, unknown> | undefined): string | null {
      // A subgraph's entity fetches carry their representations: each set is new, and long. Not remembered.
      if (variables && "representations" in variables) return null;
      const json = JSON.stringify(variables ?? {});
      return json.length <= MAX_REMEMBERED_VARIABLES ? `${queryHash}|${operationName ?? ""}|${json}` : null;
    },
    get: (schema: object, key: string): number | undefined => bySchema.get(schema)?.get(key),
    set(schema: object, key: string, estimate: number): void {
      const known = bySchema.get(schema) ?? new Map<string, number>();
      bySchema.set(schema, known);
      if (known.size >= KNOWN_ESTIMATES) known.delete(known.keys().next().value as string);
      known.set(key, estimate);
    },
  };
}

export function costLimitPlugin<TContext extends ApolloContext>(limits: OperationLimits): ApolloServerPlugin<TContext> {
  const estimator = costEstimator(limits.defaultListSize);
  const known = knownEstimates();
  const estimate = (schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown>, operationName: string | null): number => {
    try {
      return getComplexity({
        schema,
        query: document,
        variables,
        ...(operationName && { operationName }),
        estimators: [estimator],
        // Fragments that fan out: the node count is capped before the estimate is finished.
        maxQueryNodes: limits.cost * 5,
      });
    } catch (error) {
      if (error instanceof Error && /maximum allowed number of nodes/.test(error.message)) return Number.POSITIVE_INFINITY;
      // A variable that does not fit its type: answered as execution would, naming the variable.
      throw error instanceof Error ? new GraphQLError(error.message, { extensions: { code: ErrorCode.BAD_USER_INPUT, http: { status: 400 } } }) : error;
    }
  };
  return {
    async requestDidStart() {
      let estimated: number | null = null;
      return {
        async didResolveOperation({ schema, document, request, operationName, queryHash }) {
          const key = known.key(queryHash, operationName, request.variables);
          estimated = key === null ? null : (known.get(schema, key) ?? null);
          if (estimated === null) {
            estimated = estimate(schema, document, request.variables ?? {}, operationName);
            if (key !== null) known.set(schema, key, estimated);
          }
          if (estimated > limits.cost) {
            const found = Number.isFinite(estimated) ? estimated : undefined;
            throw limitError(
              ErrorCode.COST_LIMIT_EXCEEDED,
              `La operación cuesta ${found ?? "demasiado"} (estimado); el máximo es ${limits.cost}. Pida páginas más pequeñas o menos campos.`,
              { limit: limits.cost, ...(found !== undefined && { found }) },
            );
          }
        },
        async willSendResponse({ response }) {
          if (estimated === null || !Number.isFinite(estimated) || response.body.kind !== "single") return;
          const result = response.body.singleResult;
          result.extensions = { ...result.extensions, cost: { estimated, limit: limits.cost } };
        },
      };
    },
  };
}
