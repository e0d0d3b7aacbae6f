import { SignJWT, calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from "jose";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateKeyPairPem } from "../src/auth/keys.js";
import { createTokenSigner, createTokenVerifier } from "../src/auth/tokens.js";
import { AppError } from "../src/errors.js";

// Verification against an OpenID provider's key set, served by a real HTTP server: a rotation (a token
// naming a key the verifier has not seen) makes it fetch the set again; tokens without a key id need the
// static key; a key the provider never published is refused.
let server: Server;
let url: string;
let published: JWK[] = [];
let fetches = 0;
beforeAll(async () => {
  server = createServer((_req, res) => {
    fetches += 1;
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ keys: published }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function newKey() {
  const { privateKey, publicKey } = await generateKeyPair("ES256", { extractable: true });
  const jwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk);
  return { kid, privateKey, jwk: { ...jwk, kid, alg: "ES256", use: "sig" }, signer: await createTokenSigner(privateKey, kid) };
}

const viewer = { subject: "user-1", role: "MEMBER" as const, memberId: "5e05a0000000000000000001" };

describe("token trust through a key set", () => {
  it("knows a key published ahead of its first token without another fetch", async () => {
    const current = await newKey();
    const next = await newKey();
    published = [current.jwk, next.jwk];
    const verifier = await createTokenVerifier({ jwksUrl: url }, { cacheSize: 0 });
    expect(await verifier.viewerFromHeader(`Bearer ${await current.signer.sign(viewer)}`)).toEqual(viewer);
    const after = fetches;
    expect(await verifier.viewerFromHeader(`Bearer ${await next.signer.sign(viewer)}`)).toEqual(viewer);
    expect(fetches).toBe(after);
  });

  it("verifies tokens of the published key, fetches the set again on an unknown key id, and refuses unpublished keys", async () => {
    const first = await newKey();
    published = [first.jwk];
    const verifier = await createTokenVerifier({ jwksUrl: url }, { cacheSize: 0, jwksCooldownMs: 0 });
    expect(await verifier.viewerFromHeader(`Bearer ${await first.signer.sign(viewer)}`)).toEqual(viewer);
    const afterFirst = fetches;

    // The provider rotates: the new key is published and signs; the verifier learns it on first sight.
    const second = await newKey();
    published = [second.jwk, first.jwk];
    expect(await verifier.viewerFromHeader(`Bearer ${await second.signer.sign(viewer)}`)).toEqual(viewer);
    expect(fetches).toBe(afterFirst + 1);
    // The old key still verifies without another fetch.
    expect(await verifier.viewerFromHeader(`Bearer ${await first.signer.sign(viewer)}`)).toEqual(viewer);
    expect(fetches).toBe(afterFirst + 1);

    const rogue = await newKey();
    await expect(verifier.viewerFromHeader(`Bearer ${await rogue.signer.sign(viewer)}`)).rejects.toBeInstanceOf(AppError);
  });

  it("checks a token without a key id against the static key only, and needs one of the two sources", async () => {
    const dev = await generateKeyPairPem();
    const both = await createTokenVerifier({ jwksUrl: url, publicKeyPem: dev.publicKeyPem }, { cacheSize: 0 });
    const devToken = await (await createTokenSigner(dev.privateKeyPem)).sign(viewer);
    expect(await both.viewerFromHeader(`Bearer ${devToken}`)).toEqual(viewer);
    // The static key's token naming a published key id is checked against the key set, and fails.
    published = [(await newKey()).jwk];
    const disguised = await (await createTokenSigner(dev.privateKeyPem, published[0]!.kid)).sign(viewer);
    await expect(both.viewerFromHeader(`Bearer ${disguised}`)).rejects.toBeInstanceOf(AppError);
    const jwksOnly = await createTokenVerifier({ jwksUrl: url }, { cacheSize: 0 });
    await expect(jwksOnly.viewerFromHeader(`Bearer ${devToken}`)).rejects.toBeInstanceOf(AppError);
    await expect(createTokenVerifier({})).rejects.toThrow(/JWT_JWKS_URL/);
  });

  it("keeps verifying with the last key set when the provider cannot be reached, and says UNAVAILABLE without one", async () => {
    const key = await newKey();
    published = [key.jwk];
    const verifier = await createTokenVerifier({ jwksUrl: url }, { cacheSize: 0, jwksCooldownMs: 0 });
    expect(await verifier.viewerFromHeader(`Bearer ${await key.signer.sign(viewer)}`)).toEqual(viewer);
    const down = await createTokenVerifier({ jwksUrl: "http://127.0.0.1:9/.well-known/jwks.json" }, { cacheSize: 0 });
    const refusal = await down.viewerFromHeader(`Bearer ${await key.signer.sign(viewer)}`).catch((error: AppError) => error);
    expect((refusal as AppError).code).toBe("UNAVAILABLE");
  });

  it("trusts another provider's issuer by configuration, and only that issuer", async () => {
    const key = await newKey();
    published = [key.jwk];
    const ours = await key.signer.sign(viewer);
    const other = await createTokenVerifier({ jwksUrl: url, issuer: "https://login.example", audience: "portal" }, { cacheSize: 0 });
    await expect(other.viewerFromHeader(`Bearer ${ours}`)).rejects.toBeInstanceOf(AppError);
    const theirs = await new SignJWT({ role: "AGENT" }).setProtectedHeader({ alg: "ES256", kid: key.kid }).setSubject("agente-7").setIssuer("https://login.example").setAudience("portal").setIssuedAt().setExpirationTime("10m").sign(key.privateKey);
    expect(await other.viewerFromHeader(`Bearer ${theirs}`)).toEqual({ subject: "agente-7", role: "AGENT" });
  });
});
