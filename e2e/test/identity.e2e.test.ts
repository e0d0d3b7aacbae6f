// Identity through the gateway: a member registers with the code received by e-mail (a real SMTP server
// in the test), signs in, refreshes and signs out; refusals (wrong password, lockout, reused refresh
// token, expired token, a clinic's wrong secret); a partner clinic's client credentials; the key set and
// discovery document at the gateway's origin; an administrator's staff accounts and clinic clients.
import { decodeProtectedHeader, generateKeyPair } from "jose";
import { errorCodes, graphqlRequest } from "@sos/kit/testing";
import { createTokenSigner, nitCheckDigit } from "@sos/kit";
import { startMailCatcher, type MailCatcher } from "@sos/identity/mail-catcher";
import { DEV_IPS_CLIENT, DEV_PASSWORD } from "@sos/identity/seed";
import { PERSONAS, PERSONA_FAMILY_IDS, PERSONA_IDS } from "@sos/personas";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startGateway, startStack, type Stack } from "./stack.js";


let stack: Stack;
let mail: MailCatcher;
beforeAll(async () => {
  mail = await startMailCatcher();
  stack = await startStack({ subgraphEnv: { SMTP_URL: `smtp://127.0.0.1:${mail.smtpPort}` } });
});
afterAll(async () => {
  await stack?.close();
  await mail?.close();
});

type SessionFields = { accessToken: string; refreshToken: string; expiresAt: string; profile: { role: string; memberId: string | null } };
const SESSION = "accessToken refreshToken expiresAt profile { role memberId }";
const asToken = (token: string) => ({ authorization: `Bearer ${token}` });
const codeIn = (text: string) => /\b(\d{6})\b/.exec(text)?.[1] ?? "";
const login = (email: string, password: string) => stack.query<{ login: SessionFields }>(`mutation($i: LoginInput!) { login(input: $i) { ${SESSION} } }`, { variables: { i: { email, password } } });
const refresh = (refreshToken: string) => stack.query<{ refreshSession: SessionFields }>(`mutation($i: RefreshSessionInput!) { refreshSession(input: $i) { ${SESSION} } }`, { variables: { i: { refreshToken } } });

describe("a member registers", () => {

  it("with the code e-mailed to the address affiliation holds, then signs in and reads their own data", async () => {
    const jorge = await stack.connection.collection("members").findOne({ _id: PERSONA_IDS.otherMember as never });
    const input = { documentType: jorge!["documentType"], documentNumber: jorge!["documentNumber"], birthDate: jorge!["birthDate"], email: "Jorge.Mosquera@correo.example", password: "mi casa en el barrio San Fernando" };

    // A wrong birth date: the same answer, and no e-mail leaves.
    const before = mail.messages().length;
    const wrong = await stack.persisted<{ registerMember: { message: string } }>("RegisterMember", { variables: { input: { ...input, birthDate: "1980-01-01" } } });
    const registered = await stack.persisted<{ registerMember: { message: string } }>("RegisterMember", { variables: { input } });
    expect(registered.errors).toBeUndefined();
    expect(wrong.data!.registerMember.message).toBe(registered.data!.registerMember.message);
    const message = await mail.waitFor("jorge.mosquera@correo.example");
    expect(mail.messages().length).toBe(before + 1);
    const code = codeIn(message.text);
    expect(code).toMatch(/^\d{6}$/);

    const badCode = await stack.persisted("ConfirmEmail", { variables: { input: { email: input.email, code: code === "000000" ? "111111" : "000000", password: input.password } } });
    expect(badCode.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.code" });
    const confirmed = await stack.persisted<{ confirmEmail: SessionFields }>("ConfirmEmail", { variables: { input: { email: input.email, code, password: input.password } } });
    expect(confirmed.errors).toBeUndefined();
    expect(confirmed.data!.confirmEmail.profile).toEqual({ role: "MEMBER", memberId: PERSONA_IDS.otherMember, employerNit: null });
    // The code works once.
    expect(errorCodes(await stack.persisted("ConfirmEmail", { variables: { input: { email: input.email, code, password: input.password } } }))).toEqual(["BAD_USER_INPUT"]);

    const signedIn = await stack.persisted<{ login: SessionFields }>("Login", { variables: { input: { email: "jorge.mosquera@correo.example", password: input.password } } });
    expect(signedIn.errors).toBeUndefined();
    const me = await graphqlRequest<{ me: { id: string; firstName: string } }>(stack.gatewayUrl, "{ me { id firstName } }", { headers: asToken(signedIn.data!.login.accessToken) });
    expect(me.data!.me).toEqual({ id: PERSONA_IDS.otherMember, firstName: "Jorge" });
  });

  it("a second registration of the same person cannot take the account: each code is bound to its own password", async () => {
    // The other family's spouse has no e-mail of her own in the seed: give her one, as an office would.
    const members = stack.connection.collection("members");
    await members.updateOne({ _id: PERSONA_FAMILY_IDS.otherBeneficiary as never }, { $set: { "contact.email": "luz.caicedo@correo.example" } });
    const her = await members.findOne({ _id: PERSONA_FAMILY_IDS.otherBeneficiary as never });
    const input = { documentType: her!["documentType"], documentNumber: her!["documentNumber"], birthDate: her!["birthDate"], email: "luz.caicedo@correo.example" };
    const inbox = () => mail.messages().filter((message) => message.to.includes(input.email));
    await stack.persisted("RegisterMember", { variables: { input: { ...input, password: "la clave que ella eligió hoy" } } });
    await mail.waitFor(input.email);
    // Someone who knows her data registers again with their own password: the new code reaches her inbox.
    await stack.persisted("RegisterMember", { variables: { input: { ...input, password: "la clave del suplantador" } } });
    await expect.poll(() => inbox().length).toBe(2);
    const intrudersCode = codeIn(inbox().at(-1)!.text);
    // She types the newest code she received, with her password: it activates nothing (it carries the intruder's).
    expect(errorCodes(await stack.persisted("ConfirmEmail", { variables: { input: { email: input.email, code: intrudersCode, password: "la clave que ella eligió hoy" } } }))).toEqual(["BAD_USER_INPUT"]);
    expect(errorCodes(await login(input.email, "la clave del suplantador"))).toEqual(["UNAUTHENTICATED"]);
    // Registering again gives her a code of her own, and the account is hers.
    await stack.persisted("RegisterMember", { variables: { input: { ...input, password: "la clave que ella eligió hoy" } } });
    await expect.poll(() => inbox().length).toBe(3);
    const confirmed = await stack.persisted<{ confirmEmail: SessionFields }>("ConfirmEmail", { variables: { input: { email: input.email, code: codeIn(inbox().at(-1)!.text), password: "la clave que ella eligió hoy" } } });
    expect(confirmed.errors).toBeUndefined();
    expect(confirmed.data!.confirmEmail.profile.memberId).toBe(PERSONA_FAMILY_IDS.otherBeneficiary);
  });

  it("refuses a weak password naming the field, and registers nothing", async () => {
    const weak = await stack.persisted("RegisterMember", { variables: { input: { documentType: "CC", documentNumber: "1144555666", birthDate: "1990-01-01", email: "x@correo.example", password: "1144555666x" } } });
    expect(weak.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.password" });
  });
});

describe("sessions", () => {
  const maria = { email: "mariafernanda.valencia@correo.example", password: DEV_PASSWORD };

  it("rotates the refresh token; a reused one ends the whole session", async () => {
    const first = (await login(maria.email, maria.password)).data!.login;
    const second = await refresh(first.refreshToken);
    expect(second.errors).toBeUndefined();
    expect(second.data!.refreshSession.refreshToken).not.toBe(first.refreshToken);
    // The first token again: someone copied it. Both holders are signed out.
    expect(errorCodes(await refresh(first.refreshToken))).toEqual(["UNAUTHENTICATED"]);
    expect(errorCodes(await refresh(second.data!.refreshSession.refreshToken))).toEqual(["UNAUTHENTICATED"]);
  });

  it("two refreshes at once with one token: at most one succeeds, and the family is revoked", async () => {
    const session = (await login(maria.email, maria.password)).data!.login;
    const both = await Promise.all([refresh(session.refreshToken), refresh(session.refreshToken)]);
    const outcomes = both.map((result) => errorCodes(result)[0] ?? "OK");
    expect(outcomes.filter((outcome) => outcome === "OK").length).toBeLessThanOrEqual(1);
    for (const result of both) if (!result.errors) expect(errorCodes(await refresh(result.data!.refreshSession.refreshToken))).toEqual(["UNAUTHENTICATED"]);
  });

  it("logout ends the session", async () => {
    const session = (await login(maria.email, maria.password)).data!.login;
    const out = await stack.persisted<{ logout: boolean }>("Logout", { variables: { refreshToken: session.refreshToken } });
    expect(out.data!.logout).toBe(true);
    expect(errorCodes(await refresh(session.refreshToken))).toEqual(["UNAUTHENTICATED"]);
  });

  it("refuses a wrong password, then locks the name after five failures — an unknown name too, in the same words", async () => {
    const account = "andres.rodriguez86@example.com";
    const wrong = await login(account, "not the password at all");
    expect(errorCodes(wrong)).toEqual(["UNAUTHENTICATED"]);
    for (let i = 0; i < 4; i++) await login(account, "not the password at all");
    const locked = await login(account, DEV_PASSWORD);
    expect(errorCodes(locked)).toEqual(["UNAUTHENTICATED"]);
    expect(locked.errors?.[0]?.message).toMatch(/Demasiados intentos/);
    for (let i = 0; i < 6; i++) await login("nadie@correo.example", "whatever-password");
    const unknown = await login("nadie@correo.example", "whatever-password");
    expect(unknown.errors?.[0]?.message).toMatch(/Demasiados intentos/);
  });

  it("resets a forgotten password by e-mail code; the old sessions end", async () => {
    const email = "nomina@confecciones-saman.example";
    const old = (await login(email, DEV_PASSWORD)).data!.login;
    const asked = await stack.persisted<{ requestPasswordReset: { message: string } }>("RequestPasswordReset", { variables: { email } });
    const unknown = await stack.persisted<{ requestPasswordReset: { message: string } }>("RequestPasswordReset", { variables: { email: "nadie@correo.example" } });
    expect(unknown.data!.requestPasswordReset.message).toBe(asked.data!.requestPasswordReset.message);
    const code = codeIn((await mail.waitFor(email)).text);
    const reset = await stack.persisted<{ resetPassword: boolean }>("ResetPassword", { variables: { input: { email, code, newPassword: "nómina de diciembre pagada" } } });
    expect(reset.data!.resetPassword).toBe(true);
    expect(errorCodes(await refresh(old.refreshToken))).toEqual(["UNAUTHENTICATED"]);
    expect(errorCodes(await login(email, DEV_PASSWORD))).toEqual(["UNAUTHENTICATED"]);
    expect((await login(email, "nómina de diciembre pagada")).data!.login.profile.role).toBe("EMPLOYER");
  });

  it("refuses an expired token and a well-signed token of a key the provider never published", async () => {
    const expired = await stack.signer.sign(PERSONAS["member"]!, Math.floor(Date.now() / 1000) - 60);
    expect(errorCodes(await graphqlRequest(stack.gatewayUrl, "{ me { id } }", { headers: asToken(expired) }))).toEqual(["UNAUTHENTICATED"]);
    const rogue = await generateKeyPair("ES256");
    const forged = await (await createTokenSigner(rogue.privateKey, "rogue-key")).sign(PERSONAS["member"]!);
    expect(errorCodes(await graphqlRequest(stack.gatewayUrl, "{ me { id } }", { headers: asToken(forged) }))).toEqual(["UNAUTHENTICATED"]);
  });

  it("a burst of parallel guesses at one name gets one try at a time", async () => {
    const attempts = await Promise.all(Array.from({ length: 8 }, () => login("analista@sos-eps.example", "no es la clave de nadie")));
    const busy = attempts.filter((attempt) => /Demasiados intentos/.test(attempt.errors?.[0]?.message ?? ""));
    expect(busy.length).toBeGreaterThan(0);
    expect(attempts.every((attempt) => errorCodes(attempt)[0] === "UNAUTHENTICATED")).toBe(true);
  });
});

describe("employers", () => {
  it("a member who runs an employer's payroll adds the employer profile to her account and chooses it at sign-in", async () => {
    const maria = { email: "mariafernanda.valencia@correo.example", password: DEV_PASSWORD };
    const employer = await stack.connection.collection("employers").findOne({ _id: { $ne: "900123456" } as never });
    await stack.connection.collection("employers").updateOne({ _id: employer!._id }, { $set: { contactEmail: maria.email } });
    const nit = `${employer!._id}-${nitCheckDigit(String(employer!._id))}`;

    // The wrong e-mail: the same answer, and nothing is sent.
    const before = mail.messages().length;
    const wrong = await stack.persisted<{ registerEmployer: { message: string } }>("RegisterEmployer", { variables: { input: { nit, email: "otra@correo.example", password: maria.password } } });
    const registered = await stack.persisted<{ registerEmployer: { message: string } }>("RegisterEmployer", { variables: { input: { nit, email: maria.email, password: maria.password } } });
    expect(registered.errors).toBeUndefined();
    expect(wrong.data!.registerEmployer.message).toBe(registered.data!.registerEmployer.message);
    await expect.poll(() => mail.messages().length).toBe(before + 1);
    const code = codeIn(mail.messages().at(-1)!.text);

    // Her own password proves it is her account; the session acts for the employer.
    const confirmed = await stack.persisted<{ confirmEmail: SessionFields & { profile: { employerNit: string } } }>("ConfirmEmail", { variables: { input: { email: maria.email, code, password: maria.password } } });
    expect(confirmed.errors).toBeUndefined();
    expect(confirmed.data!.confirmEmail.profile).toMatchObject({ role: "EMPLOYER", employerNit: employer!._id });

    // At sign-in she chooses; by default she is the member.
    expect((await login(maria.email, maria.password)).data!.login.profile.role).toBe("MEMBER");
    const asEmployer = await stack.query<{ login: SessionFields }>(`mutation($i: LoginInput!) { login(input: $i) { ${SESSION} } }`, { variables: { i: { ...maria, profile: "EMPLOYER" } } });
    expect(asEmployer.data!.login.profile.role).toBe("EMPLOYER");
    const dependents = await graphqlRequest<{ employer: { nit: string } }>(stack.gatewayUrl, `query($n: String!) { employer(nit: $n) { nit } }`, { headers: asToken(asEmployer.data!.login.accessToken), variables: { n: nit } });
    expect(dependents.data!.employer.nit).toBe(employer!._id);
    // A session switches profile on refresh.
    const switched = await stack.query<{ refreshSession: SessionFields }>(`mutation($i: RefreshSessionInput!) { refreshSession(input: $i) { ${SESSION} } }`, { variables: { i: { refreshToken: asEmployer.data!.login.refreshToken, profile: "MEMBER" } } });
    expect(switched.data!.refreshSession.profile).toMatchObject({ role: "MEMBER", memberId: PERSONA_IDS.member });
    // A profile the account does not have is refused, naming the field.
    const refused = await stack.query(`mutation($i: LoginInput!) { login(input: $i) { accessToken } }`, { variables: { i: { ...maria, profile: "ADMIN" } } });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.profile" });
  });
});

describe("partner clinics and the published keys", () => {
  const tokenRequest = (id: string, secret: string) =>
    fetch(`${stack.gatewayBase}/oauth/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}` },
      body: "grant_type=client_credentials",
    });

  it("a clinic's system gets a short-lived token with its secret and runs rightsCheck; a wrong secret is refused", async () => {
    const refused = await tokenRequest(DEV_IPS_CLIENT.clientId, "not-the-secret");
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual({ error: "invalid_client" });

    const granted = await tokenRequest(DEV_IPS_CLIENT.clientId, DEV_IPS_CLIENT.clientSecret);
    expect(granted.status).toBe(200);
    expect(granted.headers.get("cache-control")).toBe("no-store");
    const body = (await granted.json()) as { access_token: string; token_type: string; expires_in: number };
    expect(body).toMatchObject({ token_type: "Bearer", expires_in: 600 });

    const maria = await stack.connection.collection("members").findOne({ _id: PERSONA_IDS.member as never });
    const rights = await graphqlRequest<{ rightsCheck: { entitled: boolean } }>(stack.gatewayUrl, null, {
      headers: asToken(body.access_token),
      variables: { documentType: maria!["documentType"], documentNumber: maria!["documentNumber"] },
      extensions: { persistedQuery: { version: 1, sha256Hash: (await import("./stack.js")).trustedOperation("RightsCheck").id } },
    });
    expect(rights.errors).toBeUndefined();
    expect(rights.data!.rightsCheck.entitled).toBe(true);

    // The token names its key, and the key set at the gateway's origin has it.
    const jwks = (await (await fetch(`${stack.gatewayBase}/.well-known/jwks.json`)).json()) as { keys: { kid: string; kty: string; d?: string }[] };
    expect(jwks.keys.map((key) => key.kid)).toContain(decodeProtectedHeader(body.access_token).kid);
    expect(jwks.keys.every((key) => key.kty === "EC" && key.d === undefined)).toBe(true);
    const discovery = (await (await fetch(`${stack.gatewayBase}/.well-known/openid-configuration`)).json()) as { issuer: string; jwks_uri: string; token_endpoint: string };
    expect(discovery.issuer).toBe("sos-eps-identity");
    expect(discovery.jwks_uri).toMatch(/\/\.well-known\/jwks\.json$/);
  });

  it("cuts off a flood of token requests from one address with 429, before it reaches identity", async () => {
    const limited = await startGateway({ subgraphUrl: Object.fromEntries(Object.values(stack.subgraphs).map(({ name, url }) => [name, url])), publicKeyPem: stack.publicKeyPem, env: { RATE_LIMIT_PER_IP: "3" } });
    try {
      const base = limited.running.url.replace(/\/graphql$/, "");
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        const answer = await fetch(`${base}/oauth/token`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: `grant_type=client_credentials&client_id=${DEV_IPS_CLIENT.clientId}&client_secret=wrong` });
        statuses.push(answer.status);
      }
      expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
      expect(statuses.slice(3)).toEqual([429, 429]);
    } finally {
      await limited.close();
    }
  });

  it("an administrator creates a clinic's client and rotates its secret (the old one works for the grace hour), revokes it; and invites an agent", async () => {
    const admin = (await login("admin@sos-eps.example", DEV_PASSWORD)).data!.login;
    const asAdmin = (query: string, variables: Record<string, unknown>) => graphqlRequest<Record<string, { clientId: string; clientSecret: string } & Record<string, unknown>>>(stack.gatewayUrl, query, { headers: asToken(admin.accessToken), variables });
    const created = await asAdmin(`mutation($i: IpsClientInput!) { createIpsClient(input: $i) { clientId clientSecret ipsCode } }`, { i: { ipsCode: "760010000201", name: "HIS de la IPS" } });
    expect(created.errors).toBeUndefined();
    const { clientId, clientSecret } = created.data!["createIpsClient"]!;
    expect((await tokenRequest(clientId, clientSecret)).status).toBe(200);
    const rotated = await asAdmin(`mutation($c: ID!) { rotateIpsClientSecret(clientId: $c) { clientSecret previousSecretValidUntil } }`, { c: clientId });
    expect((await tokenRequest(clientId, rotated.data!["rotateIpsClientSecret"]!.clientSecret)).status).toBe(200);
    expect((await tokenRequest(clientId, clientSecret)).status).toBe(200);
    await asAdmin(`mutation($c: ID!) { revokeIpsClient(clientId: $c) }`, { c: clientId });
    expect((await tokenRequest(clientId, rotated.data!["rotateIpsClientSecret"]!.clientSecret)).status).toBe(401);
    // Only an administrator.
    const asMember = await graphqlRequest(stack.gatewayUrl, `mutation { createIpsClient(input: { ipsCode: "760010000201", name: "Intento" }) { clientId } }`, { headers: asToken((await login("mariafernanda.valencia@correo.example", DEV_PASSWORD)).data!.login.accessToken) });
    expect(errorCodes(asMember)).toEqual(["FORBIDDEN"]);

    const invited = await asAdmin(`mutation($i: StaffAccountInput!) { createStaffAccount(input: $i) { id role status } }`, { i: { email: "nueva.agente@sos-eps.example", role: "AGENT" } });
    expect(invited.data!["createStaffAccount"]).toMatchObject({ role: "AGENT", status: "PENDIENTE" });
    const code = codeIn((await mail.waitFor("nueva.agente@sos-eps.example")).text);
    await stack.persisted("ResetPassword", { variables: { input: { email: "nueva.agente@sos-eps.example", code, newPassword: "atención al afiliado 24 horas" } } });
    expect((await login("nueva.agente@sos-eps.example", "atención al afiliado 24 horas")).data!.login.profile.role).toBe("AGENT");
  });
});
