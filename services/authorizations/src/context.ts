import type { SubgraphContext } from "@sos/kit";
import type { Connection } from "mongoose";
import { counterModel, authorizationModel } from "./authorization/authorization.model.js";
import { createAuthorizationLoaders } from "./authorization/authorization.loader.js";
import { cie10Model, cupsModel } from "./catalog/catalog.model.js";
import { createCatalogLoaders } from "./catalog/catalog.loader.js";
import { createMipresLoaders } from "./mipres/mipres.loader.js";
import { pendingDeliveryModel, prescriptionModel } from "./mipres/mipres.model.js";

/** This subgraph's collections, in its own database. */
export function createModels(connection: Connection) {
  return {
    authorizations: authorizationModel(connection),
    counters: counterModel(connection),
    cups: cupsModel(connection),
    cie10: cie10Model(connection),
    prescriptions: prescriptionModel(connection),
    pendingDeliveries: pendingDeliveryModel(connection),
  };
}
export type Models = ReturnType<typeof createModels>;

/** Loaders live one request: they batch and cache within it, never across viewers. */
export function createLoaders(models: Models) {
  return {
    ...createAuthorizationLoaders(models.authorizations),
    ...createCatalogLoaders(models.cups, models.cie10),
    ...createMipresLoaders(models.prescriptions, models.pendingDeliveries),
  };
}
export type Loaders = ReturnType<typeof createLoaders>;

export type Context = SubgraphContext<Models, Loaders>;
