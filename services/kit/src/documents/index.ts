export * from "./certificate-pdf.js";
export * from "./issuer.js";
export * from "./register.js";
export * from "./issued.type.js";
export * from "./holder.js";
