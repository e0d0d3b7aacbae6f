// A minimal second subgraph that keeps records about members, the way every later subgraph will:
// clinical and administrative notes, each readable by the relations docs/access.md gives its kind.
// It extends the Member entity with `notes`, so the gateway joins it to affiliation's Member.
import {
  RecordAudience,
  authorizeMemberRecord,
  defineSubgraph,
  notYours,
  type MemberRelation,
  type SubgraphContext,
} from "@sos/kit";
import DataLoader from "dataloader";
import { Schema, type Connection, type Model } from "mongoose";
import { Arg, Ctx, Directive, Field, FieldResolver, ID, ObjectType, Query, Resolver, Root } from "type-graphql";

export interface NoteDoc {
  _id: string;
  memberId: string;
  kind: "CLINICAL" | "ADMINISTRATIVE";
  text: string;
}

const noteSchema = new Schema<NoteDoc>(
  { _id: String, memberId: { type: String, required: true }, kind: { type: String, required: true }, text: { type: String, required: true } },
  { collection: "notes", versionKey: false },
);
noteSchema.index({ memberId: 1, _id: 1 });

const models = (connection: Connection) => ({
  notes: (connection.models["Note"] as Model<NoteDoc> | undefined) ?? connection.model<NoteDoc>("Note", noteSchema),
});
type Models = ReturnType<typeof models>;
const loaders = (m: Models) => ({
  notesOf: new DataLoader<string, NoteDoc[]>(async (memberIds) => {
    const found = await m.notes.find({ memberId: { $in: [...memberIds] } }).sort({ memberId: 1, _id: 1 }).lean<NoteDoc[]>().exec();
    return memberIds.map((id) => found.filter((note) => note.memberId === id));
  }),
});
type Context = SubgraphContext<Models, ReturnType<typeof loaders>>;

/** Who may read each kind of note. */
const AUDIENCE: Record<NoteDoc["kind"], readonly MemberRelation[]> = {
  CLINICAL: RecordAudience.CLINICAL,
  ADMINISTRATIVE: RecordAudience.ADMINISTRATIVE,
};

@ObjectType()
export class Note {
  @Field(() => ID) _id!: string;
  @Field(() => String) kind!: string;
  @Field(() => String) text!: string;
}

/** Affiliation's Member, as this subgraph extends it: the key, and the notes. */
@Directive(`@key(fields: "id")`)
@ObjectType("Member")
export class NotesMember {
  @Field(() => ID) id!: string;
}

/** The notes of a member that the viewer may read; clinical reads are recorded. */
async function readableNotes(ctx: Context, memberId: string): Promise<NoteDoc[]> {
  const notes = await ctx.loaders.notesOf.load(memberId);
  const readable: NoteDoc[] = [];
  for (const note of notes) {
    const allowed = await authorizeMemberRecord(ctx, memberId, { allowed: AUDIENCE[note.kind], action: "NOTE_READ", sensitive: note.kind === "CLINICAL" }).then(
      () => true,
      () => false,
    );
    if (allowed) readable.push(note);
  }
  return readable;
}

@Resolver(() => NotesMember)
export class NotesMemberResolver {
  @FieldResolver(() => [Note])
  notes(@Root() member: NotesMember, @Ctx() ctx: Context): Promise<NoteDoc[]> {
    return readableNotes(ctx, member.id);
  }
}

@Resolver()
export class NoteResolver {
  @Query(() => Note)
  async note(@Arg("id", () => ID) id: string, @Ctx() ctx: Context): Promise<NoteDoc> {
    const note = await ctx.models.notes.findById(id).lean<NoteDoc>().exec();
    if (!note) throw notYours();
    await authorizeMemberRecord(ctx, note.memberId, { allowed: AUDIENCE[note.kind], action: "NOTE_READ", sensitive: note.kind === "CLINICAL" });
    return note;
  }
}

export const notes = defineSubgraph({
  name: "notes",
  resolvers: [NoteResolver, NotesMemberResolver],
  orphanedTypes: [NotesMember],
  referenceResolvers: {
    // Only the key is taken from the representation; what it may see is asked of affiliation.
    Member: { __resolveReference: (reference: { id: string }) => ({ id: reference.id }) },
  },
  models,
  loaders,
});
