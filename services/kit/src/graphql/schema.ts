import { buildSubgraphSchema, printSubgraphSchema } from "@apollo/subgraph";
import { printSchemaWithDirectives } from "@graphql-tools/utils";

import { type DocumentNode, type GraphQLSchema, Kind, parse } from "graphql";
import { buildSchema, createResolversMap, type NonEmptyArray } from "type-graphql";
import { scalarsMap } from "./scalars.js";
import { validateArguments } from "./validation.js";

type SubgraphModule = Extract<Parameters<typeof buildSubgraphSchema>[0], { typeDefs: unknown }>;
type ResolverMap = NonNullable<SubgraphModule["resolvers"]>;

const FEDERATION_LINK = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible", "@tag"])`;

/** The root types' descriptions, the same in every subgraph (type-graphql has no decorator for them). */
const ROOT_DESCRIPTIONS: Record<string, string> = {
  Query: "Consultas de la Oficina Virtual de S.O.S. EPS: cada campo dice quién puede usarlo",
  Mutation: "Operaciones que registran o cambian algo (solicitudes, novedades, pagos, decisiones): cada una dice quién puede usarla",
};

const describeRootTypes = (document: DocumentNode): DocumentNode => ({
  ...document,
  definitions: document.definitions.map((definition) =>
    definition.kind === Kind.OBJECT_TYPE_DEFINITION && !definition.description && ROOT_DESCRIPTIONS[definition.name.value]
      ? { ...definition, description: { kind: Kind.STRING, value: ROOT_DESCRIPTIONS[definition.name.value] as string } }
      : definition,
  ),
});

export interface SubgraphSchemaOptions {
  // type-graphql takes resolver classes; their constructors have no common shape.
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  resolvers: NonEmptyArray<Function>;
  /** Entity types no query returns directly (stubs of other subgraphs' entities). */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  orphanedTypes?: Function[];
  /** `{ Member: { __resolveReference } }`: each must go through the request's DataLoader. */
  referenceResolvers?: ResolverMap;
}

/**
 * Builds a federation 2 subgraph schema from type-graphql classes: type-graphql prints the SDL with its
 * directives, @apollo/subgraph serves it with type-graphql's resolvers plus the entity reference resolvers.
 */
export async function buildFederatedSchema(options: SubgraphSchemaOptions): Promise<GraphQLSchema> {
  const typeGraphqlSchema = await buildSchema({
    resolvers: options.resolvers,
    orphanedTypes: options.orphanedTypes ?? [],
    scalarsMap,
    validateFn: validateArguments,
    // Subgraphs may have no Query of their own; composition checks the whole graph instead.
    skipCheck: true,
  });
  const resolvers = createResolversMap(typeGraphqlSchema) as ResolverMap;
  for (const [typeName, extra] of Object.entries(options.referenceResolvers ?? {})) {
    resolvers[typeName] = { ...resolvers[typeName], ...extra } as ResolverMap[string];
  }
  return buildSubgraphSchema({
    typeDefs: describeRootTypes(parse(`${FEDERATION_LINK}\n${printSchemaWithDirectives(typeGraphqlSchema)}`)),
    resolvers,
  });
}

/** The SDL composition reads (what `_service { sdl }` answers). */
export const subgraphSdl = (schema: GraphQLSchema): string => printSubgraphSchema(schema);
