import { ArrayMaxSize, ArrayUnique, IsOptional, Matches, Max, Min, ValidateNested } from "class-validator";
import { Field, InputType, Int } from "type-graphql";
import { IpsNetwork } from "./ips.model.js";

@InputType({ description: "Un punto: latitud y longitud en grados (WGS 84)" })
export class GeoPointInput {
  @Field(() => Number, { description: "Latitud en grados (-90 a 90)" })
  @Min(-90, { message: "La latitud debe estar entre -90 y 90." })
  @Max(90, { message: "La latitud debe estar entre -90 y 90." })
  latitude!: number;

  @Field(() => Number, { description: "Longitud en grados (-180 a 180)" })
  @Min(-180, { message: "La longitud debe estar entre -180 y 180." })
  @Max(180, { message: "La longitud debe estar entre -180 y 180." })
  longitude!: number;
}

const HHMM = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;

@InputType({ description: "Horario en festivos: apertura y cierre en HH:MM, hora de Colombia (24:00 = medianoche)" })
export class HolidayHoursInput {
  @Field(() => String, { description: "Apertura, HH:MM (00:00 a 24:00), hora de Colombia" })
  @Matches(HHMM, { message: "La hora de apertura debe tener la forma HH:MM (00:00 a 24:00)." })
  opens!: string;

  @Field(() => String, { description: "Cierre, HH:MM (posterior a la apertura; 24:00 = hasta la medianoche), hora de Colombia" })
  @Matches(HHMM, { message: "La hora de cierre debe tener la forma HH:MM (00:00 a 24:00)." })
  closes!: string;
}

@InputType({ description: "Horario de un día de la semana: apertura y cierre en HH:MM, hora de Colombia" })
export class OpeningHoursInput extends HolidayHoursInput {
  @Field(() => Int, { description: "0 = domingo … 6 = sábado" })
  @Min(0, { message: "El día de la semana va de 0 (domingo) a 6 (sábado)." })
  @Max(6, { message: "El día de la semana va de 0 (domingo) a 6 (sábado)." })
  weekday!: number;
}

@InputType({ description: "Cambios de una IPS en el directorio (agentes): solo los campos enviados cambian" })
export class UpdateClinicInput {
  @Field(() => String, { description: "Código de habilitación REPS (12 dígitos)" })
  @Matches(/^\d{12}$/, { message: "El código de habilitación debe tener 12 dígitos." })
  habilitationCode!: string;

  @Field(() => Boolean, { nullable: true, description: "Contrato vigente" })
  @IsOptional()
  active?: boolean;

  @Field(() => [IpsNetwork], { nullable: true, description: "Las redes a las que pertenece (reemplaza las anteriores)" })
  @IsOptional()
  @ArrayUnique({ message: "Cada red se indica una sola vez." })
  networks?: IpsNetwork[];

  @Field(() => [OpeningHoursInput], { nullable: true, description: "El horario completo de la semana (reemplaza el anterior)" })
  @IsOptional()
  @ArrayMaxSize(21, { message: "A lo sumo tres franjas por día." })
  @ValidateNested({ each: true })
  openingHours?: OpeningHoursInput[];

  @Field(() => [HolidayHoursInput], { nullable: true, description: "El horario en festivos (vacío: cerrada)" })
  @IsOptional()
  @ArrayMaxSize(3, { message: "A lo sumo tres franjas en festivos." })
  @ValidateNested({ each: true })
  holidayHours?: HolidayHoursInput[];
}
