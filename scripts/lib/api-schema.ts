// The public API schema: what clients see of the supergraph, without federation's join__/link__ machinery
// and without @inaccessible fields. Composition writes it to schema/api.graphql (the typed client is
// generated from it) and the breaking-change check compares it between revisions. Imports no workspace
// package, so node's test runner loads it without the "development" condition.
import { Supergraph, printSchema } from "@apollo/federation-internals";

/** The API schema of a composed supergraph's SDL, printed (types in the supergraph's order, descriptions kept). */
export function apiSchemaSdl(supergraphSdl: string): string {
  return printSchema(Supergraph.build(supergraphSdl).apiSchema());
}
