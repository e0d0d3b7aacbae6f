import { defineSubgraph } from "@sos/kit";
import { createLoaders, createModels } from "./context.js";
import { IncapacityCertificateResolver } from "./incapacity/incapacity.certificate.resolver.js";
import { EmployerIncapacitiesResolver } from "./employer/employer.resolver.js";
import { Employer } from "./employer/employer.type.js";
import { IncapacityMutationResolver } from "./incapacity/incapacity.mutation.resolver.js";
import { IncapacityResolver } from "./incapacity/incapacity.resolver.js";
import { IncapacityCertificateUploadResolver } from "./incapacity/incapacity.upload.resolver.js";
import { Ips } from "./ips/ips.type.js";
import { MemberIncapacitiesResolver } from "./member/member.resolver.js";
import type { Member } from "./member/member.type.js";

/**
 * Incapacities (sick leave) and licences: registration and extensions, who pays each day and how much,
 * and the claim's legal deadlines. Records about members, health data: every read passes the kit's access
 * decision and is written to the ledger; the employer never sees a diagnosis.
 */
export const incapacities = defineSubgraph({
  name: "incapacities",
  resolvers: [IncapacityResolver, IncapacityMutationResolver, IncapacityCertificateResolver, IncapacityCertificateUploadResolver, MemberIncapacitiesResolver, EmployerIncapacitiesResolver],
  // No field here returns these: listed so their keys (and the fields added to Employer) are in the schema.
  orphanedTypes: [Employer, Ips],
  referenceResolvers: {
    Member: { __resolveReference: (reference: { id: string }): Member => ({ id: reference.id }) },
    Employer: { __resolveReference: (reference: { nit: string }): Employer => ({ nit: reference.nit }) },
  },
  models: createModels,
  loaders: (models) => createLoaders(models),
  // The synthetic-data generator is loaded only when seeding: a production process never loads it.
  seed: async (connection, options) => (await import("./seed/seed.js")).seedIncapacities(connection, options),
});
