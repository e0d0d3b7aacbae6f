import { PageArgs, badUserInput, findPage, isKnownMunicipality, selectsField } from "@sos/kit";
import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, FieldResolver, Info, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../context.js";
import { hhmm } from "../ips/ips.hours.js";
import type { ClinicDoc } from "../ips/ips.model.js";
import { PAC_SPECIALTIES, type PacDoctorDoc } from "./pac-doctor.model.js";
import { PacDoctor, PacDoctorConnection, PacDoctorSite } from "./pac-doctor.type.js";

/** The complementary plan's medical directory: public, for members and for anyone choosing the plan. */
@Resolver(() => PacDoctor)
export class PacDoctorResolver {
  @Query(() => [String], { description: "Especialidades del directorio médico PAC" })
  pacSpecialties(): string[] {
    return [...PAC_SPECIALTIES];
  }

  @Query(() => PacDoctorConnection, { description: "Médicos del PAC de una especialidad en un municipio, por nombre" })
  async pacDoctors(
    @Arg("specialty", () => String, { description: "Una de pacSpecialties" }) specialty: string,
    @Arg("municipalityCode", () => String, { description: "Código DANE del municipio" }) municipalityCode: string,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    if (!(PAC_SPECIALTIES as readonly string[]).includes(specialty)) {
      throw badUserInput({ field: "specialty", message: "Esa especialidad no está en el directorio PAC: consulte pacSpecialties." });
    }
    if (!isKnownMunicipality(municipalityCode)) {
      throw badUserInput({ field: "municipalityCode", message: "S.O.S. no tiene red en ese municipio (o el código DANE no es válido)." });
    }
    return findPage<PacDoctorDoc>({
      model: ctx.models.pacDoctors,
      filter: { specialty, municipalityCodes: municipalityCode },
      sortField: "sortKey",
      args: page,
      withTotal: selectsField(info, "totalCount"),
    });
  }

  @FieldResolver(() => [PacDoctorSite], { description: "Dónde atiende y en qué horario" })
  async sites(@Root() doctor: PacDoctorDoc, @Ctx() ctx: Context): Promise<(Omit<PacDoctorSite, "ips"> & { ips: ClinicDoc | null })[]> {
    // The sites' clinics of a whole page, in one query through the request's loader.
    const clinics = await ctx.loaders.clinicByCode.loadMany(doctor.sites.map((site) => site.ipsCode));
    return doctor.sites.map((site, i) => {
      const clinic = clinics[i];
      return {
        ips: clinic instanceof Error ? null : (clinic ?? null),
        municipalityCode: site.municipalityCode,
        hours: site.hours.map((span) => ({ weekday: span.weekday, opens: hhmm(span.opens), closes: hhmm(span.closes) })),
      };
    });
  }
}
