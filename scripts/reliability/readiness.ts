// Readiness as an orchestrator's probe sees it, polled every 100 ms, and waiting on a condition with a
// deadline (the runs wait on what happened, never for a fixed time).
import { setTimeout as sleep } from "node:timers/promises";

export interface ReadinessChange {
  name: string;
  ready: boolean;
  /** Date.now() of the first poll that saw it (the report gives it relative to the fault). */
  at: number;
}

export function watchReadiness(urls: Record<string, string>, intervalMs = 100): { state(name: string): boolean | undefined; stop(): ReadinessChange[] } {
  const state = new Map<string, boolean>();
  const changes: ReadinessChange[] = [];
  let stopped = false;
  const poll = async (name: string, url: string): Promise<void> => {
    while (!stopped) {
      const ready = await fetch(url, { signal: AbortSignal.timeout(2_000) }).then(
        async (response) => (await response.arrayBuffer(), response.ok),
        () => false,
      );
      if (state.get(name) !== ready) {
        state.set(name, ready);
        changes.push({ name, ready, at: Date.now() });
      }
      await sleep(intervalMs);
    }
  };
  const polls = Object.entries(urls).map(([name, url]) => poll(name, url));
  return {
    state: (name) => state.get(name),
    stop() {
      stopped = true;
      void Promise.all(polls);
      return changes;
    },
  };
}

/** Resolves when `condition` holds (checked every 50 ms); throws naming `what` after `timeoutMs`. */
export async function until(condition: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`waited ${timeoutMs / 1_000} s for ${what}`);
    await sleep(50);
  }
}
