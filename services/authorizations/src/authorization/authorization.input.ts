import { IsCalendarDate, IsIpsCode, LocalDate } from "@sos/kit";
import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsEnum, IsInt, IsOptional, Length, Matches, Max, Min, ValidateIf, ValidateNested } from "class-validator";
import { Field, ID, InputType, Int } from "type-graphql";
import { AuthorizationState, CareOrigin, CareSetting, SpecialProtection } from "./authorization.enums.js";

const MEMBER_ID = /^[0-9a-f]{24}$/;
/** Attachment references: the uploadId of a support document uploaded for the patient (kit/uploads). */
const ATTACHMENT = /^UP-[0-9a-f]{24}$/;

@InputType({ description: "Diagnóstico de la solicitud" })
export class DiagnosisInput {
  @Field(() => String, { description: "Código CIE-10 de 4 caracteres (I10X, E119)" })
  @Matches(/^[A-Z]\d{2}[0-9X]$/, { message: "El diagnóstico debe ser un código CIE-10 de 4 caracteres (por ejemplo I10X o E119)." })
  code!: string;

  @Field(() => String, { nullable: true, description: "Código CIE-11 acompañante (codificación dual), si lo tiene" })
  @IsOptional()
  @Matches(/^[0-9A-Z]{2,4}(\.[0-9A-Z]{1,4})?$/, { message: "El código CIE-11 no tiene un formato válido (por ejemplo 5A11 o BA00.Z)." })
  cie11Code?: string | null;
}

@InputType({ description: "Servicio solicitado" })
export class ItemInput {
  @Field(() => String, { description: "Código CUPS de 6 dígitos" })
  @Matches(/^\d{6}$/, { message: "El servicio debe ser un código CUPS de 6 dígitos." })
  cupsCode!: string;

  @Field(() => Int, { description: "Cantidad (1 a 999)" })
  @IsInt({ message: "La cantidad debe ser un número entero." })
  @Min(1, { message: "La cantidad debe ser al menos 1." })
  @Max(999, { message: "La cantidad no puede pasar de 999." })
  quantity!: number;
}

@InputType({ description: "Profesional que ordena el servicio" })
export class ProfessionalInput {
  @Field(() => String, { description: "Nombre del profesional (3 a 120 caracteres)" })
  @Length(3, 120, { message: "Escriba el nombre del profesional (3 a 120 caracteres)." })
  name!: string;

  @Field(() => String, { description: "Número de documento del profesional" })
  @Matches(/^\d{5,12}$/, { message: "El documento del profesional debe tener de 5 a 12 dígitos." })
  documentNumber!: string;

  @Field(() => String, { nullable: true, description: "Especialidad (3 a 80 caracteres), si la tiene" })
  @IsOptional()
  @Length(3, 80, { message: "La especialidad debe tener de 3 a 80 caracteres." })
  specialty?: string | null;
}

@InputType({ description: "Radicación de una solicitud de autorización (afiliado, IPS o agente)" })
export class RequestAuthorizationInput {
  @Field(() => ID, { description: "Afiliado paciente" })
  @Matches(MEMBER_ID, { message: "El identificador del afiliado no es válido." })
  memberId!: string;

  @Field(() => String, { nullable: true, description: "IPS que solicita (código REPS); una IPS solo puede indicar la suya y puede omitirla" })
  @IsOptional()
  @IsIpsCode()
  requestingIpsCode?: string | null;

  @Field(() => ProfessionalInput, { description: "Profesional que ordena el servicio" })
  @ValidateNested()
  professional!: ProfessionalInput;

  @Field(() => [DiagnosisInput], { description: "Diagnósticos; el primero es el principal (1 a 10)" })
  @ArrayMinSize(1, { message: "Indique al menos un diagnóstico." })
  @ArrayMaxSize(10, { message: "Se aceptan hasta 10 diagnósticos." })
  @ValidateNested()
  diagnoses!: DiagnosisInput[];

  @Field(() => [ItemInput], { description: "Servicios solicitados (1 a 20)" })
  @ArrayMinSize(1, { message: "Indique al menos un servicio." })
  @ArrayMaxSize(20, { message: "Se aceptan hasta 20 servicios por solicitud." })
  @ValidateNested()
  items!: ItemInput[];

  @Field(() => CareSetting, { description: "Ámbito de la atención; URGENCIAS solo con afterEmergency (la atención inicial de urgencias no requiere autorización)" })
  @IsEnum(CareSetting, { message: "El ámbito no es válido." })
  setting!: CareSetting;

  @Field(() => Boolean, { defaultValue: false, description: "Atención posterior a una urgencia inicial (plazo de 2 horas)" })
  @IsBoolean()
  afterEmergency!: boolean;

  @Field(() => CareOrigin, { description: "Origen: común, laboral (paga la ARL) o accidente de tránsito (paga el SOAT)" })
  @IsEnum(CareOrigin, { message: "El origen no es válido." })
  origin!: CareOrigin;

  @Field(() => Boolean, { defaultValue: false, description: "El profesional marcó el servicio como prioritario" })
  @IsBoolean()
  prioritised!: boolean;

  @Field(() => [SpecialProtection], { defaultValue: [], description: "Poblaciones de especial protección del paciente" })
  @ArrayMaxSize(8)
  @IsEnum(SpecialProtection, { each: true, message: "La población de especial protección no es válida." })
  specialProtection!: SpecialProtection[];

  @Field(() => [String], { defaultValue: [], description: "uploadId de documentos soporte del paciente ya cargados (requestAuthorizationAttachmentUpload; hasta 10)" })
  @ArrayMaxSize(10, { message: "Se aceptan hasta 10 documentos soporte." })
  @Matches(ATTACHMENT, { each: true, message: "Cada documento soporte debe ser el uploadId que devolvió su carga (UP-…)." })
  attachments!: string[];

  @Field(() => LocalDate, { nullable: true, description: "Fecha de la orden del servicio (AAAA-MM-DD); hoy si se omite. Decide la norma del plazo" })
  @IsOptional()
  @IsCalendarDate({ message: "La fecha del servicio debe existir y tener el formato AAAA-MM-DD." })
  serviceDate?: string | null;

  @Field(() => String, { nullable: true, description: "Clave del cliente para reintentos: la misma clave devuelve el mismo radicado" })
  @IsOptional()
  @Length(8, 64, { message: "La clave de idempotencia debe tener de 8 a 64 caracteres." })
  idempotencyKey?: string | null;
}

@InputType({ description: "Lo autorizado de un servicio en una aprobación parcial" })
export class ItemDecisionInput {
  @Field(() => String, { description: "Código CUPS (6 dígitos) de un servicio de la solicitud" })
  @Matches(/^\d{6}$/, { message: "El servicio debe ser un código CUPS de 6 dígitos." })
  cupsCode!: string;

  @Field(() => Int, { description: "Cantidad autorizada (0 = negado)" })
  @IsInt()
  @Min(0, { message: "La cantidad autorizada no puede ser negativa." })
  approvedQuantity!: number;

  @Field(() => String, { nullable: true, description: "Motivo si se autoriza menos de lo pedido" })
  @IsOptional()
  @Length(5, 500, { message: "El motivo debe tener de 5 a 500 caracteres." })
  denialReason?: string | null;
}

export enum AuthorizationDecision {
  APROBADA = "APROBADA",
  APROBADA_PARCIAL = "APROBADA_PARCIAL",
  NEGADA = "NEGADA",
  PENDIENTE_DOCS = "PENDIENTE_DOCS",
}

@InputType({ description: "Decisión de auditoría sobre una solicitud en auditoría (agentes)" })
export class DecideAuthorizationInput {
  @Field(() => ID, { description: "Número de radicado" })
  @Length(1, 40)
  number!: string;

  @Field(() => AuthorizationState, { description: "APROBADA, APROBADA_PARCIAL, NEGADA o PENDIENTE_DOCS" })
  @IsEnum(AuthorizationDecision, { message: "La decisión debe ser APROBADA, APROBADA_PARCIAL, NEGADA o PENDIENTE_DOCS." })
  decision!: AuthorizationState;

  @Field(() => String, { nullable: true, description: "Motivo: obligatorio al negar o al pedir documentos" })
  @ValidateIf((input: DecideAuthorizationInput) => input.decision === AuthorizationState.NEGADA || input.decision === AuthorizationState.PENDIENTE_DOCS || input.reason != null)
  @Length(5, 500, { message: "Indique el motivo (5 a 500 caracteres): es obligatorio al negar o pedir documentos." })
  reason?: string | null;

  @Field(() => String, { nullable: true, description: "IPS destino (REPS): obligatoria al aprobar" })
  @ValidateIf((input: DecideAuthorizationInput) => APPROVALS.includes(input.decision) || input.destinationIpsCode != null)
  @IsIpsCode({ message: "Al aprobar indique la IPS destino: su código de habilitación de 12 dígitos." })
  destinationIpsCode?: string | null;

  @Field(() => LocalDate, { nullable: true, description: "Vigencia (AAAA-MM-DD): obligatoria al aprobar, de hoy a 180 días" })
  @ValidateIf((input: DecideAuthorizationInput) => APPROVALS.includes(input.decision) || input.validUntil != null)
  @IsCalendarDate({ message: "Al aprobar indique la vigencia con el formato AAAA-MM-DD." })
  validUntil?: string | null;

  @Field(() => [ItemDecisionInput], { nullable: true, description: "Aprobación parcial: lo autorizado de cada servicio" })
  @IsOptional()
  @ArrayMaxSize(20)
  @ValidateNested()
  items?: ItemDecisionInput[] | null;

  @Field(() => Int, { nullable: true, description: "Versión que el auditor vio; si cambió, CONFLICT" })
  @IsOptional()
  @IsInt()
  expectedVersion?: number | null;
}

const APPROVALS: readonly AuthorizationState[] = [AuthorizationState.APROBADA, AuthorizationState.APROBADA_PARCIAL];

@InputType({ description: "Filtro de la lista de autorizaciones" })
export class AuthorizationFilter {
  @Field(() => [AuthorizationState], { nullable: true, description: "Solo estos estados" })
  @IsOptional()
  @ArrayMaxSize(9)
  @IsEnum(AuthorizationState, { each: true, message: "El estado no es válido." })
  states?: AuthorizationState[] | null;

  @Field(() => LocalDate, { nullable: true, description: "Radicadas desde (AAAA-MM-DD, inclusive)" })
  @IsOptional()
  @IsCalendarDate({ message: "La fecha inicial debe existir y tener el formato AAAA-MM-DD." })
  filedFrom?: string | null;

  @Field(() => LocalDate, { nullable: true, description: "Radicadas hasta (AAAA-MM-DD, inclusive)" })
  @IsOptional()
  @IsCalendarDate({ message: "La fecha final debe existir y tener el formato AAAA-MM-DD." })
  filedTo?: string | null;
}
