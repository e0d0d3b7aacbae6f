import { IsIpsCode } from "@sos/kit";
import { IsEnum, IsInt, IsOptional, Length, Matches, Max, Min, ValidateIf, ValidateNested } from "class-validator";
import { Field, InputType, Int } from "type-graphql";
import { DeliveryPlaceKind, PendingReason } from "./mipres.enums.js";

export const PRESCRIPTION_NUMBER = /^\d{20}$/;
const PRESCRIPTION_NUMBER_MESSAGE = "El número de prescripción MIPRES tiene 20 dígitos y empieza con la fecha de la prescripción (AAAAMMDD).";

@InputType({ description: "Dónde quiere el afiliado recibir el pendiente" })
export class DeliveryPlaceInput {
  @Field(() => DeliveryPlaceKind, { description: "En un punto de dispensación o en el domicilio" })
  @IsEnum(DeliveryPlaceKind, { message: "El lugar de entrega debe ser DISPENSARIO o DOMICILIO." })
  kind!: DeliveryPlaceKind;

  @Field(() => String, { nullable: true, description: "Punto de dispensación (código REPS de 12 dígitos): obligatorio si es DISPENSARIO" })
  @ValidateIf((place: DeliveryPlaceInput) => place.kind === DeliveryPlaceKind.DISPENSARIO)
  @IsIpsCode({ message: "Para entregar en un punto de dispensación indique su código de habilitación (12 dígitos)." })
  ipsCode?: string | null;

  @Field(() => String, { nullable: true, description: "Dirección del domicilio (5 a 200 caracteres): obligatoria si es DOMICILIO" })
  @ValidateIf((place: DeliveryPlaceInput) => place.kind === DeliveryPlaceKind.DOMICILIO)
  @Length(5, 200, { message: "Para entregar en el domicilio indique la dirección (5 a 200 caracteres)." })
  address?: string | null;
}

@InputType({ description: "Registro de un medicamento pendiente por el dispensador al que está direccionado (o un agente)" })
export class RegisterPendingDeliveryInput {
  @Field(() => String, { description: "Número de la prescripción MIPRES (20 dígitos)" })
  @Matches(PRESCRIPTION_NUMBER, { message: PRESCRIPTION_NUMBER_MESSAGE })
  prescriptionNumber!: string;

  @Field(() => Int, { description: "Consecutivo de la tecnología en la prescripción (desde 1)" })
  @IsInt({ message: "El consecutivo de la tecnología debe ser un número entero." })
  @Min(1, { message: "El consecutivo de la tecnología empieza en 1." })
  @Max(99, { message: "El consecutivo de la tecnología no puede pasar de 99." })
  technologyIndex!: number;

  @Field(() => Int, { description: "Cantidad que queda pendiente (1 hasta lo que falta por entregar)" })
  @IsInt({ message: "La cantidad debe ser un número entero." })
  @Min(1, { message: "La cantidad pendiente debe ser al menos 1." })
  @Max(99_999, { message: "La cantidad pendiente no puede pasar de 99999." })
  quantity!: number;

  @Field(() => PendingReason, { description: "Por qué no se entregó" })
  @IsEnum(PendingReason, { message: "El motivo del pendiente no es válido." })
  reason!: PendingReason;

  @Field(() => DeliveryPlaceInput, { description: "Dónde eligió el afiliado recibirlo" })
  @ValidateNested()
  place!: DeliveryPlaceInput;

  @Field(() => String, { nullable: true, description: "Clave del cliente para reintentos: la misma clave devuelve el mismo pendiente" })
  @IsOptional()
  @Length(8, 64, { message: "La clave de idempotencia debe tener de 8 a 64 caracteres." })
  idempotencyKey?: string | null;
}
