export * from "./metrics.js";
export * from "./metrics-route.js";
export * from "./mongo.js";
export * from "./plugin.js";
export * from "./redact.js";
export * from "./tracing.js";
