export * from "./headers.js";
export * from "./serve.js";
