import { AppError, ErrorCode } from "@sos/kit";

/**
 * The billing subgraph's own configuration: the bank (PSE) it takes payments through and the invoice
 * numbering. Read once at start; a value that is missing in production or malformed stops the process.
 */
export interface BillingSettings {
  /** The PSE provider's base URL (the sandbox in development and tests). */
  pseUrl: string;
  /** Shared secret of the HMAC-SHA256 signatures on the bank's callbacks and on our calls to it. */
  pseSecret: string;
  /** Where the bank sends our callbacks: this service's public /pse/callback (null: this process's own address, development only). */
  pseCallbackUrl: string | null;
  /** Where the bank sends the member's browser back after paying (the portal). */
  pseReturnUrl: string;
  /** A payment with no callback after this long is asked of the bank (reconciliation). */
  reconcileAfterMs: number;
  /** The prefix of PAC invoice numbers authorised by the DIAN (factura electrónica de venta). */
  invoicePrefix: string;
  /** The DIAN's technical key of the numbering range, one input of each invoice's CUFE. */
  dianTechnicalKey: string;
}

/** The secret the development stack's PSE sandbox and this service share when none is configured. */
export const DEV_PSE_SECRET = "dev-pse-secret-not-for-production";

export function readBillingSettings(env: NodeJS.ProcessEnv): BillingSettings {
  const production = env["NODE_ENV"] === "production";
  const need = (name: string, fallback: string): string => {
    const value = env[name]?.trim();
    if (value) return value;
    if (production) throw new Error(`${name} is required in production (billing-pac).`);
    return fallback;
  };
  const settings: BillingSettings = {
    pseUrl: need("PSE_URL", "http://127.0.0.1:4090").replace(/\/$/, ""),
    pseSecret: need("PSE_SECRET", DEV_PSE_SECRET),
    pseCallbackUrl: production ? need("PSE_CALLBACK_URL", "") : env["PSE_CALLBACK_URL"]?.trim() || null,
    pseReturnUrl: need("PSE_RETURN_URL", "http://127.0.0.1:4000/pagos/resultado"),
    reconcileAfterMs: Number(env["PSE_RECONCILE_AFTER_MS"]?.trim() || 15 * 60_000),
    invoicePrefix: env["PAC_INVOICE_PREFIX"]?.trim() || "FEPA",
    dianTechnicalKey: need("DIAN_TECHNICAL_KEY", "dev-technical-key"),
  };
  if (settings.pseSecret.length < 16) throw new Error("PSE_SECRET must have at least 16 characters.");
  if (production && env["PSE_SANDBOX"] !== "true" && (settings.pseSecret === DEV_PSE_SECRET || settings.dianTechnicalKey === "dev-technical-key")) {
    throw new Error("PSE_SECRET and DIAN_TECHNICAL_KEY must not be the published development values in production (PSE_SANDBOX=true: a trial stack with the sandbox bank).");
  }
  if (production && settings.reconcileAfterMs < 60_000) throw new Error("PSE_RECONCILE_AFTER_MS must be at least 60000 in production: the bank needs time to call back.");
  if (!Number.isInteger(settings.reconcileAfterMs) || settings.reconcileAfterMs < 0) throw new Error("PSE_RECONCILE_AFTER_MS must be a whole number of milliseconds (0: any pending payment, for tests).");
  if (!/^[A-Z]{1,4}$/.test(settings.invoicePrefix)) throw new Error("PAC_INVOICE_PREFIX must be 1 to 4 capital letters.");
  return settings;
}

export const bankUnavailable = (): AppError =>
  new AppError(ErrorCode.UNAVAILABLE, "El banco (PSE) no respondió. No se hizo ningún cargo; intente de nuevo en unos minutos.");
