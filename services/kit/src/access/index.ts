export * from "./relations.js";
export * from "./member-access.js";
export * from "./policy.js";
