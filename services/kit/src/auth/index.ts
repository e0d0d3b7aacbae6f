export * from "./viewer.js";
export * from "./tokens.js";
export * from "./keys.js";
export * from "./guards.js";
