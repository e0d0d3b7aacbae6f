import { BodyTooLarge, readBody, sendJson, type RouteHandler, type SubgraphRuntime } from "@sos/kit";
import type { Models } from "../context.js";
import type { BillingSettings } from "../settings.js";
import { applyBankResult } from "./payment.apply.js";
import { SIGNATURE_HEADER, verifySignature } from "./pse.signature.js";

/** A bank's callback is small; anything larger is not one. */
const MAX_CALLBACK_BYTES = 8 * 1024;

interface CallbackBody {
  reference?: unknown;
  status?: unknown;
  cus?: unknown;
  amount?: unknown;
  bankCode?: unknown;
}

/**
 * POST /pse/callback: the bank says how a payment ended. It does not come through the gateway, so it
 * proves itself with an HMAC signature over the raw body; a bad one is logged and changes nothing. A
 * valid result is applied once (payment.apply.ts) and always answered 200, so the bank stops retrying.
 */
export function pseCallbackRoute(runtime: SubgraphRuntime<Models, BillingSettings>): RouteHandler {
  const { connection, models, logger, settings } = runtime;
  return async (req, res) => {
    let raw: string;
    try {
      raw = await readBody(req, MAX_CALLBACK_BYTES);
    } catch (error) {
      if (error instanceof BodyTooLarge) throw error;
      sendJson(res, 400, { error: "unreadable body" });
      return;
    }
    if (!verifySignature(raw, req.headers[SIGNATURE_HEADER], settings.pseSecret)) {
      logger.warn({ requestId: req.headers["x-request-id"], bytes: raw.length }, "PSE callback with a bad signature: ignored");
      sendJson(res, 401, { error: "bad signature" });
      return;
    }
    let body: CallbackBody;
    try {
      body = JSON.parse(raw) as CallbackBody;
    } catch {
      sendJson(res, 400, { error: "not JSON" });
      return;
    }
    if (typeof body !== "object" || body === null || Array.isArray(body)) {
      sendJson(res, 400, { error: "not a result" });
      return;
    }
    const { reference, status, cus, amount, bankCode } = body;
    if (typeof reference !== "string" || (status !== "APROBADO" && status !== "RECHAZADO") || !Number.isSafeInteger(amount) || typeof bankCode !== "string" || (cus !== null && typeof cus !== "string")) {
      logger.warn({ reference }, "PSE callback signed but malformed: ignored");
      sendJson(res, 400, { error: "malformed result" });
      return;
    }
    const outcome = await applyBankResult(connection, models, { reference, status, cus: cus ?? null, amount: amount as number, bankCode }, "CALLBACK", logger);
    logger.info({ reference, status, outcome }, "PSE callback");
    sendJson(res, 200, { received: true, outcome });
  };
}
