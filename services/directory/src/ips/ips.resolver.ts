import { PageArgs, badUserInput, findPage, isKnownMunicipality, municipalityName, selectsField } from "@sos/kit";
import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, FieldResolver, ID, Info, Int, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../context.js";
import { hhmm, isOpenAt } from "./ips.hours.js";
import { GeoPointInput } from "./ips.input.js";
import { IpsNetwork, type ClinicDoc } from "./ips.model.js";
import { EmergencyRoom, GeoPoint, Ips, IpsConnection, OpeningHours } from "./ips.type.js";

/** How many emergency rooms one question may ask for. */
const MAX_NEAREST = 20;

/** A well-formed REPS code (12 digits); one of an unknown place is simply not in the network (null). */
function checkCode(habilitationCode: string, field: string): void {
  if (!/^\d{12}$/.test(habilitationCode)) {
    throw badUserInput({ field, message: "El código de habilitación debe tener 12 dígitos: DANE (5), consecutivo (5) y sede (2)." });
  }
}

/** Clinics are public information: anyone, with or without a session, finds where to be attended. */
@Resolver(() => Ips)
export class IpsResolver {
  @Query(() => Ips, { nullable: true, description: "Una IPS por su código de habilitación REPS" })
  async ips(@Arg("habilitationCode", () => ID, { description: "Código de habilitación REPS (12 dígitos)" }) habilitationCode: string, @Ctx() ctx: Context): Promise<ClinicDoc | null> {
    checkCode(habilitationCode, "habilitationCode");
    return ctx.loaders.clinicByCode.load(habilitationCode);
  }

  @Query(() => IpsConnection, { description: "IPS activas de un municipio, de una red y con un servicio, por código de habilitación" })
  async clinics(
    @Arg("municipalityCode", () => String, { description: "Código DANE del municipio (5 dígitos)" }) municipalityCode: string,
    @Arg("network", () => IpsNetwork, { nullable: true, description: "Solo las de esta red" }) network: IpsNetwork | undefined,
    @Arg("service", () => String, { nullable: true, description: "Código REPS de un servicio habilitado (p. ej. 342, pediatría)" }) service: string | undefined,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    if (!isKnownMunicipality(municipalityCode)) {
      throw badUserInput({ field: "municipalityCode", message: "S.O.S. no tiene red en ese municipio (o el código DANE no es válido)." });
    }
    if (service !== undefined && !/^\d{3,4}$/.test(service)) {
      throw badUserInput({ field: "service", message: "El código de servicio REPS tiene 3 o 4 dígitos (p. ej. 342)." });
    }
    const result = await findPage<ClinicDoc>({
      model: ctx.models.clinics,
      // A municipality has tens of clinics: the index narrows to them, the service is checked on those.
      filter: { municipalityCode, ...(network && { networks: network }), active: true, ...(service && { "services.code": service }) },
      sortField: "_id",
      args: page,
      withTotal: selectsField(info, "totalCount"),
    });
    for (const clinic of result.nodes) ctx.loaders.clinicByCode.prime(clinic._id, clinic);
    return result;
  }

  @Query(() => [EmergencyRoom], { description: "Las urgencias de la red más cercanas a un punto, de la más cercana a la más lejana" })
  async nearestEmergencyRooms(
    @Arg("near", () => GeoPointInput, { description: "Dónde está la persona" }) near: GeoPointInput,
    @Arg("first", () => Int, { defaultValue: 5, description: `Cuántas (1 a ${MAX_NEAREST})` }) first: number,
    @Arg("at", () => Date, { nullable: true, description: "Momento para el que se evalúa openNow (por defecto, ahora)" }) at: Date | undefined,
    @Ctx() ctx: Context,
  ): Promise<{ ips: ClinicDoc; distanceMeters: number; openNow: boolean }[]> {
    if (!Number.isInteger(first) || first < 1 || first > MAX_NEAREST) throw badUserInput({ field: "first", message: `Pida entre 1 y ${MAX_NEAREST} urgencias.` });
    // $geoNear, not $near: it orders by distance on every server and gives the distance itself.
    const found = await ctx.models.clinics
      .aggregate<ClinicDoc & { distance: number }>([
        {
          $geoNear: {
            near: { type: "Point", coordinates: [near.longitude, near.latitude] },
            distanceField: "distance",
            spherical: true,
            query: { networks: IpsNetwork.EMERGENCY, active: true },
          },
        },
        { $limit: first },
      ])
      .exec();
    const moment = at ?? new Date();
    return found.map(({ distance, ...clinic }) => {
      ctx.loaders.clinicByCode.prime(clinic._id, clinic);
      return { ips: clinic, distanceMeters: Math.round(distance), openNow: isOpenAt(clinic, moment) };
    });
  }

  @FieldResolver(() => String, { nullable: true, description: "Nombre del municipio" })
  municipality(@Root() clinic: ClinicDoc): string | null {
    return municipalityName(clinic.municipalityCode);
  }

  @FieldResolver(() => GeoPoint, { description: "Ubicación de la sede (latitud y longitud)" })
  location(@Root() clinic: ClinicDoc): GeoPoint {
    const [longitude, latitude] = clinic.location.coordinates;
    return { latitude, longitude };
  }

  @FieldResolver(() => [OpeningHours], { description: "Horario por día de la semana, hora de Colombia" })
  openingHours(@Root() clinic: ClinicDoc): OpeningHours[] {
    return clinic.openingHours.map((span) => ({ weekday: span.weekday, opens: hhmm(span.opens), closes: hhmm(span.closes) }));
  }

  @FieldResolver(() => [OpeningHours], { description: "Horario en festivos (vacío: cerrada); weekday no aplica y vale -1" })
  holidayHours(@Root() clinic: ClinicDoc): OpeningHours[] {
    return clinic.holidayHours.map((span) => ({ weekday: -1, opens: hhmm(span.opens), closes: hhmm(span.closes) }));
  }

  @FieldResolver(() => Boolean, { description: "Abierta ahora (o en el momento «at»), hora de Colombia, festivos incluidos" })
  openNow(@Root() clinic: ClinicDoc, @Arg("at", () => Date, { nullable: true, description: "Momento que se evalúa (por defecto, ahora)" }) at: Date | undefined): boolean {
    return isOpenAt(clinic, at ?? new Date());
  }
}
