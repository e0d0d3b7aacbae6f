import { IsIpsCode, IsKnownMunicipality } from "@sos/kit";
import { ArrayMaxSize, IsEmail, IsEnum, IsOptional, Length, Matches, ValidateNested } from "class-validator";
import { Field, ID, InputType } from "type-graphql";
import { HealthRisk, PetitionKind, PqrsType } from "./pqrs.rules.js";

@InputType({ description: "Cómo contactar a quien presenta una PQRS anónima" })
export class PqrsContactInput {
  @Field(() => String, { nullable: true, description: "Correo electrónico para la respuesta" })
  @IsOptional()
  @IsEmail({}, { message: "El correo electrónico no es válido." })
  email?: string | null;

  @Field(() => String, { nullable: true, description: "Celular de 10 dígitos que empieza por 3" })
  @IsOptional()
  @Matches(/^3\d{9}$/, { message: "El celular debe tener 10 dígitos y empezar por 3." })
  mobile?: string | null;
}

@InputType({ description: "Radicación de una PQRS: un afiliado, un agente por un afiliado, o anónima con un canal de contacto" })
export class FilePqrsInput {
  @Field(() => PqrsType, { description: "Tipo: petición, queja, reclamo, sugerencia, felicitación, denuncia o solicitud de datos personales" })
  @IsEnum(PqrsType, { message: "El tipo de PQRS no es válido." })
  type!: PqrsType;

  @Field(() => ID, { nullable: true, description: "Afiliado (los agentes lo indican; un afiliado radica la suya; vacío si es anónima)" })
  @IsOptional()
  @Matches(/^[0-9a-f]{24}$/, { message: "El identificador del afiliado no es válido." })
  memberId?: string | null;

  @Field(() => PetitionKind, { nullable: true, description: "Peticiones: general, información o consulta" })
  @IsOptional()
  @IsEnum(PetitionKind, { message: "La clase de petición no es válida." })
  petitionKind?: PetitionKind | null;

  @Field(() => HealthRisk, { nullable: true, description: "Quejas y reclamos en salud: el riesgo (simple si se omite)" })
  @IsOptional()
  @IsEnum(HealthRisk, { message: "El riesgo no es válido." })
  risk?: HealthRisk | null;

  @Field(() => [String], { defaultValue: [], description: "Poblaciones de especial protección (niño, gestante, adulto mayor, discapacidad, víctima): sube la prioridad" })
  @ArrayMaxSize(6)
  @Matches(/^(NINO|GESTANTE|ADULTO_MAYOR|DISCAPACIDAD|VICTIMA)$/, { each: true, message: "La población de especial protección debe ser NINO, GESTANTE, ADULTO_MAYOR, DISCAPACIDAD o VICTIMA." })
  specialProtection!: string[];

  @Field(() => String, { description: "Asunto (5 a 150 caracteres)" })
  @Length(5, 150, { message: "El asunto debe tener de 5 a 150 caracteres." })
  @Matches(/\S.{3,}\S/s, { message: "Escriba el asunto (no solo espacios)." })
  subject!: string;

  @Field(() => String, { description: "Descripción de la solicitud (10 a 4000 caracteres)" })
  @Length(10, 4000, { message: "Describa su solicitud (10 a 4000 caracteres)." })
  @Matches(/(\S.*){10,}/s, { message: "Describa su solicitud (no solo espacios)." })
  description!: string;

  @Field(() => String, { nullable: true, description: "Servicio al que se refiere" })
  @IsOptional()
  @Length(3, 120, { message: "El servicio debe tener de 3 a 120 caracteres." })
  serviceConcerned?: string | null;

  @Field(() => String, { nullable: true, description: "IPS a la que se refiere (código REPS)" })
  @IsOptional()
  @IsIpsCode()
  ipsCode?: string | null;

  @Field(() => [String], { defaultValue: [], description: "Referencias de documentos adjuntos (hasta 10), las que devolvió su carga" })
  @ArrayMaxSize(10, { message: "Se aceptan hasta 10 adjuntos." })
  @Matches(/^[A-Za-z0-9._-]{6,64}$/, { each: true, message: "Cada adjunto debe ser la referencia que devolvió la carga." })
  attachments!: string[];

  @Field(() => PqrsContactInput, { nullable: true, description: "Anónimas: correo o celular para la respuesta" })
  @IsOptional()
  @ValidateNested()
  contact?: PqrsContactInput | null;

  @Field(() => String, { nullable: true, description: "Anónimas: municipio (código DANE)" })
  @IsOptional()
  @IsKnownMunicipality()
  municipalityCode?: string | null;

  @Field(() => String, { nullable: true, description: "Clave para reintentos: la misma devuelve el mismo radicado" })
  @IsOptional()
  @Length(8, 64, { message: "La clave de idempotencia debe tener de 8 a 64 caracteres." })
  idempotencyKey?: string | null;
}
