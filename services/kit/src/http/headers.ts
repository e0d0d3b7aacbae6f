/** The headers the graph passes between its parts. */
export const REQUEST_ID_HEADER = "x-request-id";
/** Why an agent looks at a member: required of agents, recorded with every access. */
export const PURPOSE_HEADER = "x-access-purpose";
/** By which the gateway (and a subgraph calling another) proves the call comes from inside the graph. */
export const GATEWAY_SECRET_HEADER = "x-gateway-secret";
