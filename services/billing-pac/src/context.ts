import type { SubgraphContext } from "@sos/kit";
import type { Connection } from "mongoose";
import { createContributionLoaders } from "./contribution/contribution.loader.js";
import { contributionModel } from "./contribution/contribution.model.js";
import { createPacLoaders } from "./pac/pac.loader.js";
import { contractModel, invoiceModel, sequenceModel } from "./pac/pac.model.js";
import { paymentModel } from "./payment/payment.model.js";
import type { BillingSettings } from "./settings.js";

/** This subgraph's collections, in its own database. */
export function createModels(connection: Connection) {
  return {
    contributions: contributionModel(connection),
    contracts: contractModel(connection),
    invoices: invoiceModel(connection),
    sequences: sequenceModel(connection),
    payments: paymentModel(connection),
  };
}
export type Models = ReturnType<typeof createModels>;

/** Loaders live one request: they batch and cache within it, never across viewers. */
export function createLoaders(models: Models) {
  return { ...createContributionLoaders(models.contributions), ...createPacLoaders(models.contracts, models.invoices) };
}
export type Loaders = ReturnType<typeof createLoaders>;

export type Context = SubgraphContext<Models, Loaders, BillingSettings>;
