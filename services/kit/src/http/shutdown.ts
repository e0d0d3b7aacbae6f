import { ConfigError } from "../config.js";
import type { Logger } from "../logger.js";
import type { RunningHttpServer } from "./serve.js";

/** How a process stops on SIGTERM (docs/operations.md, "Shutdown"). */
export interface ShutdownSettings {
  /**
   * SHUTDOWN_DELAY_MS: how long the process keeps answering while reporting not ready, so a load balancer
   * (Kubernetes endpoints) stops sending it requests before it stops listening. 0 on one machine.
   */
  delayMs: number;
  /** SHUTDOWN_GRACE_MS: how long requests under way may take to finish before their connections are cut. */
  graceMs: number;
}

function millisecondsEnv(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 600_000) throw new ConfigError(`${name} must be a whole number of milliseconds between 0 and 600000, got "${raw}".`);
  return value;
}

export function shutdownSettings(env: NodeJS.ProcessEnv = process.env): ShutdownSettings {
  return { delayMs: millisecondsEnv(env, "SHUTDOWN_DELAY_MS", 0), graceMs: millisecondsEnv(env, "SHUTDOWN_GRACE_MS", 10_000) };
}

/** What releasing may take after the grace period (closing the database, sending the last spans). */
const RELEASE_MS = 5_000;

export interface GracefulShutdown {
  logger: Logger;
  server: RunningHttpServer;
  settings: ShutdownSettings;
  /** Called at once on the signal: stop starting new work (background jobs' timers). */
  onSignal?: () => void;
  /** What to close once no request is under way (jobs still running, the database, the trace exporter), in order. */
  release: (() => Promise<void> | void)[];
  /** Ends the process (tests observe it instead). */
  exit?: (code: number) => void;
}

/**
 * On SIGTERM or SIGINT: report not ready, keep answering for the delay, stop accepting, let the
 * requests under way finish within the grace period, release the rest and exit — 0 when every request
 * was answered, 1 when some had to be cut off or a release failed.
 */
export function stopGracefully(options: GracefulShutdown): void {
  const { logger, server, settings } = options;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    // A second signal (Ctrl-C reaching the process twice, npm forwarding one) changes nothing.
    if (stopping) return;
    stopping = true;
    logger.info({ signal, inFlight: server.inFlight(), ...settings }, "shutting down: not ready any more, finishing requests under way");
    // Whatever hangs (a database that does not answer, an exporter), the process ends before the
    // orchestrator's own deadline would kill it without a word.
    setTimeout(() => {
      logger.error({ deadlineMs: settings.delayMs + settings.graceMs + RELEASE_MS }, "shutdown: still not done at its deadline; exiting");
      exit(1);
    }, settings.delayMs + settings.graceMs + RELEASE_MS).unref();
    options.onSignal?.();
    server.drain();
    if (settings.delayMs) await new Promise((resolve) => setTimeout(resolve, settings.delayMs));
    const { complete } = await server.close(settings.graceMs);
    if (!complete) logger.error({ graceMs: settings.graceMs }, "shutdown: requests still under way were cut off at the end of the grace period");
    let released = true;
    for (const release of options.release) {
      try {
        await release();
      } catch (error) {
        released = false;
        logger.error({ err: error }, "shutdown: could not release a resource");
      }
    }
    logger.info({ complete }, "stopped");
    exit(complete && released ? 0 : 1);
  };
  process.on("SIGINT", (signal) => void stop(signal));
  process.on("SIGTERM", (signal) => void stop(signal));
}
