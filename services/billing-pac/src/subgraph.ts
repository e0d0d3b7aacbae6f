import { defineSubgraph, todayInColombia } from "@sos/kit";
import { ArrearsCertificateResolver } from "./certificates/arrears.resolver.js";
import { PacAffiliationCertificateResolver } from "./certificates/pac-affiliation.resolver.js";
import { PacStatementCertificateResolver } from "./certificates/pac-statement.resolver.js";
import { PacWithholdingCertificateResolver } from "./certificates/pac-withholding.resolver.js";
import { PbsPaymentHistoryResolver } from "./certificates/payment-history.resolver.js";
import { PazYSalvoResolver } from "./contribution/paz-y-salvo.resolver.js";
import { ContributionCalculatorResolver } from "./contribution/contribution.resolver.js";
import { createLoaders, createModels } from "./context.js";
import { EmployerContributionsResolver } from "./employer/employer.resolver.js";
import { Employer } from "./employer/employer.type.js";
import { MemberBillingResolver } from "./member/member.resolver.js";
import type { Member } from "./member/member.type.js";
import { generateInvoices, sweepArrears } from "./pac/invoice.run.js";
import { PacInvoiceResolver } from "./pac/pac.resolver.js";
import { AffiliationSummary, PacSummaryResolver } from "./pac/pac.summary.js";
import { PaymentResolver } from "./payment/payment.resolver.js";
import { pseCallbackRoute } from "./payment/pse.callback.js";
import { reconcilePayments } from "./payment/pse.reconcile.js";
import { readBillingSettings } from "./settings.js";

const MINUTE = 60_000;

/**
 * PBS contributions (PILA) and paz y salvo, the contribution calculator, PAC contracts and their monthly
 * invoices, PSE payments applied exactly once, and the certificates of all of it (src/certificates/).
 * Records about members: every read passes the kit's access decision; every write that moves money waits
 * for a journaled majority.
 */
export const billingPac = defineSubgraph({
  name: "billing-pac",
  resolvers: [
    MemberBillingResolver,
    EmployerContributionsResolver,
    ContributionCalculatorResolver,
    PacInvoiceResolver,
    PaymentResolver,
    PacSummaryResolver,
    PazYSalvoResolver,
    PacAffiliationCertificateResolver,
    PacStatementCertificateResolver,
    PbsPaymentHistoryResolver,
    ArrearsCertificateResolver,
    PacWithholdingCertificateResolver,
  ],
  // No field here returns an Employer or an AffiliationSummary: listed so the fields this subgraph adds to them are in its schema.
  orphanedTypes: [Employer, AffiliationSummary],
  referenceResolvers: {
    // Only the key: the fields this subgraph adds are resolved one by one, batched.
    Member: { __resolveReference: (reference: { id: string }): Member => ({ id: reference.id }) },
    Employer: { __resolveReference: (reference: { nit: string }): Employer => ({ nit: reference.nit }) },
    AffiliationSummary: { __resolveReference: (reference: { memberId: string }): AffiliationSummary => ({ memberId: reference.memberId }) },
  },
  models: createModels,
  loaders: (models) => createLoaders(models),
  settings: readBillingSettings,
  // The bank's callback does not come through the gateway: it signs what it sends.
  routes: (runtime) => ({ "POST /pse/callback": pseCallbackRoute(runtime) }),
  jobs: (runtime) => [
    { name: "pse-reconciliation", everyMs: MINUTE, run: async () => void (await reconcilePayments(runtime)) },
    {
      name: "pac-invoices",
      everyMs: 60 * MINUTE,
      async run() {
        const today = todayInColombia();
        await generateInvoices(runtime.connection, runtime.models, runtime.settings, today.slice(0, 7), today);
        await sweepArrears(runtime.models, today);
      },
    },
  ],
  // The synthetic-data generator is loaded only when seeding: a production process never loads it.
  seed: async (connection, options) => (await import("./seed/seed.js")).seedBilling(connection, options),
});
