// The analysts' playground in a real browser (Debian's Chromium, driven by playwright-core), with every
// request to another origin refused as if the network were cut: the page loads, an analyst signs in,
// runs "afiliados por municipio" and sees numbers. A screenshot is kept in e2e/artifacts/.
import { graphqlRequest } from "@sos/kit/testing";
import { DEVELOPMENT_PERSONAS } from "@sos/gateway/playground/personas";
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStack, trustedOperation, type Stack } from "./stack.js";

const ARTIFACTS = fileURLToPath(new URL("../artifacts/", import.meta.url));
/** Debian's package (`apt-get install chromium`; .ci/run installs it); CHROMIUM_PATH for another one. */
const CHROMIUM = process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium";

let stack: Stack;
let browser: Browser;
beforeAll(async () => {
  stack = await startStack({ members: 300 });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

/** A page whose requests to anywhere but the gateway are refused and recorded, and whose console errors are kept. */
async function offlinePage(): Promise<{ page: Page; outside: string[]; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const outside: string[] = [];
  const errors: string[] = [];
  const origin = new URL(stack.gatewayBase).origin;
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(origin) || url.startsWith("data:")) return route.continue();
    outside.push(url);
    return route.abort("internetdisconnected");
  });
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("response", async (response) => {
    if (response.status() >= 400) errors.push(`${response.status()} ${response.url()} ${response.request().postData()?.slice(0, 200)} ${(await response.text()).slice(0, 300)}`);
  });
  return { page, outside, errors };
}

async function signIn(page: Page, persona: string): Promise<void> {
  await page.selectOption("#sos-persona", { label: persona });
  await page.click("#sos-sign-in");
  await expect.poll(async () => (await page.textContent("#sos-session")) ?? "", { timeout: 15_000 }).toContain("(");
}

/** Opens a saved tab and waits until its query is in the editor (GraphiQL runs the operation it shows). */
async function openTab(page: Page, operation: string): Promise<void> {
  await page.getByRole("tab", { name: new RegExp(operation) }).click();
  await expect.poll(() => page.locator(".graphiql-query-editor .CodeMirror").innerText()).toContain(`query ${operation}`);
}

/** Runs the active tab and returns the answer GraphiQL shows. */
async function run(page: Page): Promise<string> {
  await page.click(".graphiql-execute-button");
  const response = page.locator(".graphiql-response .CodeMirror");
  await expect.poll(async () => (await response.innerText()).includes('"data"') || (await response.innerText()).includes('"errors"'), { timeout: 15_000 }).toBe(true);
  return response.innerText();
}

describe("the playground", () => {
  it("loads with the network cut, signs an analyst in and answers «afiliados por municipio» with numbers", async () => {
    const { page, outside, errors } = await offlinePage();
    const response = await page.goto(`${stack.gatewayBase}/graphql`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()["content-security-policy"]).toContain("default-src 'none'");
    await page.waitForSelector(".graphiql-container");
    await signIn(page, "Analista");
    expect(await page.textContent("#sos-session")).toContain("ANALYST");
    // The first saved tab is the analysts' first question.
    expect(await page.locator(".graphiql-query-editor .CodeMirror").innerText()).toContain("Afiliados por municipio y régimen");
    const answer = await run(page);
    const total = Number(/"total":\s*(\d+)/.exec(answer)?.[1]);
    expect(total).toBeGreaterThan(0);
    expect(answer).toMatch(/"municipalityCode":\s*"76001"/);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: `${ARTIFACTS}playground-analyst.png`, fullPage: true });
    // The next question starts with this year in its variables.
    await openTab(page, "IncapacityDaysByType");
    expect(await run(page)).toMatch(/"days":\s*\d+/);
    expect(outside).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it("offers the member dashboard, which answers the signed-in member's own data", async () => {
    const { page, outside, errors } = await offlinePage();
    await page.goto(`${stack.gatewayBase}/graphql`);
    await page.waitForSelector(".graphiql-container");
    await signIn(page, "Afiliada cotizante (María Fernanda)");
    await openTab(page, "MemberHome");
    const answer = await run(page);
    expect(answer).toMatch(/"fullName":\s*"María Fernanda Valencia/i);
    expect(outside).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it("signs in every development persona it offers (the list matches identity's seed)", async () => {
    const login = trustedOperation("Login");
    for (const persona of DEVELOPMENT_PERSONAS) {
      const result = await graphqlRequest<{ login: { accessToken: string } }>(stack.gatewayUrl, null, {
        variables: { input: { email: persona.email, password: persona.password } },
        extensions: { persistedQuery: { version: 1, sha256Hash: login.id } },
      });
      expect(result.errors, `${persona.label}: ${JSON.stringify(result.errors)}`).toBeUndefined();
      expect(result.data?.login.accessToken).toEqual(expect.any(String));
    }
  });

  it("serves GraphQL to clients and the page only to browsers, with every asset from this origin", async () => {
    const json = await fetch(stack.gatewayUrl, { headers: { accept: "application/json" } });
    expect(json.status).toBe(400);
    const page = await fetch(stack.gatewayUrl, { headers: { accept: "text/html" } });
    const html = await page.text();
    for (const src of html.matchAll(/(?:src|href)="([^"]+)"/g)) expect(src[1]).toMatch(/^\/playground\//);
    const script = await fetch(`${stack.gatewayBase}/playground/graphiql.js`, { headers: { "accept-encoding": "gzip" } });
    expect(script.status).toBe(200);
    expect(script.headers.get("etag")).toBeTruthy();
  });
});
