import { createBaseContext, type BaseContext, type Logger, type TokenVerifier } from "@sos/kit";
import type { IncomingMessage } from "node:http";
import type { Connection } from "mongoose";
import { applicationModel, counterModel } from "./application/application.model.js";
import { createEmployerLoaders } from "./employer/employer.loader.js";
import { employerModel } from "./employer/employer.model.js";
import { networkIpsModel } from "./ips/network-ips.model.js";
import { createMemberLoaders } from "./member/member.loader.js";
import { memberModel } from "./member/member.model.js";

export function createModels(connection: Connection) {
  return {
    members: memberModel(connection),
    employers: employerModel(connection),
    networkIps: networkIpsModel(connection),
    applications: applicationModel(connection),
    counters: counterModel(connection),
  };
}
export type Models = ReturnType<typeof createModels>;

/** Loaders live one request: they batch and cache within it, never across viewers. */
export function createLoaders(models: Models) {
  return { ...createMemberLoaders(models.members), ...createEmployerLoaders(models.employers) };
}
export type Loaders = ReturnType<typeof createLoaders>;

export interface Context extends BaseContext {
  models: Models;
  loaders: Loaders;
  connection: Connection;
}

export function contextFactory(deps: { connection: Connection; models: Models; verifier: TokenVerifier; logger: Logger }) {
  return async (req: IncomingMessage): Promise<Context> => ({
    ...(await createBaseContext(req.headers, deps.verifier, deps.logger)),
    connection: deps.connection,
    models: deps.models,
    loaders: createLoaders(deps.models),
  });
}
