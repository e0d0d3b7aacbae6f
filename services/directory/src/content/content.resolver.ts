import { Arg, Field, ObjectType, Query, Resolver, registerEnumType } from "type-graphql";
import { DUTIES, FAQ, RIGHTS, type FaqEntry } from "./content.data.js";

const FaqTopic = { AFILIACION: "AFILIACION", CITAS: "CITAS", MEDICAMENTOS: "MEDICAMENTOS", URGENCIAS: "URGENCIAS", PAC: "PAC", PQRS: "PQRS" } as const;
type FaqTopic = FaqEntry["topic"];
registerEnumType(FaqTopic, { name: "FaqTopic", description: "Tema de una pregunta frecuente" });

@ObjectType({ description: "Pregunta frecuente" })
export class Faq {
  @Field(() => String)
  id!: string;

  @Field(() => FaqTopic)
  topic!: FaqTopic;

  @Field(() => String)
  question!: string;

  @Field(() => String)
  answer!: string;
}

@ObjectType({ description: "Derechos y deberes del afiliado (Ley 1751 de 2015)" })
export class RightsAndDuties {
  @Field(() => [String])
  rights!: string[];

  @Field(() => [String])
  duties!: string[];
}

/** Help for members: public, no session needed. */
@Resolver()
export class ContentResolver {
  @Query(() => [Faq], { description: "Preguntas frecuentes; con un tema, solo las de ese tema" })
  faq(@Arg("topic", () => FaqTopic, { nullable: true }) topic: FaqTopic | undefined): Faq[] {
    return FAQ.filter((entry) => !topic || entry.topic === topic).map((entry) => ({ ...entry }));
  }

  @Query(() => RightsAndDuties, { description: "Derechos y deberes de los afiliados" })
  memberRightsAndDuties(): RightsAndDuties {
    return { rights: [...RIGHTS], duties: [...DUTIES] };
  }
}
