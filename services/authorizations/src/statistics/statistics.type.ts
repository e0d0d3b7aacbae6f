import { todayInColombia } from "@sos/kit";
import { IsInt, ValidateBy } from "class-validator";
import { ArgsType, Field, Int, ObjectType } from "type-graphql";
import { AuthorizationState } from "../authorization/authorization.enums.js";

/** The first year the statistics answer for; the last is next year (Colombian calendar), so a year under way is never refused. */
export const FIRST_YEAR = 2000;
export const lastYear = (now: Date = new Date()): number => Number(todayInColombia(now).slice(0, 4)) + 1;

/** A year from FIRST_YEAR to next year, judged when the request arrives (a static @Max would freeze the year the process started). */
const IsStatisticsYear = (): PropertyDecorator =>
  ValidateBy({
    name: "isStatisticsYear",
    validator: {
      validate: (value) => typeof value === "number" && value >= FIRST_YEAR && value <= lastYear(),
      defaultMessage: () => `El año debe estar entre ${FIRST_YEAR} y ${lastYear()}.`,
    },
  });

@ArgsType()
export class AuthorizationStatisticsArgs {
  @Field(() => Int, { description: `Año de radicación (de ${FIRST_YEAR} al año siguiente al actual)` })
  @IsInt({ message: "El año debe ser un número entero." })
  @IsStatisticsYear()
  year!: number;
}

@ObjectType({
  description:
    "Una celda de las estadísticas de autorizaciones de servicios: personas con solicitudes radicadas en un mes que hoy están en un estado (analistas: menos de 5 personas, celda suprimida; conteos redondeados a 5)",
})
export class AuthorizationStatisticsCell {
  @Field(() => String, { description: "Mes de radicación (AAAA-MM, hora de Colombia)" })
  month!: string;

  @Field(() => AuthorizationState, { description: "Estado actual de las solicitudes de autorización radicadas ese mes" })
  state!: AuthorizationState;

  @Field(() => Int, {
    nullable: true,
    description: "Personas (afiliados distintos) con al menos una solicitud radicada ese mes en ese estado, redondeado al múltiplo de 5 más cercano; vacío si son menos de 5, también cuando no hay ninguna",
  })
  count!: number | null;
}

@ObjectType({
  description:
    "Solicitudes de autorización de servicios radicadas en un año, por mes y estado: solo agregados, sin datos de personas. Cada mes transcurrido aparece con todos los estados; las celdas de menos de 5 personas se suprimen y los conteos se redondean a 5, para que ninguna cifra pequeña pueda deducirse restando dos consultas",
})
export class AuthorizationStatistics {
  @Field(() => [AuthorizationStatisticsCell], { description: "Una celda por mes transcurrido del año y estado, en orden de mes y de estado" })
  cells!: AuthorizationStatisticsCell[];

  @Field(() => Int, { description: "Celdas suprimidas por tener de 1 a 4 personas (las celdas sin radicaciones también se muestran vacías, sin contarse aquí)" })
  suppressedCells!: number;
}
