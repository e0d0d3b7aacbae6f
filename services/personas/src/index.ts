// The synthetic world every subgraph seeds, defined once: its people (the personas' fixed ids and the
// generated population around them, buildPopulation: who is a cotizante, of which employer, in which
// income band) and its network of clinics. Only seeds (loaded when seeding), tests and dev scripts use it.
export * from "./personas.js";
export * from "./clinics.js";
export * from "./population/index.js";
