import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import type { RouteHandler } from "@sos/kit/http";
import { playgroundExamples } from "./examples.js";

/**
 * The analysts' and developers' playground at GET /graphql (a browser asking for HTML): GraphiQL and
 * React from this process's own npm packages, our sign-in bar, saved operations as tabs. Nothing is
 * loaded from another origin (the insurer's network may be closed), which the page's Content Security
 * Policy also enforces.
 */

const require = createRequire(import.meta.url);
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));
/** gateway/public: beside src/ and dist/, so the same path works from sources and from the build. */
const PUBLIC_DIR = fileURLToPath(new URL("../../public/", import.meta.url));

interface Asset {
  type: string;
  body: Buffer;
  /** Compressed on first request, not at start (GraphiQL's 3.5 MB take ~0.2 s to gzip). */
  gzipped(): Buffer;
  etag: string;
}

function assetOf(body: Buffer, type: string): Asset {
  let gzipped: Buffer | null = null;
  return { type, body, gzipped: () => (gzipped ??= gzipSync(body)), etag: `"${createHash("sha256").update(body).digest("hex").slice(0, 20)}"` };
}

const asset = (path: string, type: string): Asset => assetOf(readFileSync(path), type);

/** The files the page loads, read once at start (a missing package fails the start, not a request). */
function loadAssets(): Record<string, Asset> {
  const js = "text/javascript; charset=utf-8";
  const css = "text/css; charset=utf-8";
  return {
    "react.js": asset(join(packageDir("react"), "umd/react.production.min.js"), js),
    "react-dom.js": asset(join(packageDir("react-dom"), "umd/react-dom.production.min.js"), js),
    "graphiql.js": asset(join(packageDir("graphiql"), "graphiql.min.js"), js),
    "graphiql.css": asset(join(packageDir("graphiql"), "graphiql.min.css"), css),
    "playground.js": asset(join(PUBLIC_DIR, "playground.js"), js),
    "playground.css": asset(join(PUBLIC_DIR, "playground.css"), css),
  };
}

const SECURITY_HEADERS = {
  // GraphiQL sets styles inline and shows images as data: URLs; everything else comes from here.
  "content-security-policy":
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
};

function send(req: IncomingMessage, res: ServerResponse, file: Asset, cacheControl: string): void {
  if (req.headers["if-none-match"] === file.etag) {
    res.writeHead(304, { etag: file.etag, "cache-control": cacheControl }).end();
    return;
  }
  const gzip = /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
  const body = gzip ? file.gzipped() : file.body;
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    "content-type": file.type,
    "content-length": body.length,
    etag: file.etag,
    "cache-control": cacheControl,
    vary: "Accept-Encoding",
    ...(gzip && { "content-encoding": "gzip" }),
  });
  res.end(body);
}

/** A development account of the identity subgraph's seed, offered as a one-click sign-in. */
export interface PlaygroundPersona {
  label: string;
  email: string;
  password: string;
}

export interface PlaygroundOptions {
  /** The trusted documents' manifest (the examples' and the sign-in's bodies and ids). */
  manifest: string;
  /** Development only: the seeded accounts with their published password. None in production. */
  personas: readonly PlaygroundPersona[];
}

interface ManifestOperation {
  id: string;
  name: string;
  body: string;
}

const escapeJson = (value: unknown): string => JSON.stringify(value).replace(/</g, "\\u003c");

function page(config: unknown): string {
  return `<!doctype html>
<html lang="es">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Oficina Virtual S.O.S. — explorador del grafo</title>
<link rel="stylesheet" href="/playground/graphiql.css">
<link rel="stylesheet" href="/playground/playground.css">
</head>
<body>
<div id="graphiql">Cargando el explorador…</div>
<script type="application/json" id="playground-config">${escapeJson(config)}</script>
<script src="/playground/react.js"></script>
<script src="/playground/react-dom.js"></script>
<script src="/playground/graphiql.js"></script>
<script src="/playground/playground.js"></script>
</body>
</html>
`;
}

/** The page (for GET /graphql from a browser) and its assets under /playground/. */
export function playgroundRoutes(options: PlaygroundOptions): { landingPage: RouteHandler; routes: Record<string, RouteHandler> } {
  const assets = loadAssets();
  const operations = (JSON.parse(options.manifest) as { operations: ManifestOperation[] }).operations;
  const byName = new Map(operations.map((operation) => [operation.name, operation]));
  const login = byName.get("Login");
  const examples = playgroundExamples().flatMap(({ title, operation, variables }) => {
    const found = byName.get(operation);
    return found ? [{ title, operation, query: found.body, variables: variables ?? {} }] : [];
  });
  const html = page({ loginId: login?.id ?? null, personas: options.personas, examples });
  const landing = assetOf(Buffer.from(html), "text/html; charset=utf-8");
  const routes: Record<string, RouteHandler> = {};
  for (const [name, file] of Object.entries(assets)) routes[`GET /playground/${name}`] = (req, res) => send(req, res, file, "public, max-age=3600");
  return { landingPage: (req, res) => send(req, res, landing, "no-cache"), routes };
}
