import { createLogger } from "@sos/kit/logger";
import { loadConfig } from "./config.js";
import { createGateway } from "./server.js";

const logger = createLogger("gateway");
const config = await loadConfig();
const gateway = await createGateway({ ...config, logger });
const running = await gateway.listen(config.port, config.host);
logger.info({ url: running.url, subgraphs: gateway.subgraphs }, "gateway ready");

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    logger.info({ signal }, "shutting down");
    void running
      .close()
      .then(() => gateway.close())
      .finally(() => process.exit(0));
  });
}
