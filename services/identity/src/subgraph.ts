import { defineSubgraph } from "@sos/kit";
import { AdminResolver } from "./admin/admin.resolver.js";
import { AuthResolver } from "./auth/auth.resolver.js";
import { EmployerRegistrationResolver } from "./auth/employer.resolver.js";
import { clientCredentialsRoute } from "./clients/token.route.js";
import { createLoaders, createModels } from "./context.js";
import { wellKnownRoutes } from "./keys/wellknown.routes.js";
import { readIdentitySettings } from "./settings.js";

/**
 * Accounts and tokens: registration, sign-in, sessions with rotating refresh tokens, password reset,
 * staff accounts, partner clinics' machine clients, and the signing keys every process verifies
 * against. A subgraph (the apps register and sign in through the graph) with plain HTTP routes for what
 * OAuth and OpenID define outside GraphQL. It keeps no record about members: it asks affiliation.
 */
export const identity = defineSubgraph({
  name: "identity",
  resolvers: [AuthResolver, EmployerRegistrationResolver, AdminResolver],
  models: createModels,
  loaders: () => createLoaders(),
  settings: readIdentitySettings,
  routes: (runtime) => ({ ...wellKnownRoutes(runtime), "POST /oauth/token": clientCredentialsRoute(runtime) }),
  // Development: the personas' accounts, an administrator and a clinic's client (docs/identity.md).
  seed: async (connection, options) => (await import("./seed/seed.js")).seedIdentity(connection, options),
});
