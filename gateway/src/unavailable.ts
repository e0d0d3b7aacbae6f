import { ErrorCode } from "@sos/kit/errors";
import { Kind, parse, type DocumentNode, type FragmentDefinitionNode, type GraphQLFormattedError, type OperationDefinitionNode, type SelectionSetNode } from "graphql";

/**
 * One error per field while that stays under this; past it (a page of 100 entities, several fields each),
 * one error per entity, at the entity's path: every field left null is still covered by an error.
 */
const MAX_FIELD_ERRORS = 100;

export const UNAVAILABLE_MESSAGE = "Esta parte de la respuesta no está disponible en este momento. Intente de nuevo en unos segundos.";

/**
 * Response keys (alias or name) of the fields a selection set asks for, through inline fragments and named
 * ones (the query planner reuses the client's fragments in the fetches it sends).
 */
function responseKeys(selectionSet: SelectionSetNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>, seen = new Set<string>()): string[] {
  const keys: string[] = [];
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD && selection.name.value !== "__typename") keys.push(selection.alias?.value ?? selection.name.value);
    else if (selection.kind === Kind.INLINE_FRAGMENT) keys.push(...responseKeys(selection.selectionSet, fragments, seen));
    else if (selection.kind === Kind.FRAGMENT_SPREAD && !seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      const fragment = fragments.get(selection.name.value);
      if (fragment) keys.push(...responseKeys(fragment.selectionSet, fragments, seen));
    }
  }
  return [...new Set(keys)];
}

/**
 * What a fetch to a subgraph that did not answer (down, restarting, past its deadline) gives the gateway
 * instead of an exception: an UNAVAILABLE error for each field the fetch would have filled, with the path
 * that field has in the subgraph's answer (`_entities.3.authorizations` for an entity fetch), which the
 * gateway turns into the path in the client's answer (`me.authorizations`). The rest of the answer, from
 * the subgraphs that did answer, is served as usual: the member still sees her affiliation and her clinic.
 */
export function unavailableResponse(document: DocumentNode | undefined, query: string, variables: Record<string, unknown> | undefined): { errors: GraphQLFormattedError[] } {
  let parsed: DocumentNode | undefined;
  try {
    parsed = document ?? parse(query);
  } catch {
    parsed = undefined;
  }
  const error = (path?: (string | number)[]): GraphQLFormattedError => ({ message: UNAVAILABLE_MESSAGE, ...(path && { path }), extensions: { code: ErrorCode.UNAVAILABLE } });
  const operation = parsed?.definitions.find((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
  if (!parsed || !operation) return { errors: [error()] };
  const fragments = new Map(parsed.definitions.filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION).map((fragment) => [fragment.name.value, fragment]));
  const entities = operation.selectionSet.selections.find((selection) => selection.kind === Kind.FIELD && selection.name.value === "_entities");
  const representations = variables?.["representations"];
  if (entities?.kind === Kind.FIELD && entities.selectionSet && Array.isArray(representations)) {
    const keys = responseKeys(entities.selectionSet, fragments);
    const perField = keys.length > 0 && representations.length * keys.length <= MAX_FIELD_ERRORS;
    const errors = representations.flatMap((_, index) => (perField ? keys.map((key) => error(["_entities", index, key])) : [error(["_entities", index])]));
    return { errors: errors.length ? errors : [error()] };
  }
  const keys = responseKeys(operation.selectionSet, fragments);
  return { errors: keys.length ? keys.map((key) => error([key])) : [error()] };
}
