import { IsCalendarDate, IsIpsCode, UPLOAD_ID } from "@sos/kit";
import { IsEnum, IsInt, IsOptional, Length, Matches, Max, Min, ValidateNested } from "class-validator";
import { Field, ID, InputType, Int } from "type-graphql";
import { IncapacityType } from "./incapacity.model.js";

@InputType({ description: "Diagnóstico del certificado" })
export class IncapacityDiagnosisInput {
  @Field(() => String, { description: "Código CIE-10 de 4 caracteres" })
  @Matches(/^[A-Z]\d{2}[0-9X]$/, { message: "El diagnóstico debe ser un código CIE-10 de 4 caracteres (por ejemplo M545)." })
  code!: string;

  @Field(() => String, { nullable: true, description: "Código CIE-11 acompañante" })
  @IsOptional()
  @Matches(/^[0-9A-Z]{2,4}(\.[0-9A-Z]{1,4})?$/, { message: "El código CIE-11 no tiene un formato válido." })
  cie11Code?: string | null;
}

@InputType({ description: "Profesional que expide el certificado" })
export class IssuerInput {
  @Field(() => String, { description: "Nombre del profesional (3 a 120 caracteres)" })
  @Length(3, 120, { message: "Escriba el nombre del profesional (3 a 120 caracteres)." })
  name!: string;

  @Field(() => String, { description: "Número de documento del profesional (5 a 12 dígitos)" })
  @Matches(/^\d{5,12}$/, { message: "El documento del profesional debe tener de 5 a 12 dígitos." })
  documentNumber!: string;
}

@InputType({ description: "Radicación de una incapacidad o licencia (el aportante; un independiente, la suya)" })
export class RegisterIncapacityInput {
  @Field(() => ID, { description: "Afiliado incapacitado" })
  @Matches(/^[0-9a-f]{24}$/, { message: "El identificador del afiliado no es válido." })
  memberId!: string;

  @Field(() => IncapacityType, { description: "Tipo de incapacidad o licencia" })
  @IsEnum(IncapacityType, { message: "El tipo de incapacidad no es válido." })
  type!: IncapacityType;

  @Field(() => String, { description: "Primer día (AAAA-MM-DD)" })
  @IsCalendarDate({ message: "La fecha de inicio debe existir y tener el formato AAAA-MM-DD." })
  startDate!: string;

  @Field(() => Int, { description: "Días (1 a 180 por certificado de incapacidad; las licencias, los que la ley da)" })
  @IsInt()
  @Min(1, { message: "La incapacidad debe ser de al menos 1 día." })
  @Max(300, { message: "Un certificado no puede pasar de 300 días." })
  days!: number;

  @Field(() => IncapacityDiagnosisInput, { description: "Diagnóstico del certificado (CIE-10)" })
  @ValidateNested()
  diagnosis!: IncapacityDiagnosisInput;

  @Field(() => String, { description: "Ámbito: AMBULATORIO, HOSPITALARIO o URGENCIAS" })
  @Matches(/^(AMBULATORIO|HOSPITALARIO|URGENCIAS)$/, { message: "El ámbito debe ser AMBULATORIO, HOSPITALARIO o URGENCIAS." })
  setting!: string;

  @Field(() => String, { description: "Modalidad: PRESENCIAL o TELEMEDICINA" })
  @Matches(/^(PRESENCIAL|TELEMEDICINA)$/, { message: "La modalidad debe ser PRESENCIAL o TELEMEDICINA." })
  modality!: string;

  @Field(() => IssuerInput, { description: "Profesional que expide el certificado" })
  @ValidateNested()
  professional!: IssuerInput;

  @Field(() => String, { description: "IPS que expide (código REPS)" })
  @IsIpsCode()
  ipsCode!: string;

  @Field(() => String, { description: "uploadId del certificado del afiliado ya cargado (requestIncapacityCertificateUpload)" })
  @Matches(UPLOAD_ID, { message: "El certificado debe ser el uploadId que devolvió su carga (UP-…)." })
  attachment!: string;

  @Field(() => String, { nullable: true, description: "Número de la incapacidad que esta prorroga" })
  @IsOptional()
  @Length(1, 40)
  extensionOf?: string | null;

  @Field(() => Boolean, { nullable: true, description: "Licencia de maternidad: parto múltiple (2 semanas más)" })
  @IsOptional()
  multipleBirth?: boolean | null;

  @Field(() => Int, { nullable: true, description: "Licencia de maternidad: días de gestación (un parto prematuro suma las semanas que faltaron)" })
  @IsOptional()
  @IsInt()
  @Min(150, { message: "La gestación debe ser de 150 a 300 días." })
  @Max(300, { message: "La gestación debe ser de 150 a 300 días." })
  gestationDays?: number | null;

  @Field(() => String, { nullable: true, description: "Clave para reintentos: la misma devuelve el mismo radicado" })
  @IsOptional()
  @Length(8, 64, { message: "La clave de idempotencia debe tener de 8 a 64 caracteres." })
  idempotencyKey?: string | null;
}
