// What an Apollo server of the graph shares, gateway or subgraph: limits, error masking, request ids.
export * from "./limits.js";
export * from "./apollo.js";
