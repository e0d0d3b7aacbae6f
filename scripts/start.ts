// npm start [-- --members N]: the whole graph on this machine, with synthetic seed data.
// Provisions the database (MONGODB_URI, a mongod on PATH, or SecantusDB), creates the development signing
// key on first run, seeds an empty database, starts every subgraph and the gateway, and stops all of it
// (the database server too, if it started one) on Ctrl-C.
import { connectDatabase, createLogger, ensureDevKeys, ensureIndexes } from "@sos/kit";
import { createModels } from "../services/affiliation/src/context.js";
import { seedAffiliation } from "../services/affiliation/src/seed/seed.js";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { provisionDatabase, REPO_ROOT } from "./lib/database.mjs";
import { provisionRedis } from "./lib/redis.js";
import { startService, type RunningService } from "./lib/services.js";

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
    for (const service of [...running].reverse()) await service.stop();
    await redis.stop();
    await db.stop();
  }
  process.exit(code);
}
process.once("SIGINT", () => void shutdown(130));
process.once("SIGTERM", () => void shutdown(143));

try {
  const keys = await ensureDevKeys(join(REPO_ROOT, ".dev", "keys"));

  const connection = await connectDatabase({ uri: db.uri, dbName: "affiliation", logger });
  await ensureIndexes(Object.values(createModels(connection)));
  const report = await seedAffiliation(connection, { ...(members && { members }), logger });
  await connection.close();
  logger.info(report, report.created ? "seeded the affiliation database" : "affiliation database already seeded");

  // A service that crashes is started again, with a growing delay, while the others keep serving.
  const restart = {
    onRestart(name: string, code: number | null, delayMs: number, attempt: number) {
      logger.error({ service: name, code, attempt }, `${name} stopped unexpectedly; restarting it in ${delayMs / 1000} s`);
    },
  };
  // A fresh secret each start: the subgraphs accept only calls from this gateway.
  const gatewaySecret = randomBytes(24).toString("base64url");
  const common = { MONGODB_URI: db.uri, JWT_PUBLIC_KEY_FILE: keys.publicKeyPath, GATEWAY_SECRETS: gatewaySecret };
  const affiliation = startService(
    { name: "affiliation", entry: "services/affiliation/src/index.ts", env: { ...common, PORT: "4001", MONGODB_DB: "affiliation" }, readyUrl: "http://127.0.0.1:4001/health/ready" },
    restart,
  );
  running.push(affiliation);
  await affiliation.ready();
  const gateway = startService(
    {
      name: "gateway",
      entry: "gateway/src/index.ts",
      env: { JWT_PUBLIC_KEY_FILE: keys.publicKeyPath, PORT: gatewayPort, GATEWAY_SECRET: gatewaySecret, ...(redis.url && { REDIS_URL: redis.url }) },
      readyUrl: `http://127.0.0.1:${gatewayPort}/health/ready`,
    },
    restart,
  );
  running.push(gateway);
  await gateway.ready();

  console.log(`
  The graph is up: http://127.0.0.1:${gatewayPort}/graphql   (database: ${db.kind}; rate limits: ${redis.url ? `Redis ${redis.url}` : "in memory, no Redis found"})
  A token for a seeded persona:  npm run token -- member   (or beneficiary, employer, ips, agent, analyst)
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
