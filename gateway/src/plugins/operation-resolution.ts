import type { ApolloServerPlugin } from "@apollo/server";
import { GraphQLError } from "graphql";
import type { GatewayContext } from "../context.js";

const refused = (message: string): GraphQLError => new GraphQLError(message, { extensions: { code: "GRAPHQL_VALIDATION_FAILED", http: { status: 400 } } });

/**
 * An operation name the document lacks, a document of several operations without a name, or a
 * subscription (the graph has none) are the client's mistakes. Apollo Server leaves them to the executor,
 * where the gateway's query planner throws, and the client got 500 for its own error; they are refused
 * here, as the validation failures they are, with 400.
 */
export function operationResolutionPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request, schema }) {
          if (!operation) {
            const name = request.operationName;
            throw refused(name ? `El documento no tiene una operación llamada «${name}».` : "El documento tiene varias operaciones: indique cuál ejecutar en «operationName».");
          }
          if (operation.operation === "subscription" && !schema.getSubscriptionType()) throw refused("La API no ofrece suscripciones: use una consulta (query).");
        },
      };
    },
  };
}
