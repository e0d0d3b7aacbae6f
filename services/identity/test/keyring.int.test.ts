import { connectDatabase, createLogger, ensureIndexes } from "@sos/kit";
import { testDatabaseName, testMongoUri } from "@sos/kit/testing";
import { decodeProtectedHeader } from "jose";
import type { Connection } from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createModels, type Models } from "../src/context.js";
import { Keyring, PUBLISH_AHEAD_MS } from "../src/keys/keyring.js";

let connection: Connection;
let models: Models;
beforeAll(async () => {
  connection = await connectDatabase({ uri: testMongoUri(), dbName: testDatabaseName("keyring"), logger: createLogger("test", "silent") });
  models = createModels(connection);
  await ensureIndexes(Object.values(models));
});
afterAll(async () => {
  await connection?.dropDatabase();
  await connection?.close();
});

const DAY = 24 * 3600_000;
const viewer = { subject: "user-1", role: "AGENT" as const };

describe("signing key rotation", () => {
  it("publishes the next key an hour before it signs, switches to it on time, and unpublishes the old one a day after", async () => {
    const start = new Date("2026-12-01T00:00:00Z");
    const first = await new Keyring(models.signingKeys, 30).currentKey(start);
    expect((await new Keyring(models.signingKeys, 30).jwks(start)).keys.map((key) => key.kid)).toEqual([first.kid]);

    // 30 minutes before the first key's last moment: still signing with it, and the next is published.
    const lastHour = new Date(start.getTime() + 30 * DAY - PUBLISH_AHEAD_MS / 2);
    const same = await new Keyring(models.signingKeys, 30).currentKey(lastHour);
    expect(same.kid).toBe(first.kid);
    const published = (await new Keyring(models.signingKeys, 30).jwks(lastHour)).keys.map((key) => key.kid);
    expect(published).toHaveLength(2);
    const next = published.find((kid) => kid !== first.kid)!;

    // Once the first key's time is over, tokens carry the next key's id.
    const after = new Date(start.getTime() + 30 * DAY + 1000);
    const current = await new Keyring(models.signingKeys, 30).currentKey(after);
    expect(current.kid).toBe(next);
    expect(decodeProtectedHeader(await current.signer.sign(viewer)).kid).toBe(next);
    expect((await new Keyring(models.signingKeys, 30).jwks(after)).keys.map((key) => key.kid).sort()).toEqual([first.kid, next].sort());

    // A day later the retired key is gone from the set; the private key is never in it.
    const later = new Date(start.getTime() + 31 * DAY + 1000);
    const set = await new Keyring(models.signingKeys, 30).jwks(later);
    expect(set.keys.map((key) => key.kid)).toEqual([next]);
    expect(set.keys[0]).not.toHaveProperty("d");
  });
});
