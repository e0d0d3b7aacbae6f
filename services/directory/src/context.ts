import type { SubgraphContext } from "@sos/kit";
import type { Connection } from "mongoose";
import { createClinicLoaders } from "./ips/ips.loader.js";
import { clinicChangeModel } from "./ips/clinic-change.model.js";
import { clinicModel } from "./ips/ips.model.js";
import { pacDoctorModel } from "./pac/pac-doctor.model.js";

/** The directory's collections, in its own database. */
export function createModels(connection: Connection) {
  return { clinics: clinicModel(connection), clinicChanges: clinicChangeModel(connection), pacDoctors: pacDoctorModel(connection) };
}
export type Models = ReturnType<typeof createModels>;

/** Loaders live one request: they batch and cache within it, never across viewers. */
export function createLoaders(models: Models) {
  return { ...createClinicLoaders(models.clinics) };
}
export type Loaders = ReturnType<typeof createLoaders>;

export type Context = SubgraphContext<Models, Loaders>;
