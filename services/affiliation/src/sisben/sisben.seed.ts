import { DocumentType } from "@sos/kit";
import type { MemberDoc } from "../member/member.model.js";
import { sisbenKey } from "./sisben.registry.js";

/** People in the synthetic registry who are not members: some who may join the subsidiado (A–C), some who may not (D). */
export const SISBEN_EXAMPLES = {
  eligible: { documentType: DocumentType.CC, documentNumber: "1144000001", group: "A3", municipalityCode: "76001" },
  notEligible: { documentType: DocumentType.CC, documentNumber: "1144000002", group: "D10", municipalityCode: "76001" },
  vulnerable: { documentType: DocumentType.CC, documentNumber: "1144000003", group: "C5", municipalityCode: "76520" },
  notPoor: { documentType: DocumentType.CC, documentNumber: "1144000004", group: "D3", municipalityCode: "76001" },
} as const;

/** The synthetic SISBEN IV registry: every subsidiado member as surveyed, and the examples. */
export function sisbenRecords(members: readonly MemberDoc[], updatedOn: string) {
  const surveyed = members
    .filter((member) => member.sisbenGroup)
    .map((member) => ({ documentType: member.documentType, documentNumber: member.documentNumber, group: member.sisbenGroup as string, municipalityCode: member.municipalityCode }));
  return [...surveyed, ...Object.values(SISBEN_EXAMPLES)].map((record) => ({ _id: sisbenKey(record.documentType, record.documentNumber), ...record, updatedOn, seeded: true }));
}
