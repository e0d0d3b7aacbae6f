import type { SubgraphContext } from "@sos/kit";
import type { Connection } from "mongoose";
import { accountModel } from "./accounts/account.model.js";
import { codeModel } from "./accounts/code.model.js";
import { throttleModel } from "./accounts/throttle.model.js";
import { ipsClientModel } from "./clients/ips-client.model.js";
import { signingKeyModel } from "./keys/signing-key.model.js";
import { refreshTokenModel } from "./sessions/refresh-token.model.js";
import type { IdentitySettings } from "./settings.js";

/** This subgraph's collections, in its own database. */
export function createModels(connection: Connection) {
  return {
    accounts: accountModel(connection),
    codes: codeModel(connection),
    throttle: throttleModel(connection),
    refreshTokens: refreshTokenModel(connection),
    signingKeys: signingKeyModel(connection),
    ipsClients: ipsClientModel(connection),
  };
}
export type Models = ReturnType<typeof createModels>;

/** No loaders: every operation here reads one account or one token, by key. */
export const createLoaders = (): Record<string, never> => ({});
export type Loaders = ReturnType<typeof createLoaders>;

export type Context = SubgraphContext<Models, Loaders, IdentitySettings>;
