import { describe, expect, it } from "vitest";
import { passwordProblem } from "../src/accounts/passwords.js";
import { ROTATION_GRACE_MS, hashSecret, secretMatches, type IpsClientDoc } from "../src/clients/ips-client.model.js";

describe("new passwords", () => {
  it("accepts a long passphrase and refuses short, repetitive or personal ones", () => {
    expect(passwordProblem("mi casa en el barrio San Fernando")).toBeNull();
    expect(passwordProblem("corta")).toMatch(/entre 10 y 128/);
    expect(passwordProblem("a".repeat(129))).toMatch(/entre 10 y 128/);
    expect(passwordProblem("abababababab")).toMatch(/repite/);
    expect(passwordProblem("clave1144555666", ["1144555666"])).toMatch(/documento/);
    expect(passwordProblem("Jorge.Mosquera-2026", ["jorge.mosquera"])).toMatch(/correo/);
  });
});

describe("a clinic client's secret", () => {
  const now = new Date("2026-12-01T12:00:00Z");
  const client = (over: Partial<IpsClientDoc> = {}): IpsClientDoc => ({
    _id: "ips-760010000101-abc",
    ipsCode: "760010000101",
    name: "HIS",
    secretHash: hashSecret("current-secret"),
    previousSecretHash: hashSecret("previous-secret"),
    previousValidUntil: new Date(now.getTime() + ROTATION_GRACE_MS / 2),
    createdAt: now,
    createdBy: "admin",
    rotatedAt: now,
    revokedAt: null,
    ...over,
  });

  it("opens with the current secret, and with the previous one only during the grace period", () => {
    expect(secretMatches(client(), "current-secret", now)).toBe(true);
    expect(secretMatches(client(), "previous-secret", now)).toBe(true);
    expect(secretMatches(client(), "previous-secret", new Date(now.getTime() + ROTATION_GRACE_MS))).toBe(false);
    expect(secretMatches(client(), "another-secret", now)).toBe(false);
  });

  it("never opens once revoked", () => {
    expect(secretMatches(client({ revokedAt: now }), "current-secret", now)).toBe(false);
  });
});
