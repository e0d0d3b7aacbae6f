import { Max, Min } from "class-validator";
import { Field, InputType } from "type-graphql";

@InputType({ description: "Un punto: latitud y longitud en grados (WGS 84)" })
export class GeoPointInput {
  @Field(() => Number)
  @Min(-90, { message: "La latitud debe estar entre -90 y 90." })
  @Max(90, { message: "La latitud debe estar entre -90 y 90." })
  latitude!: number;

  @Field(() => Number)
  @Min(-180, { message: "La longitud debe estar entre -180 y 180." })
  @Max(180, { message: "La longitud debe estar entre -180 y 180." })
  longitude!: number;
}
