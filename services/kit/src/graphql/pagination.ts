import { type GraphQLResolveInfo, Kind, type SelectionSetNode } from "graphql";
import { ArgsType, Directive, Field, Int, ObjectType, type ClassType } from "type-graphql";
import { IsOptional, Max, Min } from "class-validator";

import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "./page-size.js";

export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE };

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: `Cuántos elementos traer (1 a ${MAX_PAGE_SIZE}; ${DEFAULT_PAGE_SIZE} si se omite)` })
  @IsOptional()
  @Min(1, { message: "«first» debe ser al menos 1." })
  @Max(MAX_PAGE_SIZE, { message: `«first» no puede pasar de ${MAX_PAGE_SIZE}.` })
  first?: number;

  @Field(() => String, { nullable: true, description: "Cursor opaco: el endCursor de la página anterior" })
  @IsOptional()
  after?: string;
}

/** Every subgraph's lists use it: @shareable, or composition refuses the second subgraph that pages. */
@Directive("@shareable")
@ObjectType({ description: "Información de la página (paginación por cursor)" })
export class PageInfo {
  @Field(() => Boolean, { description: "Si hay más elementos después de esta página" })
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: "Cursor del último elemento; páselo en «after» para la siguiente página" })
  endCursor!: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> {
  edges: Edge<T>[];
  nodes: T[];
  pageInfo: PageInfo;
  totalCount: number | null;
}

/**
 * A Relay-style connection type for a node type: `edges { cursor node }`, `nodes`, `pageInfo`,
 * `totalCount`. Declare one per node type: `export const MemberConnection = connectionType("Member", Member, "afiliados")`;
 * `items` (the nodes in Spanish, plural) goes into the descriptions, the type's name when omitted.
 */
export function connectionType<T extends object>(name: string, nodeType: ClassType<T>, items: string = name): ClassType<Connection<T>> {
  @ObjectType(`${name}Edge`, { description: `Un elemento de una página de ${items}, con su cursor` })
  class EdgeType {
    @Field(() => String, { description: "Cursor opaco de este elemento: páselo en «after» para seguir desde él" })
    cursor!: string;

    @Field(() => nodeType, { description: "El elemento" })
    node!: T;
  }

  @ObjectType(`${name}Connection`, { description: `Página de ${items} (paginación por cursor: first y after)` })
  class ConnectionType {
    @Field(() => [EdgeType], { description: "Los elementos de la página con sus cursores, en el orden de la lista" })
    edges!: Edge<T>[];

    @Field(() => [nodeType], { description: "Los elementos de la página, sin cursores" })
    nodes!: T[];

    @Field(() => PageInfo, { description: "Si hay más elementos y el cursor para pedir la página siguiente" })
    pageInfo!: PageInfo;

    @Field(() => Int, { nullable: true, description: "Total de elementos (solo se calcula si se pide)" })
    totalCount!: number | null;
  }
  return ConnectionType;
}

/** Whether the client selected a field directly under the current one (e.g. `totalCount`): skip work it did not ask for. */
export function selectsField(info: GraphQLResolveInfo, name: string): boolean {
  const visit = (set: SelectionSetNode | undefined): boolean =>
    (set?.selections ?? []).some((selection) => {
      if (selection.kind === Kind.FIELD) return selection.name.value === name;
      if (selection.kind === Kind.INLINE_FRAGMENT) return visit(selection.selectionSet);
      const fragment = info.fragments[selection.name.value];
      return visit(fragment?.selectionSet);
    });
  return info.fieldNodes.some((node) => visit(node.selectionSet));
}
