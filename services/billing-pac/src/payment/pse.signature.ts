import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * The PSE provider and this service sign what they send each other: HMAC-SHA256 of the raw body with a
 * shared secret, hex, in this header. Verified over the exact bytes received, before any parsing.
 */
export const SIGNATURE_HEADER = "x-pse-signature";

export const signBody = (body: string, secret: string): string => `sha256=${createHmac("sha256", secret).update(body, "utf8").digest("hex")}`;

export function verifySignature(body: string, given: string | string[] | undefined, secret: string): boolean {
  if (typeof given !== "string") return false;
  const expected = Buffer.from(signBody(body, secret));
  const received = Buffer.from(given);
  return expected.length === received.length && timingSafeEqual(expected, received);
}
