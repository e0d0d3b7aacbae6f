import { shutdownSettings, stopGracefully } from "@sos/kit/http";
import { createLogger } from "@sos/kit/logger";
import { labelProcess, startTracing } from "@sos/kit/observability";
import { loadConfig } from "./config.js";
import { createGateway } from "./server.js";

// Apollo's gateway reports usage to Apollo's servers unless told not to: this graph talks to nobody outside.
process.env["APOLLO_TELEMETRY_DISABLED"] ??= "true";
const tracing = startTracing("gateway");
labelProcess("gateway");
const logger = createLogger("gateway");
const config = await loadConfig();
const shutdown = shutdownSettings();
const gateway = await createGateway({ ...config, logger });
const running = await gateway.listen(config.port, config.host);
logger.info({ url: running.url, subgraphs: gateway.subgraphs, tracing: tracing.enabled }, "gateway ready");

stopGracefully({ logger, server: running, settings: shutdown, release: [() => gateway.close(), () => tracing.shutdown()] });
