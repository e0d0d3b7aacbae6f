import { badUserInput, todayInColombia } from "@sos/kit";
import { Arg, Query, Resolver } from "type-graphql";
import { ContributionCalculationInput } from "./contribution.input.js";
import { HEALTH_RATE, liquidate } from "./liquidation.js";
import { ContributionCalculation } from "./contribution.type.js";

@Resolver()
export class ContributionCalculatorResolver {
  @Query(() => ContributionCalculation, { description: "Liquidación de aportes a salud de un mes (sin sesión): IBC, total y reparto, con las cifras legales del año" })
  contributionCalculation(@Arg("input", () => ContributionCalculationInput, { description: "Clase de cotizante, ingreso mensual y año" }) input: ContributionCalculationInput): ContributionCalculation {
    const year = input.year ?? Number(todayInColombia().slice(0, 4));
    try {
      return { ...liquidate(input.kind, input.monthlyIncome, year), kind: input.kind, rate: HEALTH_RATE.total };
    } catch {
      throw badUserInput({ field: "input.year", message: `No hay cifras legales (SMMLV) registradas para ${year}.` });
    }
  }
}
