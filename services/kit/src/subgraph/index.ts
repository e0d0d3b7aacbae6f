export * from "./config.js";
export * from "./define.js";
