import { SignJWT, createLocalJWKSet, createRemoteJWKSet, errors as joseErrors, importPKCS8, importSPKI, jwtVerify, type CryptoKey, type JWTHeaderParameters, type JWTPayload, type KeyObject } from "jose";
import { AppError, ErrorCode } from "../errors.js";
import { ROLES, type Role, type Viewer } from "./viewer.js";

/** Tokens are ES256 JWTs from the identity service; every hop verifies them again. */
export const TOKEN_ALGORITHM = "ES256";
export const TOKEN_ISSUER = "sos-eps-identity";
export const TOKEN_AUDIENCE = "sos-oficina-virtual";
/** The longest a token may live (exp − iat): a leaked token is useful for a working day at most. */
export const MAX_TOKEN_LIFETIME_SECONDS = 12 * 3600;
/** Clocks of the identity service and ours may differ by this much. */
const CLOCK_TOLERANCE_SECONDS = 30;

interface ViewerClaims extends JWTPayload {
  role?: unknown;
  memberId?: unknown;
  employerNit?: unknown;
  ipsCode?: unknown;
}

/** A token that is present but unusable fails the whole request with HTTP 401, before any resolver runs. */
const unauthenticated = (message: string): AppError =>
  new AppError(ErrorCode.UNAUTHENTICATED, message, { http: { status: 401 } });

export interface TokenVerifier {
  /** null when there is no Authorization header; throws UNAUTHENTICATED when there is one and it is bad. */
  viewerFromHeader(authorization: string | undefined | null): Promise<Viewer | null>;
}

/**
 * Verified tokens, by their text, until they expire: a client sends the same token with every request,
 * and checking an ES256 signature costs more than the rest of refusing a bad operation. A token is
 * immutable, so a cached verdict cannot go stale before `exp`. Bounded, oldest out first.
 */
class VerifiedTokenCache {
  private readonly entries = new Map<string, { viewer: Viewer; expiresAt: number }>();
  constructor(private readonly capacity: number) {}

  get(token: string): Viewer | null {
    const entry = this.entries.get(token);
    if (!entry) return null;
    this.entries.delete(token);
    if (entry.expiresAt <= Date.now() / 1000) return null;
    this.entries.set(token, entry);
    return { ...entry.viewer };
  }

  set(token: string, viewer: Viewer, expiresAt: number): void {
    if (this.capacity <= 0) return;
    this.entries.set(token, { viewer: { ...viewer }, expiresAt });
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
  }
}

/**
 * Whom tokens are trusted from. `jwksUrl`: an OpenID provider's key set (ours is the identity subgraph's),
 * fetched once, cached, fetched again when a token names a key id it has not seen (a rotation) — so
 * another provider replaces ours by configuration alone. `publicKeyPem`: one static key, for tokens that
 * name no key id (the development key of `npm run token`, and tests). Either or both.
 */
export interface TokenTrust {
  publicKeyPem?: string | null;
  jwksUrl?: string | null;
  /** Default: ours (TOKEN_ISSUER, TOKEN_AUDIENCE). */
  issuer?: string;
  audience?: string;
}

type KeyResolver = (header: JWTHeaderParameters) => Promise<CryptoKey | KeyObject | Uint8Array>;

/**
 * The key set is read again every 10 minutes, and at once for an unknown key id — at most once every
 * `cooldownMs` (30 s), however many forged key ids arrive. Our identity service publishes a key an hour
 * before it signs, so a rotation never waits on the cooldown.
 */
async function keyResolver(trust: TokenTrust, cooldownMs: number): Promise<KeyResolver> {
  const pem = trust.publicKeyPem ? await importSPKI(trust.publicKeyPem, TOKEN_ALGORITHM) : null;
  const jwks = trust.jwksUrl ? createRemoteJWKSet(new URL(trust.jwksUrl), { cooldownDuration: cooldownMs, cacheMaxAge: 10 * 60_000, timeoutDuration: 5_000 }) : null;
  if (!pem && !jwks) throw new Error("Token trust needs a public key (JWT_PUBLIC_KEY) or a key set (JWT_JWKS_URL).");
  return async (header) => {
    if (header.kid) {
      if (!jwks) throw unauthenticated("El token de acceso no es válido.");
      try {
        return await jwks(header);
      } catch (error) {
        // The provider cannot be reached: keep verifying with the last key set it published; without
        // one, the service is unavailable (503) — not the member's token invalid (401).
        const unreachable = !(error instanceof joseErrors.JOSEError) || error instanceof joseErrors.JWKSTimeout || error instanceof joseErrors.JWKSInvalid;
        if (!unreachable) throw error;
        const lastKnown = jwks.jwks();
        if (lastKnown) return createLocalJWKSet(lastKnown)(header);
        throw new AppError(ErrorCode.UNAVAILABLE, "No se pudo comprobar el token de acceso: el servicio de identidad no responde. Intente de nuevo en unos minutos.", { http: { status: 503 } });
      }
    }
    if (!pem) throw unauthenticated("El token de acceso no es válido.");
    return pem;
  };
}

export async function createTokenVerifier(trust: TokenTrust | string, options: { cacheSize?: number; jwksCooldownMs?: number } = {}): Promise<TokenVerifier> {
  const { issuer = TOKEN_ISSUER, audience = TOKEN_AUDIENCE, ...keys } = typeof trust === "string" ? { publicKeyPem: trust } : trust;
  const key = await keyResolver(keys, options.jwksCooldownMs ?? 30_000);
  const cache = new VerifiedTokenCache(options.cacheSize ?? 10_000);
  return {
    async viewerFromHeader(authorization) {
      if (!authorization) return null;
      const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
      if (!match?.[1]) throw unauthenticated("La cabecera Authorization debe tener la forma «Bearer <token>».");
      const token = match[1];
      const cached = cache.get(token);
      if (cached) return cached;
      try {
        const { payload } = await jwtVerify<ViewerClaims>(token, key, {
          algorithms: [TOKEN_ALGORITHM],
          issuer,
          audience,
          requiredClaims: ["exp", "iat", "sub"],
          clockTolerance: CLOCK_TOLERANCE_SECONDS,
        });
        // jose checks exp and nbf; a token "issued" in the future would outlive the 12-hour rule.
        if ((payload.iat as number) > Date.now() / 1000 + CLOCK_TOLERANCE_SECONDS) {
          throw unauthenticated("El token de acceso indica una fecha de emisión futura.");
        }
        if ((payload.exp as number) - (payload.iat as number) > MAX_TOKEN_LIFETIME_SECONDS) {
          throw unauthenticated("El token de acceso dura más de lo permitido (12 horas).");
        }
        const viewer = viewerFromClaims(payload);
        cache.set(token, viewer, payload.exp as number);
        return viewer;
      } catch (error) {
        if (error instanceof AppError) throw error;
        if (error instanceof joseErrors.JWTExpired) throw unauthenticated("La sesión expiró. Inicie sesión de nuevo.");
        throw unauthenticated("El token de acceso no es válido.");
      }
    },
  };
}

/** The claim that scopes each role, and its format. A claim that does not belong to the role is refused. */
const SCOPE_CLAIMS = {
  memberId: { role: "MEMBER", format: /^[0-9a-f]{24}$/ },
  employerNit: { role: "EMPLOYER", format: /^\d{9}$/ },
  ipsCode: { role: "IPS", format: /^\d{12}$/ },
} as const;

function scopeClaim(claims: ViewerClaims, claim: keyof typeof SCOPE_CLAIMS, role: string): string | undefined {
  const value = claims[claim];
  const rule = SCOPE_CLAIMS[claim];
  if (value === undefined || value === null) {
    if (role === rule.role) throw unauthenticated(`El token de ${role} no indica «${claim}».`);
    return undefined;
  }
  if (role !== rule.role) throw unauthenticated(`El token de ${role} no puede traer «${claim}».`);
  if (typeof value !== "string" || !rule.format.test(value)) throw unauthenticated(`El token tiene un valor no válido en «${claim}».`);
  return value;
}

function viewerFromClaims(claims: ViewerClaims): Viewer {
  const role = claims.role;
  if (typeof role !== "string" || !(ROLES as readonly string[]).includes(role)) {
    throw unauthenticated("El token no indica un rol válido.");
  }
  if (!claims.sub) throw unauthenticated("El token no indica el usuario.");
  const viewer: Viewer = { subject: claims.sub, role: role as Role };
  // A role without the identifier that scopes it would see nothing or, worse, everything; one with another
  // role's identifier would be recorded in the audit ledger as something it is not. Both are refused.
  const memberId = scopeClaim(claims, "memberId", role);
  const employerNit = scopeClaim(claims, "employerNit", role);
  const ipsCode = scopeClaim(claims, "ipsCode", role);
  if (memberId) viewer.memberId = memberId;
  if (employerNit) viewer.employerNit = employerNit;
  if (ipsCode) viewer.ipsCode = ipsCode;
  return viewer;
}

export interface TokenSigner {
  sign(viewer: Viewer, expiresIn?: string | number): Promise<string>;
}

/**
 * Signs tokens the way the identity service does: with `keyId`, the key is named in the header and found
 * in the JWKS; without, it is the static development key. Used by identity, the dev token script and tests.
 */
export async function createTokenSigner(privateKeyPem: string | CryptoKey, keyId?: string): Promise<TokenSigner> {
  const key = typeof privateKeyPem === "string" ? await importPKCS8(privateKeyPem, TOKEN_ALGORITHM) : privateKeyPem;
  return {
    async sign(viewer, expiresIn = "8h") {
      const { subject, role, ...scope } = viewer;
      return new SignJWT({ role, ...scope })
        .setProtectedHeader({ alg: TOKEN_ALGORITHM, ...(keyId && { kid: keyId }) })
        .setSubject(subject)
        .setIssuer(TOKEN_ISSUER)
        .setAudience(TOKEN_AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(expiresIn)
        .sign(key);
    },
  };
}

export const isUnauthenticated = (error: unknown): boolean =>
  error instanceof AppError && error.code === ErrorCode.UNAUTHENTICATED;
