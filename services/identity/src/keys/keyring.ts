import { TOKEN_ALGORITHM, createTokenSigner, type TokenSigner } from "@sos/kit";
import { calculateJwkThumbprint, exportJWK, exportPKCS8, generateKeyPair, type JWK } from "jose";
import type { SigningKeyDoc, SigningKeyModel } from "./signing-key.model.js";

const DAY_MS = 24 * 3600_000;
/** How long a retired key stays in the key set: longer than any token it signed can live (12 h). */
const PUBLISHED_AFTER_RETIREMENT_MS = DAY_MS;
/** How long a process trusts its idea of the current key before reading it again. */
const CURRENT_KEY_TTL_MS = 60_000;
/** The next key is published this long before it starts signing (verifiers refresh their copy every 10 minutes). */
export const PUBLISH_AHEAD_MS = 60 * 60_000;

export interface CurrentKey {
  kid: string;
  signer: TokenSigner;
}

/**
 * The signing keys, kept in the database so every replica signs with the same current key and
 * publishes the same set. A key signs for `signingKeyDays`; in its last hour the next one is created and
 * published, and takes over when it ends; the retired one stays published a day longer. Two replicas
 * rotating at once create two keys, both published, the one that started signing last used: harmless.
 */
export class Keyring {
  private current: { key: CurrentKey; signsUntil: number; readAt: number } | null = null;

  constructor(
    private readonly keys: SigningKeyModel,
    private readonly signingKeyDays: number,
  ) {}

  /** The key tokens are signed with now, created (rotated) when none may sign. */
  async currentKey(now = new Date()): Promise<CurrentKey> {
    const cached = this.current;
    if (cached && cached.signsUntil > now.getTime() && now.getTime() - cached.readAt < CURRENT_KEY_TTL_MS) return cached.key;
    const published = await this.published(now);
    const signing =
      published.filter((key) => key.signsFrom <= now && key.signsUntil > now).sort((a, b) => b.signsFrom.getTime() - a.signsFrom.getTime())[0] ?? (await this.create(now, now));
    if (signing.signsUntil.getTime() - now.getTime() < PUBLISH_AHEAD_MS && !published.some((key) => key.signsFrom >= signing.signsUntil)) {
      await this.create(now, signing.signsUntil);
    }
    const key = { kid: signing._id, signer: await createTokenSigner(signing.privateKeyPem, signing._id) };
    this.current = { key, signsUntil: signing.signsUntil.getTime(), readAt: now.getTime() };
    return key;
  }

  /** The public keys still published: the JWKS. The private halves are not even read. */
  async jwks(now = new Date()): Promise<{ keys: JWK[] }> {
    const published = await this.keys.find({ publishedUntil: { $gt: now } }).select({ privateKeyPem: 0 }).sort({ createdAt: -1 }).lean<Omit<SigningKeyDoc, "privateKeyPem">[]>().exec();
    return { keys: published.map((key) => ({ ...key.publicJwk, kid: key._id, alg: TOKEN_ALGORITHM, use: "sig" })) };
  }

  private published(now: Date): Promise<SigningKeyDoc[]> {
    return this.keys.find({ publishedUntil: { $gt: now } }).sort({ createdAt: -1 }).lean<SigningKeyDoc[]>().exec();
  }

  /** A new key, published now, signing from `signsFrom` for `signingKeyDays`. */
  private async create(now: Date, signsFrom: Date): Promise<SigningKeyDoc> {
    const { privateKey, publicKey } = await generateKeyPair(TOKEN_ALGORITHM, { extractable: true });
    const publicJwk = await exportJWK(publicKey);
    const signsUntil = new Date(signsFrom.getTime() + this.signingKeyDays * DAY_MS);
    const doc: SigningKeyDoc = {
      _id: await calculateJwkThumbprint(publicJwk),
      privateKeyPem: await exportPKCS8(privateKey),
      publicJwk,
      createdAt: now,
      signsFrom,
      signsUntil,
      publishedUntil: new Date(signsUntil.getTime() + PUBLISHED_AFTER_RETIREMENT_MS),
    };
    await this.keys.create([doc]);
    return doc;
  }
}
const keyrings = new WeakMap<SigningKeyModel, Keyring>();

/** The process's keyring over a database (one per connection: tests run several). */
export function keyringOf(keys: SigningKeyModel, signingKeyDays: number): Keyring {
  let keyring = keyrings.get(keys);
  if (!keyring) {
    keyring = new Keyring(keys, signingKeyDays);
    keyrings.set(keys, keyring);
  }
  return keyring;
}
