import { SignJWT, importPKCS8 } from "jose";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { generateKeyPairPem } from "../src/auth/keys.js";
import { TOKEN_AUDIENCE, TOKEN_ISSUER, createTokenSigner, createTokenVerifier, type TokenVerifier } from "../src/auth/tokens.js";
import { AppError } from "../src/errors.js";

let verifier: TokenVerifier;
let privateKeyPem: string;
beforeAll(async () => {
  const pair = await generateKeyPairPem();
  privateKeyPem = pair.privateKeyPem;
  verifier = await createTokenVerifier(pair.publicKeyPem);
});

/** A token built claim by claim, to try what the identity service would never issue. */
async function craft(claims: Record<string, unknown>, { exp, iat }: { exp?: string | number; iat?: boolean | number } = { exp: "1h", iat: true }): Promise<string> {
  const jwt = new SignJWT(claims).setProtectedHeader({ alg: "ES256" }).setIssuer(TOKEN_ISSUER).setAudience(TOKEN_AUDIENCE).setSubject("user-1");
  if (typeof iat === "number") jwt.setIssuedAt(iat);
  else if (iat !== false) jwt.setIssuedAt();
  if (exp !== undefined) jwt.setExpirationTime(exp);
  return jwt.sign(await importPKCS8(privateKeyPem, "ES256"));
}

async function rejection(token: string): Promise<string> {
  try {
    await verifier.viewerFromHeader(`Bearer ${token}`);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("UNAUTHENTICATED");
    return (error as AppError).message;
  }
  throw new Error("the token was accepted");
}

describe("token verification", () => {
  it("builds the viewer from a token the identity service issues", async () => {
    const signer = await createTokenSigner(privateKeyPem);
    const token = await signer.sign({ subject: "user-ips", role: "IPS", ipsCode: "760010000101" });
    expect(await verifier.viewerFromHeader(`Bearer ${token}`)).toEqual({ subject: "user-ips", role: "IPS", ipsCode: "760010000101" });
    expect(await verifier.viewerFromHeader(undefined)).toBeNull();
  });

  it("refuses a token that never expires, or lives longer than 12 hours", async () => {
    await rejection(await craft({ role: "AGENT" }, { exp: undefined, iat: true }));
    await rejection(await craft({ role: "AGENT" }, { exp: "1h", iat: false }));
    expect(await rejection(await craft({ role: "AGENT" }, { exp: "100y", iat: true }))).toMatch(/12 horas/);
  });

  it("refuses a token issued in the future, which would dodge the 12-hour rule", async () => {
    const inThreeDays = Math.floor(Date.now() / 1000) + 3 * 24 * 3600;
    expect(await rejection(await craft({ role: "AGENT" }, { iat: inThreeDays, exp: inThreeDays + 3600 }))).toMatch(/futura/);
    // A clock a few seconds ahead is tolerated.
    const aheadBySeconds = Math.floor(Date.now() / 1000) + 10;
    const viewer = await verifier.viewerFromHeader(`Bearer ${await craft({ role: "AGENT" }, { iat: aheadBySeconds, exp: aheadBySeconds + 3600 })}`);
    expect(viewer?.role).toBe("AGENT");
  });

  it("refuses a role without its scope, or with another role's", async () => {
    await rejection(await craft({ role: "MEMBER" }));
    await rejection(await craft({ role: "EMPLOYER" }));
    expect(await rejection(await craft({ role: "MEMBER", memberId: "5e05a0000000000000000001", ipsCode: "760010000101" }))).toMatch(/ipsCode/);
    await rejection(await craft({ role: "AGENT", employerNit: "900123456" }));
  });

  it("refuses malformed scope values and unknown roles", async () => {
    await rejection(await craft({ role: "EMPLOYER", employerNit: "900123456-8" }));
    await rejection(await craft({ role: "IPS", ipsCode: "7600" }));
    await rejection(await craft({ role: "MEMBER", memberId: { $ne: null } }));
    await rejection(await craft({ role: "ROOT" }));
  });

  it("refuses a token signed with another key", async () => {
    const other = await createTokenSigner((await generateKeyPairPem()).privateKeyPem);
    await rejection(await other.sign({ subject: "x", role: "AGENT" }));
  });
});

describe("verified tokens", () => {
  it("are remembered until they expire, and an expired one is refused even after it was accepted", async () => {
    const signer = await createTokenSigner(privateKeyPem);
    const token = await signer.sign({ subject: "user-cache", role: "AGENT" }, "2s");
    const first = await verifier.viewerFromHeader(`Bearer ${token}`);
    const again = await verifier.viewerFromHeader(`Bearer ${token}`);
    expect(again).toEqual(first);
    // A caller that changes the returned viewer does not change what the next request gets.
    again!.role = "ANALYST";
    expect((await verifier.viewerFromHeader(`Bearer ${token}`))?.role).toBe("AGENT");
    // A minute later (past exp and the clock tolerance): the clock is moved, not waited for.
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 60_000 });
    try {
      await expect(verifier.viewerFromHeader(`Bearer ${token}`)).rejects.toThrow(/expiró/);
    } finally {
      vi.useRealTimers();
    }
  });
});
