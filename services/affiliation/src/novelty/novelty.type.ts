import { LocalDate } from "@sos/kit";
import { Field, ID, Int, ObjectType } from "type-graphql";
import { AffiliationState } from "../member/member.enums.js";

@ObjectType({ description: "Resultado de registrar una novedad de afiliación" })
export class NoveltyResult {
  @Field(() => ID, { description: "Afiliado al que se aplicó la novedad" })
  memberId!: string;

  @Field(() => AffiliationState, { description: "Estado de la afiliación después de la novedad" })
  state!: AffiliationState;

  @Field(() => LocalDate, { nullable: true, description: "Último día de la protección laboral, si la hay" })
  protectionUntil!: string | null;

  @Field(() => Int, { nullable: true, description: "Beneficiarios del grupo familiar a los que también se aplicó (no se informa al empleador)" })
  beneficiariesAffected!: number | null;

  @Field(() => String, { description: "Qué pasó, para mostrar a quien registró la novedad" })
  message!: string;
}
