import { keyedLoader } from "@sos/kit";
import type { ClinicDoc, ClinicModel } from "./ips.model.js";

export function createClinicLoaders(clinics: ClinicModel) {
  return {
    /** Every Ips reference of a request, from any subgraph, in one `$in`. */
    clinicByCode: keyedLoader<string, ClinicDoc>("clinicByCode", 
      (codes) => clinics.find({ _id: { $in: [...codes] } }).lean<ClinicDoc[]>().exec(),
      (clinic) => clinic._id,
    ),
  };
}
