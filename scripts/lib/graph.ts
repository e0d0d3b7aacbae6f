// The graph as separate processes, from the registry: every subgraph, then the gateway. The start
// command and the benchmark run it; each says where the databases are and what happens when a
// process exits by itself.
import { join, relative } from "node:path";
import { REPO_ROOT } from "./paths.js";
import { IDENTITY_SUBGRAPH, LEDGER_SUBGRAPH, jwksUrlAt, packageDir, readRegistry, standInEnv, urlVariable, type RegisteredSubgraph } from "./registry.js";
import { startService, type RestartPolicy, type RunningService, type ServiceSpec } from "./services.js";

export interface GraphOptions {
  mongoUri: string;
  /** The database of each subgraph (its name by default). */
  dbName?: (subgraph: RegisteredSubgraph) => string;
  /** The port of each subgraph (the registry's by default). */
  port?: (subgraph: RegisteredSubgraph) => number;
  gatewayPort: number;
  publicKeyPath: string;
  /** Shared by the gateway (which presents it) and the subgraphs (which require it). */
  gatewaySecret: string;
  redisUrl?: string | null;
  /** Added to every process's environment (LOG_LEVEL, ...). */
  env?: Record<string, string>;
  /** Added to the gateway's environment. */
  gatewayEnv?: Record<string, string>;
  onExit: ((name: string, code: number | null) => void) | RestartPolicy;
  /** Resolves or rejects before readiness (a process that died while starting). */
  failed?: Promise<never>;
  /** Told of each process as soon as it is spawned, so a caller interrupted meanwhile can stop it. */
  onStarted?: (service: RunningService) => void;
  /** Run the subgraphs and the gateway from their builds (`npm run build`), as production does; stand-ins stay on tsx. */
  fromBuild?: boolean;
  /** Start the gateway too (default); false: the subgraphs only, for a caller that runs its own gateways. */
  withGateway?: boolean;
}

export interface RunningGraph {
  subgraphs: { name: string; url: string; service: RunningService }[];
  /** null when started withGateway: false. */
  gateway: RunningService | null;
  /** How the gateway was started (null without one): a caller can start another like it. */
  gatewaySpec: ServiceSpec | null;
  gatewayUrl: string;
  /** Every process, in start order. */
  services: RunningService[];
}

export async function startGraph(options: GraphOptions): Promise<RunningGraph> {
  const host = "127.0.0.1";
  const registry = readRegistry();
  const services: RunningService[] = [];
  const subgraphs: RunningGraph["subgraphs"] = [];
  const urlOf = (entry: RegisteredSubgraph) => `http://${host}:${options.port?.(entry) ?? entry.port}/graphql`;
  const wait = (service: RunningService) => (options.failed ? Promise.race([service.ready(), options.failed]) : service.ready());
  // Tokens from the identity subgraph (its key set) and from `npm run token` (the development key).
  const identity = registry.find((entry) => entry.name === IDENTITY_SUBGRAPH);
  const trust: Record<string, string> = { JWT_PUBLIC_KEY_FILE: options.publicKeyPath, ...(identity && { JWT_JWKS_URL: jwksUrlAt(urlOf(identity).replace(/\/graphql$/, "")) }) };
  // The access ledger is the audit subgraph's database, wherever that one is named.
  const ledger = registry.find((entry) => entry.name === LEDGER_SUBGRAPH);
  const ledgerEnv: Record<string, string> = ledger ? { LEDGER_DB: options.dbName?.(ledger) ?? ledger.name } : {};
  try {
    for (const entry of registry) {
      const url = urlOf(entry);
      const sharedEnv = entry.standIn
        ? standInEnv(entry.standIn, { standIn: `http://${host}:${entry.standIn.port}`, self: url.replace(/\/graphql$/, ""), gateway: `http://${host}:${options.gatewayPort}` })
        : {};
      if (entry.standIn) {
        // The outside peer's stand-in first (a bank's sandbox), and the subgraph pointed at it.
        const standIn = startService(
          {
            name: `${entry.name}-stand-in`,
            entry: relative(REPO_ROOT, join(packageDir(entry.package), entry.standIn.entry)),
            env: { ...options.env, ...sharedEnv, PORT: String(entry.standIn.port), HOST: host },
            readyUrl: `http://${host}:${entry.standIn.port}/health`,
          },
          options.onExit,
        );
        services.push(standIn);
        options.onStarted?.(standIn);
        await wait(standIn);
      }
      const service = startService(
        {
          name: entry.name,
          entry: relative(REPO_ROOT, join(packageDir(entry.package), options.fromBuild ? "dist/index.js" : "src/index.ts")),
          fromBuild: options.fromBuild ?? false,
          env: {
            ...options.env,
            MONGODB_URI: options.mongoUri,
            MONGODB_DB: options.dbName?.(entry) ?? entry.name,
            PORT: String(options.port?.(entry) ?? entry.port),
            HOST: host,
            ...trust,
            ...ledgerEnv,
            GATEWAY_SECRETS: options.gatewaySecret,
            // Printed on certificates (where to verify a code): the gateway this start runs.
            PUBLIC_ORIGIN: `http://${host}:${options.gatewayPort}`,
            // Every other subgraph, by name: affiliation for access checks, any peer for the rare direct question.
            ...Object.fromEntries(registry.filter((peer) => peer !== entry).map((peer) => [urlVariable(peer.name), urlOf(peer)])),
            ...sharedEnv,
          },
          readyUrl: url.replace(/\/graphql$/, "/health/ready"),
        },
        options.onExit,
      );
      services.push(service);
      options.onStarted?.(service);
      subgraphs.push({ name: entry.name, url, service });
    }
    for (const service of services) await wait(service);
    const gatewayUrl = `http://${host}:${options.gatewayPort}/graphql`;
    if (options.withGateway === false) return { subgraphs, gateway: null, gatewaySpec: null, gatewayUrl, services };
    const gatewaySpec: ServiceSpec = {
      name: "gateway",
      entry: options.fromBuild ? "gateway/dist/index.js" : "gateway/src/index.ts",
      fromBuild: options.fromBuild ?? false,
      env: {
        ...options.env,
        PORT: String(options.gatewayPort),
        HOST: host,
        ...trust,
        GATEWAY_SECRET: options.gatewaySecret,
        ...Object.fromEntries(subgraphs.map(({ name, url }) => [urlVariable(name), url])),
        ...(options.redisUrl && { REDIS_URL: options.redisUrl }),
        ...options.gatewayEnv,
      },
      readyUrl: `http://${host}:${options.gatewayPort}/health/ready`,
    };
    const gateway = startService(gatewaySpec, options.onExit);
    services.push(gateway);
    options.onStarted?.(gateway);
    await wait(gateway);
    return { subgraphs, gateway, gatewaySpec, gatewayUrl, services };
  } catch (error) {
    for (const service of services.reverse()) await service.stop().catch(() => {});
    throw error;
  }
}
