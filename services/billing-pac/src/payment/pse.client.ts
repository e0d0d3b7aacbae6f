import type { BillingSettings } from "../settings.js";
import { SIGNATURE_HEADER, signBody, verifySignature } from "./pse.signature.js";

/** The bank's view of a transaction. */
export interface BankTransaction {
  transactionId: string;
  reference: string;
  status: "PENDIENTE" | "APROBADO" | "RECHAZADO";
  amount: number;
  cus: string | null;
  bankCode: string;
}

const TIMEOUT_MS = 8_000;

async function call<T>(settings: BillingSettings, method: "GET" | "POST", path: string, payload?: object): Promise<T> {
  const body = payload ? JSON.stringify(payload) : "";
  const response = await fetch(`${settings.pseUrl}${path}`, {
    method,
    headers: { "content-type": "application/json", [SIGNATURE_HEADER]: signBody(body, settings.pseSecret) },
    ...(payload && { body }),
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`PSE ${method} ${path} answered ${response.status}`);
  // The bank signs its answers too: an unsigned or altered answer is not believed.
  if (!verifySignature(text, response.headers.get(SIGNATURE_HEADER) ?? undefined, settings.pseSecret)) throw new Error(`PSE ${method} ${path}: bad signature`);
  return JSON.parse(text) as T;
}

/** Opens a transaction at the bank: where to send the member's browser. */
export function createTransaction(
  settings: BillingSettings,
  request: { reference: string; amount: number; bankCode: string; description: string; callbackUrl: string },
): Promise<{ transactionId: string; redirectUrl: string }> {
  return call(settings, "POST", "/api/transactions", { ...request, returnUrl: settings.pseReturnUrl });
}

/** Asks the bank how a transaction ended (reconciliation of a payment whose callback never came). */
export function getTransaction(settings: BillingSettings, transactionId: string): Promise<BankTransaction> {
  return call(settings, "GET", `/api/transactions/${encodeURIComponent(transactionId)}`);
}

/** The banks the member may choose (PSE's list). */
export function listBanks(settings: BillingSettings): Promise<{ code: string; name: string }[]> {
  return call(settings, "GET", "/api/banks");
}
