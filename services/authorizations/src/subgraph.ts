import { defineSubgraph } from "@sos/kit";
import { AttachmentUploadResolver, MemberSupportDocumentsResolver } from "./attachment/attachment.resolver.js";
import { AuthorizationDecisionResolver } from "./authorization/authorization.decision.resolver.js";
import { AuthorizationRequestResolver } from "./authorization/authorization.request.resolver.js";
import { AuthorizationResolver } from "./authorization/authorization.resolver.js";
import { loadCatalogues } from "./catalog/catalog.reference.js";
import { createLoaders, createModels } from "./context.js";
import { Ips } from "./ips/ips.type.js";
import { MemberAuthorizationsResolver } from "./member/member.resolver.js";
import type { Member } from "./member/member.type.js";
import { MIPRES_RESOLVERS } from "./mipres/mipres.resolvers.js";
import { AuthorizationStatisticsResolver } from "./statistics/statistics.resolver.js";

/**
 * Medical authorizations and MIPRES prescriptions, each tracked against its legal deadline: who has it,
 * in which state, by when. Records about members: every read passes the kit's access decision.
 */
export const authorizations = defineSubgraph({
  name: "authorizations",
  resolvers: [AuthorizationResolver, AuthorizationRequestResolver, AuthorizationDecisionResolver, MemberAuthorizationsResolver, AttachmentUploadResolver, MemberSupportDocumentsResolver, AuthorizationStatisticsResolver, ...MIPRES_RESOLVERS],
  orphanedTypes: [Ips],
  referenceResolvers: {
    // Only the key: what this subgraph adds to a member is resolved field by field, batched.
    Member: { __resolveReference: (reference: { id: string }): Member => ({ id: reference.id }) },
  },
  models: createModels,
  loaders: (models) => createLoaders(models),
  referenceData: (connection, logger) => loadCatalogues(connection, logger),
  // The synthetic-data generator is loaded only when seeding: a production process never loads it.
  seed: async (connection, options) => (await import("./seed/seed.js")).seedAuthorizations(connection, options),
});
