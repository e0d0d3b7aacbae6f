// The typed-client example (examples/member-dashboard.ts, README "A typed client in five minutes") against
// the whole graph: run as a user runs it, a process pointed at the stack's gateway by GATEWAY_URL, it signs
// in with the development member account the identity subgraph seeds, reads her home screen through
// trusted documents sent by id, and prints a summary that names her, her clinic and her family; for a
// beneficiary it shows what he may read and names what he may not.
import { PERSONAS } from "@sos/personas";
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStack, type Stack } from "./stack.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.close();
});

/** The example as a process: its exit code, what it printed and what it complained about. */
function runExample(env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return promisify(execFile)(process.execPath, ["--conditions=development", "--import", "tsx", "examples/member-dashboard.ts"], {
    cwd: ROOT,
    env: { ...process.env, GATEWAY_URL: stack.gatewayUrl, ...env },
    timeout: 60_000,
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
}

interface MemberHome {
  me: {
    fullName: string;
    state: string;
    regime: string;
    primaryIps: { name: string; habilitationCode: string };
    familyGroup: { beneficiaries: { fullName: string }[] };
  };
}

describe("examples/member-dashboard.ts", () => {
  it("signs in as the development member and prints her name, state, régimen, primary IPS and family", async () => {
    // What the graph says about her, asked with a token the test signs: the summary must say the same.
    const expected = await stack.persisted<MemberHome>("MemberHome", { viewer: PERSONAS["member"]! });
    expect(expected.errors).toBeUndefined();
    const me = expected.data!.me;
    expect(me.fullName).toMatch(/^María Fernanda/);

    const { code, stdout, stderr } = await runExample({});
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toContain("Signed in as mariafernanda.valencia@correo.example (MEMBER)");
    expect(stdout).toContain(me.fullName);
    expect(stdout).toMatch(new RegExp(`State:\\s+${me.state}`));
    expect(stdout).toMatch(new RegExp(`Régimen:\\s+${me.regime}`));
    expect(stdout).toContain(`${me.primaryIps.name} (${me.primaryIps.habilitationCode})`);
    expect(me.familyGroup.beneficiaries.length).toBeGreaterThan(0);
    for (const beneficiary of me.familyGroup.beneficiaries) expect(stdout).toContain(`- ${beneficiary.fullName}`);
  }, 90_000);

  it("for her spouse, a beneficiary, names what he may not read (the family group) and shows the rest", async () => {
    const { code, stdout } = await runExample({ EMAIL: "andres.rodriguez86@example.com" });
    expect(code).toBe(0);
    expect(stdout).toContain("Signed in as andres.rodriguez86@example.com (MEMBER)");
    expect(stdout).toMatch(/^Andrés Felipe .+ — CC \d+$/m);
    expect(stdout).toMatch(/Régimen:\s+CONTRIBUTIVO \(BENEFICIARIO\)/);
    expect(stdout).toMatch(/Family:\s+—/);
    expect(stdout).toContain("(me.familyGroup: FORBIDDEN");
  }, 90_000);

  it("says why when the sign-in is refused, and exits 1", async () => {
    const { code, stdout, stderr } = await runExample({ PASSWORD: "no-es-la-clave-correcta" });
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toContain("Login: UNAUTHENTICATED");
  }, 90_000);
});
