// npm start [-- --members N]: the whole graph on this machine, with synthetic seed data.
// Provisions the database (MONGODB_URI, a mongod on PATH, or SecantusDB), creates the development signing
// key on first run, seeds an empty database, starts every subgraph and the gateway, and stops all of it
// (the database server too, if it started one) on Ctrl-C.
import { connectDatabase, createLogger, ensureDevKeys } from "@sos/kit";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { provisionDatabase } from "./lib/database/index.js";
import { REPO_ROOT } from "./lib/paths.js";
import { provisionRedis } from "./lib/redis.js";
import { startGraph } from "./lib/graph.js";
import { IDENTITY_SUBGRAPH, loadSubgraph, readRegistry } from "./lib/registry.js";
import type { RunningService } from "./lib/services.js";

const { values } = parseArgs({ options: { members: { type: "string" } } });
const members = values.members ? Number(values.members) : undefined;
if (members !== undefined && !(Number.isInteger(members) && members >= 10)) {
  console.error("--members must be a whole number of at least 10");
  process.exit(2);
}

const logger = createLogger("start");
const gatewayPort = process.env["PORT"] ?? "4000";
const running: RunningService[] = [];
let shuttingDown = false;

const db = await provisionDatabase({ dataDir: ".dev/db" });
const redis = await provisionRedis();

async function shutdown(code: number): Promise<never> {
  if (!shuttingDown) {
    shuttingDown = true;
    // All at once: each is marked as stopping before any exits, so none is taken for a crash.
    await Promise.all(running.map((service) => service.stop()));
    await redis.stop();
    await db.stop();
  }
  process.exit(code);
}
process.once("SIGINT", () => void shutdown(130));
process.once("SIGTERM", () => void shutdown(143));

try {
  const keys = await ensureDevKeys(join(REPO_ROOT, ".dev", "keys"));

  const registry = readRegistry();
  // Seed the subgraphs that say so, each in its own database; a seeded database is left as it is.
  for (const entry of registry.filter((subgraph) => subgraph.seed)) {
    const subgraph = await loadSubgraph(entry);
    const connection = await connectDatabase({ uri: db.uri, dbName: entry.name, logger });
    await subgraph.ensureIndexes(connection);
    const report = await subgraph.definition.seed?.(connection, { ...(members && { members }), logger });
    await connection.close();
    logger.info({ subgraph: entry.name, ...report }, report?.created ? "seeded" : "already seeded");
  }

  // A service that crashes is started again, with a growing delay, while the others keep serving.
  const restart = {
    onRestart(name: string, code: number | null, delayMs: number, attempt: number) {
      logger.error({ service: name, code, attempt }, `${name} stopped unexpectedly; restarting it in ${delayMs / 1000} s`);
    },
  };
  // A fresh secret each start: the subgraphs accept only calls from this gateway (and from each other).
  await startGraph({
    mongoUri: db.uri,
    gatewayPort: Number(gatewayPort),
    publicKeyPath: keys.publicKeyPath,
    gatewaySecret: randomBytes(24).toString("base64url"),
    redisUrl: redis.url,
    onExit: restart,
    onStarted: (service) => running.push(service),
  });

  const mailCatcher = readRegistry().find((entry) => entry.name === IDENTITY_SUBGRAPH)?.standIn?.port;
  console.log(`
  The graph is up: http://127.0.0.1:${gatewayPort}/graphql   (database: ${db.kind}; rate limits: ${redis.url ? `Redis ${redis.url}` : "in memory, no Redis found"})
  A token for a seeded persona:  npm run token -- member   (or beneficiary, employer, ips, agent, analyst)
  Or sign in through the graph (docs/identity.md): mutation { login(input: { email: "mariafernanda.valencia@correo.example",
    password: "Oficina-virtual-2026" }) { accessToken } }${mailCatcher ? `   — e-mail (registration codes, certificates, PQRS answers, notices) is at http://127.0.0.1:${mailCatcher}` : ""}
  Try:
    curl -s http://127.0.0.1:${gatewayPort}/graphql -H 'content-type: application/json' \\
      -H "authorization: Bearer $(npm run -s token -- member)" \\
      -d '{"query":"{ me { fullName state familyGroup { beneficiaries { fullName relationship } } } }"}'
  Ctrl-C stops everything.
`);
} catch (error) {
  logger.error({ err: error }, "start failed");
  await shutdown(1);
}
