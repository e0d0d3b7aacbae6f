import { connectDatabase, createLogger, ensureIndexes } from "@sos/kit";
import { explainFind, testDatabaseName, testMongoUri } from "@sos/kit/testing";
import type { Connection } from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CodePurpose, MAX_CODE_ATTEMPTS, issueCode, redeemCode } from "../src/accounts/code.model.js";
import { LOCK_AFTER_FAILURES, claimAttempt, clearFailures, lockedUntil, recordFailure, throttleKey } from "../src/accounts/throttle.model.js";
import { createModels, type Models } from "../src/context.js";

let connection: Connection;
let models: Models;
beforeAll(async () => {
  connection = await connectDatabase({ uri: testMongoUri(), dbName: testDatabaseName("codes"), logger: createLogger("test", "silent") });
  models = createModels(connection);
  await ensureIndexes(Object.values(models));
});
afterAll(async () => {
  await connection?.dropDatabase();
  await connection?.close();
});

describe("one-time codes", () => {
  it("work once, die after five wrong guesses, and expire", async () => {
    const now = new Date("2026-12-01T12:00:00Z");
    const code = await issueCode(models.codes, "account-1", CodePurpose.CONFIRMAR_CORREO, 15, now, { passwordHash: "bound-hash" });
    expect(await redeemCode(models.codes, "account-1", CodePurpose.RESTABLECER, code, now)).toBeNull();
    expect(await redeemCode(models.codes, "account-1", CodePurpose.CONFIRMAR_CORREO, code, now)).toEqual({ passwordHash: "bound-hash", profile: null });
    expect(await redeemCode(models.codes, "account-1", CodePurpose.CONFIRMAR_CORREO, code, now)).toBeNull();

    const guessed = await issueCode(models.codes, "account-2", CodePurpose.CONFIRMAR_CORREO, 15, now);
    const wrong = guessed === "000000" ? "111111" : "000000";
    for (let i = 0; i < MAX_CODE_ATTEMPTS; i++) expect(await redeemCode(models.codes, "account-2", CodePurpose.CONFIRMAR_CORREO, wrong, now)).toBeNull();
    expect(await redeemCode(models.codes, "account-2", CodePurpose.CONFIRMAR_CORREO, guessed, now)).toBeNull();

    const late = await issueCode(models.codes, "account-3", CodePurpose.RESTABLECER, 15, now);
    expect(await redeemCode(models.codes, "account-3", CodePurpose.RESTABLECER, late, new Date(now.getTime() + 16 * 60_000))).toBeNull();
  });

  it("counts every guess of a parallel burst: twenty at once leave the right code dead", async () => {
    const now = new Date("2026-12-01T12:00:00Z");
    const code = await issueCode(models.codes, "account-4", CodePurpose.RESTABLECER, 15, now);
    const wrongs = Array.from({ length: 20 }, (_, i) => String((Number(code) + i + 1) % 1_000_000).padStart(6, "0"));
    const results = await Promise.all(wrongs.map((wrong) => redeemCode(models.codes, "account-4", CodePurpose.RESTABLECER, wrong, now)));
    expect(results.every((result) => result === null)).toBe(true);
    expect(await redeemCode(models.codes, "account-4", CodePurpose.RESTABLECER, code, now)).toBeNull();
  });
});

describe("sign-in throttle", () => {
  it("locks a name at the fifth failure for a minute, doubling after, and a success clears it", async () => {
    const now = new Date("2026-12-01T12:00:00Z");
    const key = throttleKey("login", "alguien@correo.example");
    for (let i = 1; i < LOCK_AFTER_FAILURES; i++) {
      expect(await claimAttempt(models.throttle, key, now)).toEqual({ ok: true });
      await recordFailure(models.throttle, key, now);
    }
    expect(await lockedUntil(models.throttle, key, now)).toBeNull();
    await claimAttempt(models.throttle, key, now);
    await recordFailure(models.throttle, key, now);
    expect((await lockedUntil(models.throttle, key, now))?.getTime()).toBe(now.getTime() + 60_000);
    expect(await claimAttempt(models.throttle, key, now)).toEqual({ ok: false, until: new Date(now.getTime() + 60_000) });
    const later = new Date(now.getTime() + 61_000);
    expect(await claimAttempt(models.throttle, key, later)).toEqual({ ok: true });
    await recordFailure(models.throttle, key, later);
    expect((await lockedUntil(models.throttle, key, later))?.getTime()).toBe(later.getTime() + 120_000);
    await clearFailures(models.throttle, key);
    expect(await lockedUntil(models.throttle, key, later)).toBeNull();
  });

  it("lets one attempt of a parallel burst through at a time", async () => {
    const now = new Date("2026-12-01T12:00:00Z");
    const key = throttleKey("login", "rafaga@correo.example");
    const claims = await Promise.all(Array.from({ length: 10 }, () => claimAttempt(models.throttle, key, now)));
    expect(claims.filter((claim) => claim.ok)).toHaveLength(1);
  });
});

describe("indexes on the hot paths", () => {
  it.each([
    ["an account by e-mail", "accounts", { email: "alguien@correo.example" }],
    ["a member's account", "accounts", { memberId: "5e05a0000000000000000001" }],
    ["a session's token family", "refresh_tokens", { familyId: "f1" }],
    ["an account's sessions", "refresh_tokens", { accountId: "a1" }],
    ["the published keys", "signing_keys", { publishedUntil: { $gt: new Date() } }],
  ])("%s uses an index", async (_label, collection, filter) => {
    const { plan } = await explainFind(connection, collection, filter);
    expect(plan).toContain("IXSCAN");
    expect(plan).not.toContain("COLLSCAN");
  });
});
