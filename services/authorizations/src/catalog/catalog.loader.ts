import { keyedLoader } from "@sos/kit";
import type { Model } from "mongoose";
import type { Cie10Doc, CupsDoc } from "./catalog.model.js";

export function createCatalogLoaders(cups: Model<CupsDoc>, cie10: Model<Cie10Doc>) {
  return {
    cupsByCode: keyedLoader<string, CupsDoc>("cupsByCode", (codes) => cups.find({ _id: { $in: [...codes] } }).lean<CupsDoc[]>().exec(), (entry) => entry._id),
    cie10ByCode: keyedLoader<string, Cie10Doc>("cie10ByCode", (codes) => cie10.find({ _id: { $in: [...codes] } }).lean<Cie10Doc[]>().exec(), (entry) => entry._id),
  };
}
