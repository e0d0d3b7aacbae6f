// A typed client in a few lines: signs in with e-mail and password (the `Login` trusted document), asks for
// the member's home screen (`MemberHome`) with the access token, prints a short summary, and signs out.
// Every request sends a trusted document's id, never its body, as the apps do (docs/security.md).
//
//   npm start                      # in another terminal: the graph on http://127.0.0.1:4000/graphql
//   npm run example:dashboard      # or: node --conditions=development --import tsx examples/member-dashboard.ts
//
// GATEWAY_URL, EMAIL and PASSWORD override the development member account (docs/identity.md).
import { pathToFileURL } from "node:url";
import { GraphqlRequestError, LoginDocument, LogoutDocument, MemberHomeDocument, createClient, type GraphqlErrorEntry, type MemberHomeQuery } from "@sos/client";

export const DEFAULTS = {
  gatewayUrl: "http://127.0.0.1:4000/graphql",
  email: "mariafernanda.valencia@correo.example",
  password: "Oficina-virtual-2026",
};

type Me = MemberHomeQuery["me"];

const LABELS: Record<string, string> = {
  CONYUGE_COMPANERO: "cónyuge o compañero(a)",
  HIJO: "hijo(a)",
  PADRE_MADRE: "padre o madre",
};

/** The home screen as a few lines of text. */
export function summarize(me: Me): string {
  const ips = me.primaryIps;
  const family = me.familyGroup?.beneficiaries ?? [];
  return [
    `${me.fullName ?? "(sin nombre)"} — ${me.documentType} ${me.documentNumber}`,
    `  State:       ${me.state ?? "—"}`,
    `  Régimen:     ${me.regime ?? "—"}${me.memberType ? ` (${me.memberType})` : ""}`,
    `  Primary IPS: ${ips ? `${ips.name} (${ips.habilitationCode}), ${ips.address}, tel. ${ips.phone}` : "—"}${me.primaryIpsNeedsChange ? "  ← must choose another" : ""}`,
    `  Family:      ${!me.familyGroup ? "—" : family.length ? `${family.length} beneficiar${family.length === 1 ? "y" : "ies"}` : "no beneficiaries"}`,
    ...family.map((person) => `    - ${person.fullName ?? "(sin nombre)"}, ${person.relationship ? (LABELS[person.relationship] ?? person.relationship) : "—"}, ${person.state ?? "—"}`),
  ].join("\n");
}

/** Signs in, reads the member's home screen, signs out; resolves with the printed summary. */
export async function memberDashboard(options: Partial<typeof DEFAULTS> = {}): Promise<string> {
  const { gatewayUrl, email, password } = { ...DEFAULTS, ...options };
  const client = createClient({ url: gatewayUrl });
  const { login } = await client.request(LoginDocument, { input: { email, password } });
  // The access token lives 15 minutes; the refresh token renews it (RefreshSession) and ends the session (Logout).
  const member = client.withToken(login.accessToken);
  try {
    // A field the viewer may not read answers null with a FORBIDDEN error: the rest of the screen still shows.
    const { data, withheld } = await member.request(MemberHomeDocument).then(
      (data) => ({ data, withheld: [] as GraphqlErrorEntry[] }),
      (error: unknown) => {
        const partial = error instanceof GraphqlRequestError ? (error.data as MemberHomeQuery | null | undefined) : null;
        if (!partial?.me) throw error;
        return { data: partial, withheld: (error as GraphqlRequestError).errors };
      },
    );
    const notes = withheld.map((error) => `  (${error.path?.join(".") ?? "?"}: ${error.extensions?.code ?? "ERROR"} — ${error.message})`);
    return [`Signed in as ${email} (${login.profile.role}), session until ${login.expiresAt}`, "", summarize(data.me), ...notes].join("\n");
  } finally {
    await member.request(LogoutDocument, { refreshToken: login.refreshToken });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const env = process.env;
  try {
    console.log(await memberDashboard({ ...(env["GATEWAY_URL"] && { gatewayUrl: env["GATEWAY_URL"] }), ...(env["EMAIL"] && { email: env["EMAIL"] }), ...(env["PASSWORD"] && { password: env["PASSWORD"] }) }));
  } catch (error) {
    const { message, cause } = error as { message: string; cause?: { code?: string; message?: string } };
    console.error(cause?.code === "ECONNREFUSED" ? `Nothing answers at ${env["GATEWAY_URL"] ?? DEFAULTS.gatewayUrl}: start the graph with \`npm start\` first.` : `${message}${cause?.message ? ` (${cause.message})` : ""}`);
    process.exit(1);
  }
}
