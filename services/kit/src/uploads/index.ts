export * from "./sniff.js";
export * from "./upload.model.js";
export * from "./upload.type.js";
export * from "./store.js";
export * from "./reference.js";
export * from "./expire.js";
export * from "./service.js";
export * from "./routes.js";
