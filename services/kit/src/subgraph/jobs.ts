import type { Logger } from "../logger.js";
import type { SubgraphJob } from "./define.js";

/** One job at start and then on its interval (a process restarted often still runs it); never two runs at once. */
export function repeat(job: SubgraphJob, logger: Logger): { stop(): void; idle(): Promise<void> } {
  let current: Promise<void> | null = null;
  let stopped = false;
  const tick = () => {
    if (current || stopped) return;
    current = job
      .run()
      .catch((error: unknown) => logger.error({ err: error, job: job.name }, "background job failed"))
      .finally(() => (current = null));
  };
  setImmediate(tick);
  const timer = setInterval(tick, job.everyMs).unref();
  return {
    stop() {
      stopped = true;
      clearInterval(timer);
    },
    idle: () => current ?? Promise.resolve(),
  };
}
