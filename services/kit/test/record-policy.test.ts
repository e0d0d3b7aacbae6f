import DataLoader from "dataloader";
import { describe, expect, it } from "vitest";
import { authorizeMemberRecord, type AccessContext } from "../src/access/policy.js";
import { MemberRelation, RecordAudience } from "../src/access/relations.js";
import { AuditTrail } from "../src/audit.js";
import type { Viewer } from "../src/auth/viewer.js";
import { createLogger } from "../src/logger.js";

/** A request context whose access loader answers `relations` and counts how often it was asked. */
function contextFor(viewer: Viewer, relations: MemberRelation[] = [], purpose: string | null = null) {
  let asked = 0;
  const ctx: AccessContext = {
    viewer,
    requestId: "r",
    purpose,
    authorization: null,
    logger: createLogger("test", "silent"),
    audit: new AuditTrail(viewer, "r", purpose),
    memberAccess: new DataLoader(async (ids) => {
      asked += ids.length;
      return ids.map(() => relations);
    }),
  };
  return { ctx, asked: () => asked };
}

const clinic: Viewer = { subject: "ips", role: "IPS", ipsCode: "760010000101" };
const policy = { allowed: RecordAudience.CLINICAL_WITH_CONCERNED_IPS, action: "AUTHORIZATION_READ", sensitive: true };

describe("a record that names clinics (CONCERNED_IPS)", () => {
  it("lets a clinic the record names read it without asking affiliation, and records the read", async () => {
    const { ctx, asked } = contextFor(clinic);
    await expect(authorizeMemberRecord(ctx, "m1", { ...policy, concernedIps: ["760010000101", null] })).resolves.toBe(MemberRelation.CONCERNED_IPS);
    expect(asked()).toBe(0);
    expect(ctx.audit.size).toBe(1);
  });

  it("refuses a clinic the record does not name, even the patient's primary clinic, when the audience leaves it out", async () => {
    const { ctx, asked } = contextFor(clinic, [MemberRelation.PRIMARY_IPS]);
    await expect(authorizeMemberRecord(ctx, "m1", { ...policy, concernedIps: ["760010000201"] })).rejects.toMatchObject({ extensions: { code: "FORBIDDEN" } });
    expect(asked()).toBe(1);
  });

  it("grants nothing by naming a clinic when the audience does not include CONCERNED_IPS", async () => {
    const { ctx } = contextFor(clinic);
    await expect(authorizeMemberRecord(ctx, "m1", { allowed: RecordAudience.CLINICAL, action: "X", concernedIps: ["760010000101"] })).rejects.toMatchObject({ extensions: { code: "FORBIDDEN" } });
  });

  it("still decides for everyone else by the relation to the member", async () => {
    const carer = contextFor({ subject: "u", role: "MEMBER", memberId: "c" }, [MemberRelation.COTIZANTE, MemberRelation.CARER]);
    await expect(authorizeMemberRecord(carer.ctx, "m1", { ...policy, concernedIps: ["760010000101"] })).resolves.toBe(MemberRelation.CARER);
    const spouse = contextFor({ subject: "u", role: "MEMBER", memberId: "c" }, [MemberRelation.COTIZANTE]);
    await expect(authorizeMemberRecord(spouse.ctx, "m2", policy)).rejects.toMatchObject({ extensions: { code: "FORBIDDEN" } });
  });
});
