// Hive Gateway on the graph's supergraph, for npm run bench:compare: one process, node's HTTP server, the
// JavaScript planner (HIVE_PLANNER=js) or Hive Router's Rust planner (HIVE_PLANNER=rust, through
// @graphql-hive/router-runtime). It forwards what our gateway forwards (the caller's token, the declared
// purpose, the request id) plus the secret the subgraphs require, and does nothing else: no token
// verification, no rate limits, no cost limits, so each request costs it less work than ours.
import { createGatewayRuntime } from "@graphql-hive/gateway";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};
const planner = env("HIVE_PLANNER");
if (planner !== "js" && planner !== "rust") throw new Error("HIVE_PLANNER must be js or rust");
const secret = env("GATEWAY_SECRET");
const FORWARDED = ["authorization", "x-access-purpose", "x-request-id"];

const runtime = createGatewayRuntime({
  supergraph: readFileSync(env("SUPERGRAPH_FILE"), "utf8"),
  ...(planner === "rust" && { unifiedGraphHandler: (await import("@graphql-hive/router-runtime")).unifiedGraphHandler }),
  graphqlEndpoint: "/graphql",
  landingPage: false,
  graphiql: false,
  logging: "warn",
  propagateHeaders: {
    fromClientToSubgraphs({ request }) {
      const headers = { "x-gateway-secret": secret };
      for (const name of FORWARDED) {
        const value = request.headers.get(name);
        if (value) headers[name] = value;
      }
      return headers;
    },
  },
});

const server = createServer(runtime);
server.listen(Number(env("PORT")), "127.0.0.1");
const stop = () => server.close(() => void runtime.dispose().finally(() => process.exit(0)));
process.once("SIGTERM", stop);
process.once("SIGINT", stop);
