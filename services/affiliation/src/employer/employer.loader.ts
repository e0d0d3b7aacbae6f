import { keyedLoader } from "@sos/kit";
import type { EmployerDoc, EmployerModel } from "./employer.model.js";

export function createEmployerLoaders(employers: EmployerModel) {
  return {
    employerByNit: keyedLoader<string, EmployerDoc>("employerByNit", 
      (nits) => employers.find({ _id: { $in: [...nits] } }).lean<EmployerDoc[]>().exec(),
      (employer) => employer._id,
    ),
  };
}
