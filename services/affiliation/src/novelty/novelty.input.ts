import { DocumentType, IsCalendarDate, IsDocumentNumberOf, LocalDate } from "@sos/kit";
import { IsEnum, IsMongoId, Matches } from "class-validator";
import { Field, ID, InputType } from "type-graphql";

@InputType({ description: "Retiro laboral de un cotizante: terminó su relación laboral o su contrato" })
export class EmploymentEndInput {
  @Field(() => ID, { description: "Cotizante" })
  @IsMongoId({ message: "El identificador del afiliado no es válido." })
  memberId!: string;

  @Field(() => LocalDate, { description: "Último día laborado (AAAA-MM-DD)" })
  @IsCalendarDate()
  lastWorkDay!: string;
}

@InputType({ description: "Traslado de un cotizante y su grupo familiar a otra EPS" })
export class TransferOutInput {
  @Field(() => ID, { description: "Cotizante que se traslada (su grupo familiar se traslada con él)" })
  @IsMongoId({ message: "El identificador del afiliado no es válido." })
  memberId!: string;

  @Field(() => String, { description: "Código de la EPS de destino (p. ej. EPS037)" })
  @Matches(/^(EPS|EPSS|EPSI|CCF|ESS)\d{3}$/, { message: "El código de la EPS de destino no es válido (p. ej. EPS037)." })
  destinationEps!: string;

  @Field(() => LocalDate, { description: "Fecha efectiva del traslado (AAAA-MM-DD)" })
  @IsCalendarDate()
  effectiveDate!: string;
}

@InputType({ description: "Fallecimiento de un afiliado" })
export class DeathInput {
  @Field(() => ID, { description: "Afiliado fallecido" })
  @IsMongoId({ message: "El identificador del afiliado no es válido." })
  memberId!: string;

  @Field(() => LocalDate, { description: "Fecha de defunción (AAAA-MM-DD), según el certificado de defunción" })
  @IsCalendarDate()
  dateOfDeath!: string;
}

@InputType({ description: "Cambio del documento de identidad (p. ej. de TI a CC al cumplir 18 años): la persona sigue siendo el mismo afiliado" })
export class DocumentChangeInput {
  @Field(() => ID, { description: "Afiliado cuyo documento cambia" })
  @IsMongoId({ message: "El identificador del afiliado no es válido." })
  memberId!: string;

  @Field(() => DocumentType, { description: "Nuevo tipo de documento" })
  @IsEnum(DocumentType, { message: "El tipo de documento no es válido." })
  documentType!: DocumentType;

  @Field(() => String, { description: "Nuevo número de documento" })
  @IsDocumentNumberOf("documentType")
  documentNumber!: string;
}
