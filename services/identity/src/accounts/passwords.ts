import { hash, verify } from "@node-rs/argon2";

/**
 * Argon2id, OWASP's recommended minimum (19 MiB, 2 passes, 1 lane): memory-hard, so a stolen table of
 * hashes is slow to attack on GPUs. @node-rs/argon2 ships prebuilt binaries for every platform we run on.
 */
// algorithm 2 = Argon2id (the package's const enum cannot be imported under verbatimModuleSyntax).
const OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string): Promise<string> => hash(password, OPTIONS);

/** A hash of nothing in particular: verified against when there is no account, so both cost the same time. */
const DECOY = hash("decoy-password-for-timing", OPTIONS);

/** True when `password` matches `passwordHash`; with no hash, spends the same time and answers false. */
export async function checkPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (!passwordHash) {
    await verify(await DECOY, password).catch(() => false);
    return false;
  }
  return verify(passwordHash, password).catch(() => false);
}

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 128;

/** What is wrong with a new password, in Spanish, or null. Long passphrases beat symbol rules (NIST 800-63B). */
export function passwordProblem(password: string, personal: readonly string[] = []): string | null {
  if (password.length < MIN_PASSWORD_LENGTH || password.length > MAX_PASSWORD_LENGTH) {
    return `La contraseña debe tener entre ${MIN_PASSWORD_LENGTH} y ${MAX_PASSWORD_LENGTH} caracteres.`;
  }
  if (new Set(password).size < 5) return "La contraseña repite demasiado los mismos caracteres.";
  const lower = password.toLowerCase();
  if (personal.some((value) => value.length >= 4 && lower.includes(value.toLowerCase()))) {
    return "La contraseña no puede contener su número de documento ni su correo.";
  }
  return null;
}
