export * from "./client.js";
export * from "./headers.js";
export * from "./serve.js";
export * from "./shutdown.js";
