import { entryIsGenuine, todayInColombia, type CertificateRegisterEntry } from "@sos/kit";
import { Arg, Ctx, Field, ObjectType, Query, Resolver } from "type-graphql";
import type { Context } from "../context.js";

@ObjectType({ description: "Lo que cualquiera puede saber de un certificado por su código: si es auténtico, qué certifica y hasta cuándo; nunca los datos del afiliado" })
export class CertificateVerification {
  @Field(() => String, { description: "El código consultado" })
  code!: string;

  @Field(() => Boolean, { description: "El código corresponde a un certificado expedido por S.O.S. y su registro no fue alterado" })
  genuine!: boolean;

  @Field(() => String, { nullable: true, description: "Tipo de certificado (AFILIACION_PBS, PAZ_Y_SALVO_PBS, …)" })
  type!: string | null;

  @Field(() => String, { nullable: true, description: "Iniciales del titular (p. ej. «M. F. V. M.»)" })
  holderInitials!: string | null;

  @Field(() => String, { nullable: true, description: "Qué certifica, sin datos de salud" })
  certifies!: string | null;

  @Field(() => Date, { nullable: true, description: "Cuándo se expidió" })
  issuedAt!: Date | null;

  @Field(() => String, { nullable: true, description: "Válido hasta (AAAA-MM-DD); vacío si no vence" })
  validUntil!: string | null;

  @Field(() => Boolean, { nullable: true, description: "Auténtico y aún vigente hoy" })
  current!: boolean | null;
}

const CODE = /^SOS(-[0-9A-HJKMNP-TV-Z]{5}){3}$/;

/**
 * A code as a person may type or read it, in upper or lower case, with spaces or without hyphens, and
 * the letters Crockford's base32 leaves out read as the digits they look like (O as 0, I and L as 1).
 */
export function normalizeCode(code: string): string {
  const symbols = code.toUpperCase().replace(/[\s-]/g, "").replace(/O/g, "0").replace(/[IL]/g, "1");
  const body = symbols.startsWith("S0S") ? symbols.slice(3) : symbols.startsWith("SOS") ? symbols.slice(3) : symbols;
  return body.length === 15 ? `SOS-${body.slice(0, 5)}-${body.slice(5, 10)}-${body.slice(10)}` : code.trim().toUpperCase();
}
const unknown = (code: string): CertificateVerification => ({ code, genuine: false, type: null, holderInitials: null, certifies: null, issuedAt: null, validUntil: null, current: null });

@Resolver()
export class CertificateResolver {
  /**
   * Anyone, without a token (an employer checking a candidate's certificate, a bank): a made-up code, and a
   * register entry edited after issue, are both "not genuine". The gateway counts these per address.
   */
  @Query(() => CertificateVerification, { description: "Verifica un certificado por su código de verificación (sin iniciar sesión)" })
  async verifyCertificate(@Arg("code", () => String, { description: "Código de verificación impreso en el certificado (p. ej. SOS-7K3QX-9XW2M-M4TDA)" }) code: string, @Ctx() ctx: Context): Promise<CertificateVerification> {
    const normalized = normalizeCode(code);
    if (!CODE.test(normalized)) return unknown(code.slice(0, 40));
    const entry = await ctx.models.certificates.findById(normalized).lean<CertificateRegisterEntry>().exec();
    if (!entry || !entryIsGenuine(ctx.settings.documentKey, entry)) return unknown(normalized);
    return {
      code: normalized,
      genuine: true,
      type: entry.type,
      holderInitials: entry.holderInitials,
      certifies: entry.certifies,
      issuedAt: entry.issuedAt,
      validUntil: entry.validUntil,
      current: entry.validUntil === null || entry.validUntil >= todayInColombia(),
    };
  }
}
