import { defineSubgraph } from "@sos/kit";
import { createLoaders, createModels, type Context } from "./context.js";
import type { ClinicDoc } from "./ips/ips.model.js";
import { ContactResolver } from "./contact/contact.resolver.js";
import { ContentResolver } from "./content/content.resolver.js";
import { IpsAdminResolver } from "./ips/ips.admin.resolver.js";
import { IpsResolver } from "./ips/ips.resolver.js";
import { PacDoctorResolver } from "./pac/pac-doctor.resolver.js";

/**
 * Where to be attended: clinics (the Ips entity every other subgraph points at), the nearest open
 * emergency rooms, the offices and the phone lines. Public information: no session needed.
 */
export const directory = defineSubgraph({
  name: "directory",
  resolvers: [IpsResolver, IpsAdminResolver, PacDoctorResolver, ContactResolver, ContentResolver],
  referenceResolvers: {
    Ips: {
      // Every subgraph's Ips references of a request, in one database command.
      __resolveReference(reference: { habilitationCode: string }, ctx: Context): Promise<ClinicDoc | null> {
        return ctx.loaders.clinicByCode.load(reference.habilitationCode);
      },
    },
  },
  models: createModels,
  loaders: (models) => createLoaders(models),
  // The synthetic-data generator is loaded only when seeding.
  seed: async (connection, options) => (await import("./seed/seed.js")).seedDirectory(connection, options),
});
