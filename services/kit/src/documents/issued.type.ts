import { IsOptional, Matches } from "class-validator";
import { ArgsType, Directive, Field, ID, ObjectType } from "type-graphql";

/** The idempotencyKey argument every issue mutation takes, described once. */
export const IDEMPOTENCY_KEY_DESCRIPTION =
  "Clave que el cliente elige para esta solicitud (8 a 64 caracteres): si la repite, recibe el mismo certificado con un enlace nuevo, sin expedir ni enviar otro";

/** What every "issue a certificate" mutation answers, whichever subgraph issues it: @shareable. */
@Directive("@shareable")
@ObjectType({ description: "Un certificado recién expedido: su código de verificación y un enlace de descarga de pocos minutos" })
export class IssuedCertificateView {
  @Field(() => String, { description: "Código de verificación impreso en el certificado (verifyCertificate lo comprueba)" })
  code!: string;

  @Field(() => String, { description: "Tipo de certificado (AFILIACION_PBS, PAZ_Y_SALVO_PBS, …)" })
  type!: string;

  @Field(() => Date, { description: "Cuándo se expidió" })
  issuedAt!: Date;

  @Field(() => String, { nullable: true, description: "Válido hasta (AAAA-MM-DD); vacío si no vence" })
  validUntil!: string | null;

  @Field(() => String, { description: "Ruta de descarga del PDF en el origen de la Oficina Virtual (/documents/…); solo ese documento, por pocos minutos" })
  downloadPath!: string;

  @Field(() => Date, { description: "Hasta cuándo funciona el enlace de descarga" })
  downloadExpiresAt!: Date;

  @Field(() => String, { nullable: true, description: "Si se pidió por correo: a qué dirección se envía, enmascarada (m***@correo.example); llega en minutos" })
  emailedTo?: string | null;
}

/** The arguments every issue mutation takes (each may add its own, such as a year). */
@ArgsType()
export class IssueCertificateArgs {
  @Field(() => ID, { nullable: true, description: "El afiliado del certificado; sin él, el propio" })
  memberId?: string | null;

  @Field(() => Boolean, { defaultValue: false, description: "Enviarlo también al correo registrado del afiliado (no a pedido del empleador: él lo descarga)" })
  sendByEmail!: boolean;

  @Field(() => String, { nullable: true, description: IDEMPOTENCY_KEY_DESCRIPTION })
  @IsOptional()
  @Matches(/^[A-Za-z0-9._:-]{8,64}$/, { message: "La clave de idempotencia debe tener de 8 a 64 letras, dígitos, punto, guion, dos puntos o guion bajo." })
  idempotencyKey?: string | null;
}
