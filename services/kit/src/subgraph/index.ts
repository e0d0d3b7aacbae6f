export * from "./config.js";
export * from "./define.js";
export * from "./peers.js";
