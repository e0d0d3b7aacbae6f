// What every subgraph's seed shares: deterministic randomness, weighted draws, dates, batch inserts.
export * from "./random.js";
export * from "./dates.js";
export * from "./text.js";
export * from "./insert.js";
