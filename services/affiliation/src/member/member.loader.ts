import { keyedLoader, observedBatch, type DocumentType } from "@sos/kit";
import DataLoader from "dataloader";
import { LEFT_GROUP_STATES } from "./member.access.js";
import type { MemberDoc, MemberModel } from "./member.model.js";

export interface DocumentKey {
  documentType: DocumentType;
  documentNumber: string;
}

const documentKey = (key: DocumentKey): string => `${key.documentType}:${key.documentNumber}`;

export function createMemberLoaders(members: MemberModel) {
  return {
    memberById: keyedLoader<string, MemberDoc>("memberById", 
      (ids) => members.find({ _id: { $in: [...ids] } }).lean<MemberDoc[]>().exec(),
      (member) => member._id,
    ),
    memberByDocument: keyedLoader<DocumentKey, MemberDoc>("memberByDocument", 
      // One `$in` per document type (a batch rarely has more than one): served by the
      // (documentType, documentNumber) index everywhere, where an `$or` of pairs is not (SecantusDB scans).
      async (keys) => {
        const byType = new Map<DocumentType, string[]>();
        for (const { documentType, documentNumber } of keys) byType.set(documentType, [...(byType.get(documentType) ?? []), documentNumber]);
        const found = await Promise.all(
          [...byType].map(([documentType, numbers]) => members.find({ documentType, documentNumber: { $in: numbers } }).lean<MemberDoc[]>().exec()),
        );
        return found.flat();
      },
      (member) => member,
      documentKey,
    ),
    /**
     * A cotizante's current beneficiaries: retired or deceased ones have left the group. A family group is
     * small and bounded: one query for many groups.
     */
    beneficiariesOf: new DataLoader<string, MemberDoc[]>(observedBatch("beneficiariesOf", async (cotizanteIds) => {
      const found = await members
        .find({ cotizanteId: { $in: [...cotizanteIds] }, state: { $nin: [...LEFT_GROUP_STATES] } })
        .sort({ cotizanteId: 1, _id: 1 })
        .lean<MemberDoc[]>()
        .exec();
      const byCotizante = new Map<string, MemberDoc[]>();
      for (const member of found) {
        const group = byCotizante.get(member.cotizanteId as string) ?? [];
        group.push(member);
        byCotizante.set(member.cotizanteId as string, group);
      }
      return cotizanteIds.map((id) => byCotizante.get(id) ?? []);
    })),
  };
}

type MemberLoaders = ReturnType<typeof createMemberLoaders>;

/**
 * After a write, the request's loaders must say what the database says: a later field of the same
 * request (mutations run one after the other) would otherwise decide on the member as it was — e.g. a
 * primary IPS accepted for the municipality the member just left. Primes the member as written and
 * forgets what depends on it: its family group and the viewer's relations to it.
 */
export function memberWritten(
  loaders: MemberLoaders,
  member: MemberDoc,
  memberAccess?: { clear(memberId: string): unknown },
): void {
  loaders.memberById.clear(member._id).prime(member._id, member);
  loaders.memberByDocument.clear({ documentType: member.documentType, documentNumber: member.documentNumber }).prime(
    { documentType: member.documentType, documentNumber: member.documentNumber },
    member,
  );
  if (member.cotizanteId) loaders.beneficiariesOf.clear(member.cotizanteId);
  loaders.beneficiariesOf.clear(member._id);
  memberAccess?.clear(member._id);
}

/** A family group changed (a beneficiary added or retired): its cotizante's version and members moved. */
export function familyWritten(loaders: MemberLoaders, cotizanteId: string, memberAccess?: { clear(memberId: string): unknown }, ...memberIds: string[]): void {
  loaders.memberById.clear(cotizanteId);
  loaders.beneficiariesOf.clear(cotizanteId);
  // Lookups by document are few in a request: forget them all rather than track which changed.
  loaders.memberByDocument.clearAll();
  for (const id of memberIds) {
    loaders.memberById.clear(id);
    memberAccess?.clear(id);
  }
}
