// The synthetic world every subgraph seeds, defined once: its people and its network of clinics.
export * from "./personas.js";
export * from "./clinics.js";
