import type { SubgraphContext } from "@sos/kit";
import type { Connection } from "mongoose";
import { sisbenModel } from "./sisben/sisben.registry.js";
import { outboxModel } from "./outbox/outbox.model.js";
import { applicationModel, counterModel } from "./application/application.model.js";
import { createEmployerLoaders } from "./employer/employer.loader.js";
import { employerModel } from "./employer/employer.model.js";
import { createMemberLoaders } from "./member/member.loader.js";
import { memberModel } from "./member/member.model.js";

export function createModels(connection: Connection) {
  return {
    members: memberModel(connection),
    employers: employerModel(connection),
    applications: applicationModel(connection),
    counters: counterModel(connection),
    sisben: sisbenModel(connection),
    outbox: outboxModel(connection),
  };
}
export type Models = ReturnType<typeof createModels>;

/** Loaders live one request: they batch and cache within it, never across viewers. */
export function createLoaders(models: Models) {
  return { ...createMemberLoaders(models.members), ...createEmployerLoaders(models.employers) };
}
export type Loaders = ReturnType<typeof createLoaders>;

export type Context = SubgraphContext<Models, Loaders>;
