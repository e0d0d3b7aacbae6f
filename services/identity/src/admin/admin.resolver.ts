import { badUserInput, conflict, isDuplicateKeyError, mailerFor, newId, notFound, requireRole } from "@sos/kit";
import { IsEmail, IsIn, Length, Matches, MaxLength } from "class-validator";
import { Arg, Ctx, Field, ID, InputType, Mutation, ObjectType, Resolver } from "type-graphql";
import { AccountStatus, normalEmail, pendingUntil, type AccountDoc } from "../accounts/account.model.js";
import { CodePurpose, issueCode } from "../accounts/code.model.js";
import { ROTATION_GRACE_MS, hashSecret, newSecret, type IpsClientDoc } from "../clients/ips-client.model.js";
import type { Context } from "../context.js";
import { endAllSessions } from "../sessions/sessions.js";

const STAFF_ROLES = ["AGENT", "ANALYST", "AUDITOR", "ADMIN"] as const;
/** An invitation's code: long enough to be read on a Monday. */
const INVITATION_MINUTES = 72 * 60;

@InputType({ description: "Cuenta de un funcionario (agente, analista, auditor o administrador)" })
class StaffAccountInput {
  @Field(() => String, { description: "Correo del funcionario: allí llega el código para fijar su contraseña" })
  @MaxLength(120, { message: "El correo electrónico no es válido." })
  @IsEmail({}, { message: "El correo electrónico no es válido." })
  email!: string;

  @Field(() => String, { description: "AGENT, ANALYST, AUDITOR o ADMIN" })
  @IsIn([...STAFF_ROLES], { message: "El rol debe ser AGENT, ANALYST, AUDITOR o ADMIN." })
  role!: string;
}

@ObjectType({ description: "Cuenta de funcionario creada: recibe por correo un código para fijar su contraseña" })
class StaffAccount {
  @Field(() => ID, { description: "Identificador de la cuenta" })
  id!: string;

  @Field(() => String, { description: "Correo del funcionario" })
  email!: string;

  @Field(() => String, { description: "Rol: AGENT, ANALYST, AUDITOR o ADMIN" })
  role!: string;

  @Field(() => String, { description: "Estado de la cuenta: PENDIENTE hasta que fije su contraseña" })
  status!: string;
}

@InputType({ description: "Cliente de máquina de una IPS (OAuth 2, client credentials)" })
class IpsClientInput {
  @Field(() => String, { description: "Código de habilitación de la IPS (12 dígitos)" })
  @Matches(/^\d{12}$/, { message: "El código de habilitación de la IPS debe tener 12 dígitos." })
  ipsCode!: string;

  @Field(() => String, { description: "Nombre del sistema de la IPS que lo usará" })
  @Length(3, 80, { message: "Indique el nombre del sistema (3 a 80 caracteres)." })
  name!: string;
}

@ObjectType({ description: "Credenciales de un cliente de IPS: el secreto se muestra solo esta vez" })
class IpsClientCredentials {
  @Field(() => ID, { description: "client_id" })
  clientId!: string;

  @Field(() => String, { description: "client_secret: guárdelo en el gestor de secretos de la IPS; no se vuelve a mostrar" })
  clientSecret!: string;

  @Field(() => String, { description: "Código de habilitación REPS de la IPS (12 dígitos)" })
  ipsCode!: string;

  @Field(() => Date, { nullable: true, description: "Tras una rotación: hasta cuándo sirve el secreto anterior" })
  previousSecretValidUntil!: Date | null;
}

/** What an administrator does: staff accounts and partner clinics' machine clients. */
@Resolver()
export class AdminResolver {
  @Mutation(() => StaffAccount, { description: "Crea la cuenta de un funcionario y le envía por correo un código para fijar su contraseña (administradores)" })
  async createStaffAccount(@Arg("input", () => StaffAccountInput, { description: "Correo y rol del funcionario" }) input: StaffAccountInput, @Ctx() ctx: Context): Promise<StaffAccount> {
    const admin = requireRole(ctx.viewer, "ADMIN");
    const email = normalEmail(input.email);
    const account: AccountDoc = { _id: newId(), email, passwordHash: null, status: AccountStatus.PENDIENTE, profiles: [{ role: input.role as (typeof STAFF_ROLES)[number] }], createdAt: new Date(), createdBy: admin.subject, memberId: null, pendingUntil: pendingUntil() };
    try {
      await ctx.models.accounts.create([account]);
    } catch (error) {
      if (isDuplicateKeyError(error)) throw conflict("Ya hay una cuenta con ese correo.");
      throw error;
    }
    const code = await issueCode(ctx.models.codes, account._id, CodePurpose.RESTABLECER, INVITATION_MINUTES);
    await mailerFor(ctx.settings.smtpUrl, ctx.settings.mailFrom).send({
      to: email,
      subject: "Su cuenta de funcionario en la Oficina Virtual de S.O.S.",
      text: `Se creó su cuenta (${input.role}). Para fijar su contraseña use «Restablecer contraseña» con este correo y el código ${code}, que vence en 72 horas.`,
    });
    return { id: account._id, email, role: input.role, status: account.status };
  }

  @Mutation(() => Boolean, { description: "Deshabilita una cuenta y cierra todas sus sesiones (administradores)" })
  async disableAccount(@Arg("accountId", () => ID, { description: "Identificador de la cuenta" }) accountId: string, @Ctx() ctx: Context): Promise<boolean> {
    requireRole(ctx.viewer, "ADMIN");
    const changed = await ctx.models.accounts.updateOne({ _id: accountId }, { $set: { status: AccountStatus.DESHABILITADA } }).exec();
    if (changed.matchedCount !== 1) throw notFound("No hay una cuenta con ese identificador.");
    await endAllSessions(ctx.models, accountId);
    return true;
  }

  @Mutation(() => IpsClientCredentials, { description: "Crea el cliente de máquina de una IPS y devuelve su secreto, una sola vez (administradores)" })
  async createIpsClient(@Arg("input", () => IpsClientInput, { description: "La IPS y el nombre de su sistema" }) input: IpsClientInput, @Ctx() ctx: Context): Promise<IpsClientCredentials> {
    const admin = requireRole(ctx.viewer, "ADMIN");
    const clientSecret = newSecret();
    const client: IpsClientDoc = {
      _id: `ips-${input.ipsCode}-${newSecret().slice(0, 8).toLowerCase().replace(/[^a-z0-9]/g, "x")}`,
      ipsCode: input.ipsCode,
      name: input.name,
      secretHash: hashSecret(clientSecret),
      previousSecretHash: null,
      previousValidUntil: null,
      createdAt: new Date(),
      createdBy: admin.subject,
      rotatedAt: null,
      revokedAt: null,
    };
    await ctx.models.ipsClients.create([client]);
    return { clientId: client._id, clientSecret, ipsCode: client.ipsCode, previousSecretValidUntil: null };
  }

  @Mutation(() => IpsClientCredentials, { description: "Da un secreto nuevo a un cliente de IPS; el anterior sirve una hora más (administradores)" })
  async rotateIpsClientSecret(@Arg("clientId", () => ID, { description: "El client_id del cliente de la IPS" }) clientId: string, @Ctx() ctx: Context): Promise<IpsClientCredentials> {
    requireRole(ctx.viewer, "ADMIN");
    const client = await ctx.models.ipsClients.findById(clientId).lean<IpsClientDoc>().exec();
    if (!client || client.revokedAt) throw notFound("No hay un cliente vigente con ese identificador.");
    const clientSecret = newSecret();
    const now = new Date();
    const previousSecretValidUntil = new Date(now.getTime() + ROTATION_GRACE_MS);
    // Guarded by the secret it replaces: two rotations at once cannot both pass.
    const rotated = await ctx.models.ipsClients
      .updateOne({ _id: clientId, secretHash: client.secretHash }, { $set: { secretHash: hashSecret(clientSecret), previousSecretHash: client.secretHash, previousValidUntil: previousSecretValidUntil, rotatedAt: now } })
      .exec();
    if (rotated.modifiedCount !== 1) throw conflict("El secreto cambió mientras se rotaba: consulte y rote de nuevo.");
    return { clientId, clientSecret, ipsCode: client.ipsCode, previousSecretValidUntil };
  }

  @Mutation(() => Boolean, { description: "Revoca un cliente de IPS: sus secretos dejan de servir (administradores)" })
  async revokeIpsClient(@Arg("clientId", () => ID, { description: "El client_id del cliente de la IPS" }) clientId: string, @Ctx() ctx: Context): Promise<boolean> {
    requireRole(ctx.viewer, "ADMIN");
    const revoked = await ctx.models.ipsClients.updateOne({ _id: clientId, revokedAt: null }, { $set: { revokedAt: new Date() } }).exec();
    if (revoked.matchedCount !== 1) throw badUserInput({ field: "clientId", message: "No hay un cliente vigente con ese identificador." });
    return true;
  }
}
