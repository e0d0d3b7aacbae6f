import { connectDatabase, createLogger } from "@sos/kit";
import { loadConfig } from "./config.js";
import { seedAffiliation } from "./seed/seed.js";
import { SERVICE_NAME, createServer } from "./server.js";

const logger = createLogger(SERVICE_NAME);
const config = await loadConfig();
const connection = await connectDatabase({ uri: config.mongoUri, dbName: config.dbName, logger });
const server = await createServer({ connection, publicKeyPem: config.publicKeyPem, logger, limits: config.limits, gatewaySecrets: config.gatewaySecrets });
if (!config.gatewaySecrets.length) logger.warn("GATEWAY_SECRETS is not set: accepting calls that do not come through the gateway (development only)");
// docker-compose's development stack asks for synthetic data; a seeded database is left as it is.
if (config.seedMembers) await seedAffiliation(connection, { members: config.seedMembers, logger });
const running = await server.listen(config.port, config.host);
logger.info({ url: running.url }, "affiliation subgraph ready");

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    logger.info({ signal }, "shutting down");
    void running
      .close()
      .then(() => connection.close())
      .finally(() => process.exit(0));
  });
}
