import { MemberRelation, ageOn, observedBatch, todayInColombia, type AccessRequest, type MemberAccessLoader } from "@sos/kit";
import DataLoader from "dataloader";
import { accessTo } from "../member/member.access.js";
import type { MemberDoc } from "../member/member.model.js";

/** Under 18: a minor, whose clinical detail the cotizante of the group also sees (as carer). */
const ADULT_AGE = 18;

/** Every relation the viewer has to this member, as the other subgraphs need them (docs/access.md). */
export function relationsTo(request: AccessRequest, member: MemberDoc | null): MemberRelation[] {
  if (!member) return [];
  switch (accessTo(request.viewer, member)) {
    case "SELF":
      return [MemberRelation.SELF];
    case "COTIZANTE":
      return ageOn(member.birthDate, todayInColombia()) < ADULT_AGE ? [MemberRelation.COTIZANTE, MemberRelation.CARER] : [MemberRelation.COTIZANTE];
    case "EMPLOYER":
      return [MemberRelation.EMPLOYER];
    case "IPS":
      return [MemberRelation.PRIMARY_IPS];
    case "AGENT":
      return [MemberRelation.AGENT];
    case "NONE":
      return [];
  }
}

/** Affiliation answers the access question from its own members, through the request's member loader. */
export function localMemberAccess(memberById: DataLoader<string, MemberDoc | null>, request: AccessRequest): MemberAccessLoader {
  return new DataLoader<string, readonly MemberRelation[]>(observedBatch("memberAccess", async (ids) => {
    const members = await memberById.loadMany(ids);
    return members.map((member) => relationsTo(request, member instanceof Error ? null : member));
  }));
}
