import { badUserInput, isKnownMunicipality } from "@sos/kit";
import { Arg, Query, Resolver } from "type-graphql";
import { hhmm, isOpenAt } from "../ips/ips.hours.js";
import type { OpeningSpan } from "../ips/ips.model.js";
import { AGENT_HOURS, CITY_LINES, MENU, NATIONAL_LINE, OFFICES, PAC_LINE } from "./contact.data.js";
import { Office, PhoneLines } from "./contact.type.js";

const formatHours = (spans: readonly OpeningSpan[]) => spans.map((span) => ({ weekday: span.weekday, opens: hhmm(span.opens), closes: hhmm(span.closes) }));

function checkMunicipality(municipalityCode: string): void {
  if (!isKnownMunicipality(municipalityCode)) {
    throw badUserInput({ field: "municipalityCode", message: "S.O.S. no atiende en ese municipio (o el código DANE no es válido)." });
  }
}

/** How to reach the insurer: public, no session needed. */
@Resolver()
export class ContactResolver {
  @Query(() => PhoneLines, { description: "Las líneas telefónicas de S.O.S.; con un municipio, también la de su ciudad" })
  phoneLines(@Arg("municipalityCode", () => String, { nullable: true, description: "Código DANE del municipio (5 dígitos), para incluir la línea de su ciudad" }) municipalityCode: string | undefined): PhoneLines {
    if (municipalityCode !== undefined) checkMunicipality(municipalityCode);
    const city = municipalityCode ? (CITY_LINES.find((line) => line.municipalityCodes.includes(municipalityCode))?.number ?? null) : null;
    return { national: NATIONAL_LINE, pac: PAC_LINE, city, menu: [...MENU], agentHours: formatHours(AGENT_HOURS) };
  }

  @Query(() => [Office], { description: "Oficinas de atención de un municipio, con su horario y si están abiertas" })
  offices(
    @Arg("municipalityCode", () => String, { description: "Código DANE del municipio (5 dígitos)" }) municipalityCode: string,
    @Arg("at", () => Date, { nullable: true, description: "Momento para el que se evalúa openNow (por defecto, ahora)" }) at: Date | undefined,
  ): Office[] {
    checkMunicipality(municipalityCode);
    const moment = at ?? new Date();
    return OFFICES.filter((office) => office.municipalityCode === municipalityCode).map((office) => ({
      id: office.id,
      name: office.name,
      municipalityCode: office.municipalityCode,
      address: office.address,
      hours: formatHours(office.hours),
      openNow: isOpenAt({ openingHours: [...office.hours], holidayHours: [] }, moment),
    }));
  }
}
