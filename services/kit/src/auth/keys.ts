import { exportPKCS8, exportSPKI, generateKeyPair } from "jose";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { TOKEN_ALGORITHM } from "./tokens.js";

export interface KeyPairPem {
  privateKeyPem: string;
  publicKeyPem: string;
}

export async function generateKeyPairPem(): Promise<KeyPairPem> {
  const { privateKey, publicKey } = await generateKeyPair(TOKEN_ALGORITHM, { extractable: true });
  return { privateKeyPem: await exportPKCS8(privateKey), publicKeyPem: await exportSPKI(publicKey) };
}

/**
 * The development signing key: created on first start in a git-ignored folder, reused after, so tokens
 * printed by `npm run token` stay valid across restarts. Production keys come from the identity service.
 */
export async function ensureDevKeys(dir: string): Promise<KeyPairPem & { privateKeyPath: string; publicKeyPath: string }> {
  const privateKeyPath = join(dir, "dev-signing-key.pem");
  const publicKeyPath = join(dir, "dev-signing-key.pub.pem");
  try {
    return {
      privateKeyPem: await readFile(privateKeyPath, "utf8"),
      publicKeyPem: await readFile(publicKeyPath, "utf8"),
      privateKeyPath,
      publicKeyPath,
    };
  } catch {
    await mkdir(dir, { recursive: true });
    const pair = await generateKeyPairPem();
    await writeFile(privateKeyPath, pair.privateKeyPem, { mode: 0o600 });
    await writeFile(publicKeyPath, pair.publicKeyPem, { mode: 0o644 });
    return { ...pair, privateKeyPath, publicKeyPath };
  }
}
