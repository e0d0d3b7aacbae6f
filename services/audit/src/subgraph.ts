import { defineSubgraph } from "@sos/kit";
import { CertificateResolver } from "./certificate/certificate.resolver.js";
import { createLoaders, createModels, createSettings } from "./context.js";
import { LedgerResolver } from "./ledger/ledger.resolver.js";
import { Member } from "./member.type.js";

/**
 * The access ledger, read. Every subgraph appends its own hash-chained chain to this subgraph's database
 * (LEDGER_DB, kit/audit.ts); here a member sees who read their data, and auditors search and verify the
 * chains. Beside it, the register of issued certificates: anyone checks a certificate's code here. It
 * writes nothing but its own reads of the ledger.
 */
export const audit = defineSubgraph({
  name: "audit",
  resolvers: [LedgerResolver, CertificateResolver],
  // No field here returns a Member: listed so the field this subgraph adds to it is in its schema.
  orphanedTypes: [Member],
  referenceResolvers: {
    Member: { __resolveReference: (reference: { id: string }): Member => ({ id: reference.id }) },
  },
  models: createModels,
  settings: createSettings,
  loaders: () => createLoaders(),
});
