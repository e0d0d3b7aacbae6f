// What tests of any workspace share: a database of their own, a subgraph on a real port, requests as a
// given viewer, counting database commands, reading query plans.
export * from "./database.js";
export * from "./http.js";
export * from "./subgraph.js";
