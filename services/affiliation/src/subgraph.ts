import { defineSubgraph, todayInColombia } from "@sos/kit";
import { localMemberAccess } from "./access/member-access.js";
import { MemberAccessResolver } from "./access/member-access.resolver.js";
import { MemberProfileResolver } from "./access/member-profile.resolver.js";
import { ApplicationResolver } from "./application/application.resolver.js";
import { ApplicationReviewResolver } from "./application/application.review.resolver.js";
import { createLoaders, createModels, type Context } from "./context.js";
import { EmployerResolver } from "./employer/employer.resolver.js";
import type { EmployerDoc } from "./employer/employer.model.js";
import { FamilyResolver } from "./family/family.resolver.js";
import { Ips } from "./ips/ips.type.js";
import { foundMember } from "./member/member.access.js";
import type { DocumentKey } from "./member/member.loader.js";
import type { MemberDoc } from "./member/member.model.js";
import { ClinicResolver } from "./member/member.clinic.resolver.js";
import { AffiliationCertificateResolver } from "./member/member.certificate.resolver.js";
import { ContactDataResolver } from "./member/member.contact.resolver.js";
import { ContactDocumentUploadResolver } from "./member/member.document.resolver.js";
import { PrimaryCareResolver } from "./member/member.primary-care.resolver.js";
import { MemberResolver } from "./member/member.resolver.js";
import { MemberHistoryResolver, affiliationSummaryOf, type AffiliationSummary } from "./member/member.history.js";
import { NoveltyResolver } from "./novelty/novelty.resolver.js";
import { endLaborProtections } from "./novelty/protection.job.js";
import { SisbenResolver } from "./sisben/sisben.resolver.js";
import { StatisticsResolver } from "./statistics/statistics.resolver.js";

type MemberReference = { id: string } | DocumentKey;

/** Members, family groups, employers, primary clinics and applications: who is whose, for the whole graph. */
export const affiliation = defineSubgraph({
  name: "affiliation",
  resolvers: [
    MemberResolver,
    MemberHistoryResolver,
    ClinicResolver,
    PrimaryCareResolver,
    ContactDataResolver,
    ContactDocumentUploadResolver,
    AffiliationCertificateResolver,
    FamilyResolver,
    EmployerResolver,
    ApplicationResolver,
    ApplicationReviewResolver,
    StatisticsResolver,
    MemberAccessResolver,
    MemberProfileResolver,
    SisbenResolver,
    NoveltyResolver,
  ],
  orphanedTypes: [Ips],
  referenceResolvers: {
    Member: {
      // Entity fetches from the gateway pass the same gate as a query, batched per request.
      async __resolveReference(reference: MemberReference, ctx: Context): Promise<MemberDoc | null> {
        const member = "id" in reference ? await ctx.loaders.memberById.load(reference.id) : await ctx.loaders.memberByDocument.load(reference);
        return foundMember(ctx, member);
      },
    },
    AffiliationSummary: {
      // The summary is the member's: the same gate as the member itself.
      async __resolveReference(reference: { memberId: string }, ctx: Context): Promise<AffiliationSummary | null> {
        const member = foundMember(ctx, await ctx.loaders.memberById.load(reference.memberId));
        return member && affiliationSummaryOf(member);
      },
    },
    Employer: {
      __resolveReference(reference: { nit: string }, ctx: Context): Promise<EmployerDoc | null> {
        return ctx.loaders.employerByNit.load(reference.nit);
      },
    },
  },
  models: createModels,
  loaders: (models) => createLoaders(models),
  // A protección laboral ends on its last day; run hourly so it ends within the hour after midnight.
  jobs: (runtime) => [{ name: "labor-protection-end", everyMs: 60 * 60_000, run: async () => void (await endLaborProtections(runtime.connection, runtime.models, todayInColombia())) }],
  // Affiliation knows who is whose: it answers the access question from its own members.
  memberAccess: (_models, loaders, request) => localMemberAccess(loaders.memberById, request),
  // The synthetic-data generator is loaded only when seeding: a production process never loads it.
  seed: async (connection, options) => (await import("./seed/seed.js")).seedAffiliation(connection, options),
});
