// Colombian code systems every subgraph uses (documents, NIT, DANE, REPS): formats, not business rules.
export * from "./document.js";
export * from "./nit.js";
export * from "./dane.js";
export * from "./ips-code.js";
