import { defineSubgraph } from "@sos/kit";
import { createLoaders, createModels } from "./context.js";
import { Ips } from "./ips/ips.type.js";
import { MemberPqrsResolver } from "./member/member.resolver.js";
import type { Member } from "./member/member.type.js";
import { PqrsFilingResolver } from "./pqrs/pqrs.filing.resolver.js";
import { PqrsResolver } from "./pqrs/pqrs.resolver.js";
import { PqrsTransitionResolver } from "./pqrs/pqrs.transition.resolver.js";
import { readPqrsSettings } from "./settings.js";

/**
 * PQRS: petitions, complaints, claims, suggestions, compliments, reports and data-protection requests,
 * each with its legal deadline from the moment it is filed, a queue by deadline, and answers delivered
 * to the filer's channel through an outbox.
 */
export const pqrs = defineSubgraph({
  name: "pqrs",
  resolvers: [PqrsFilingResolver, PqrsResolver, PqrsTransitionResolver, MemberPqrsResolver],
  orphanedTypes: [Ips],
  referenceResolvers: {
    Member: { __resolveReference: (reference: { id: string }): Member => ({ id: reference.id }) },
  },
  models: createModels,
  loaders: (models) => createLoaders(models),
  settings: readPqrsSettings,
  // The synthetic-data generator is loaded only when seeding: a production process never loads it.
  seed: async (connection, options) => (await import("./seed/seed.js")).seedPqrs(connection, options),
});
