import { ErrorCode } from "@sos/kit/errors";
import { Kind, parse, type DocumentNode, type GraphQLFormattedError, type SelectionSetNode } from "graphql";

/** Errors of one fetch are bounded: a list of 100 entities with 5 fields each needs no 500 errors to say so. */
const MAX_ERRORS = 100;

export const UNAVAILABLE_MESSAGE = "Esta parte de la respuesta no está disponible en este momento. Intente de nuevo en unos segundos.";

/** Response keys (alias or name) of the fields a selection set asks for, through inline fragments. */
function responseKeys(selectionSet: SelectionSetNode): string[] {
  const keys: string[] = [];
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD && selection.name.value !== "__typename") keys.push(selection.alias?.value ?? selection.name.value);
    else if (selection.kind === Kind.INLINE_FRAGMENT) keys.push(...responseKeys(selection.selectionSet));
  }
  return [...new Set(keys)];
}

/**
 * What a fetch to a subgraph that did not answer (down, restarting, past its deadline) gives the gateway
 * instead of an exception: one UNAVAILABLE error per field the fetch would have filled, with the path
 * that field has in the subgraph's answer (`_entities.3.authorizations` for an entity fetch), which the
 * gateway turns into the path in the client's answer (`me.authorizations`). The rest of the answer, from
 * the subgraphs that did answer, is served as usual: the member still sees her affiliation and her clinic.
 */
export function unavailableResponse(document: DocumentNode | undefined, query: string, variables: Record<string, unknown> | undefined): { errors: GraphQLFormattedError[] } {
  let operation;
  try {
    operation = (document ?? parse(query)).definitions.find((definition) => definition.kind === Kind.OPERATION_DEFINITION);
  } catch {
    operation = undefined;
  }
  const error = (path?: (string | number)[]): GraphQLFormattedError => ({ message: UNAVAILABLE_MESSAGE, ...(path && { path }), extensions: { code: ErrorCode.UNAVAILABLE } });
  if (!operation) return { errors: [error()] };
  const entities = operation.selectionSet.selections.find((selection) => selection.kind === Kind.FIELD && selection.name.value === "_entities");
  const representations = variables?.["representations"];
  if (entities?.kind === Kind.FIELD && entities.selectionSet && Array.isArray(representations)) {
    const keys = responseKeys(entities.selectionSet);
    const errors: GraphQLFormattedError[] = [];
    for (let index = 0; index < representations.length && errors.length < MAX_ERRORS; index++) {
      for (const key of keys.length ? keys : [undefined]) if (errors.length < MAX_ERRORS) errors.push(error(key === undefined ? ["_entities", index] : ["_entities", index, key]));
    }
    return { errors: errors.length ? errors : [error()] };
  }
  const keys = responseKeys(operation.selectionSet).slice(0, MAX_ERRORS);
  return { errors: keys.length ? keys.map((key) => error([key])) : [error()] };
}
