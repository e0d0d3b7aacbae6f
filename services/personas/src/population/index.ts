// The synthetic population every subgraph's seed knows: buildPopulation and the types of what it builds.
// The factories and word lists behind it stay internal.
export { DEFAULT_SEED, DEFAULT_SEED_MEMBERS, buildPopulation, type Population, type PopulationOptions } from "./build.js";
export { buildNetworkIps, type NetworkClinic } from "./network.js";
export { SEED_CHANGED_BY } from "./persona-members.js";
export * from "./types.js";
